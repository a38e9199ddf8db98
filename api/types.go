// Package api is a client for the Tencent Cloud Smart Media Hosting (SMH)
// recycle-bin API: listing with marker pagination, item info,
// batch restores (including 202 + task polling), permanent deletes and
// emptying the bin, and an Engine that restores or deletes in chunks,
// bounds concurrency and reports per-item results as they arrive.
//
// It knows HTTP and JSON and nothing of terminals.
package api

import (
	"time"
)

// DefaultEndpoint is the generic SMH business API host used by every SDK.
const DefaultEndpoint = "https://api.tencentsmh.cn"

// Sort fields accepted by the list API's order_by parameter.
const (
	OrderByName             = "name"
	OrderByModificationTime = "modificationTime"
	OrderBySize             = "size"
	OrderByRemovalTime      = "removalTime"
	OrderByRemainingTime    = "remainingTime"
)

// Sort directions accepted by the list API's order_by_type parameter.
const (
	OrderAsc  = "asc"
	OrderDesc = "desc"
)

// PathStrategy is the restore_path_strategy sent with restores.
type PathStrategy string

// Restore path strategies.
const (
	// OriginalPath restores to the item's original folder and fails with
	// DirectoryNotFound when that folder is gone.
	OriginalPath PathStrategy = "originalPath"
	// FallbackToRoot restores to the space root when the original folder is gone.
	FallbackToRoot PathStrategy = "fallbackToRoot"
)

// Marker is an opaque list cursor. It holds the exact text to send back as
// marker= (the digits of a JSON number, or the contents of a JSON string).
// The empty Marker means "first page" in a query and "no more pages" in a Page.
type Marker string

// ListQuery selects one page of the recycle bin in marker mode.
type ListQuery struct {
	Marker    Marker // empty for the first page
	Limit     int    // items per page; 0 lets the server choose
	OrderBy   string // one of the OrderBy… constants; empty = server order
	OrderType string // OrderAsc or OrderDesc; empty = server default
}

// Page is one page of the listing.
type Page struct {
	TotalNum   int64  // total items in the bin, as reported by the server
	NextMarker Marker // empty on the last page
	Items      []Item
}

// Authority is an item's authorityList.
type Authority struct {
	CanDelete  bool
	CanRestore bool
}

// Item is one recycled item, with every documented field.
type Item struct {
	ID               int64    // recycledItemId; never decoded through float64
	Name             string   // name
	OriginalPath     []string // originalPath: full path including the item's own name
	SpaceID          string   // spaceId
	Size             uint64   // size (a decimal string on the wire, numbers accepted)
	Type             string   // dir | file | image | video | symlink | …
	FileType         string   // fileType: excel, powerpoint, pdf, …
	PreviewByDoc     bool
	PreviewByCI      bool
	PreviewAsIcon    bool
	CreationTime     time.Time
	ModificationTime time.Time
	RemovalTime      time.Time
	RemainingDays    int64 // remainingTime: whole days left (int or numeric string on the wire)
	// Authority is authorityList. When the server omits it, HasAuthority is
	// false and the item is treated as restorable.
	Authority    Authority
	HasAuthority bool
	// Buttons is authorityButtonList (show*Button flags) in the server's
	// order, nil when absent. A slice, not a map: at 100k items a map per
	// item would cost more than everything else the item holds.
	Buttons Flags
	CRC64   string
}

// Flag is one named boolean, e.g. {"showRestoreButton", true}.
type Flag struct {
	Name string
	On   bool
}

// Flags is a small ordered set of named booleans.
type Flags []Flag

// Get returns the named flag's value and whether it was sent.
func (f Flags) Get(name string) (on, ok bool) {
	for _, x := range f {
		if x.Name == name {
			return x.On, true
		}
	}
	return false, false
}

// Restorable reports whether the server allows restoring the item.
func (it *Item) Restorable() bool { return !it.HasAuthority || it.Authority.CanRestore }

// Deletable reports whether the server allows deleting the item for good.
// Like Restorable, an item without authorityList is taken to allow it;
// the server still has the last word (403 NoPermission).
func (it *Item) Deletable() bool { return !it.HasAuthority || it.Authority.CanDelete }

// Folder is the original parent folder of the item, "/"-joined, without
// the item's own name ("" for the root).
func (it *Item) Folder() string {
	if len(it.OriginalPath) <= 1 {
		return ""
	}
	n := 0
	for _, s := range it.OriginalPath[:len(it.OriginalPath)-1] {
		n += len(s) + 1
	}
	b := make([]byte, 0, n)
	for i, s := range it.OriginalPath[:len(it.OriginalPath)-1] {
		if i > 0 {
			b = append(b, '/')
		}
		b = append(b, s...)
	}
	return string(b)
}

// Info is the file-info body of GET …/{id}?info.
type Info struct {
	Type                  string
	CreationTime          time.Time
	ModificationTime      time.Time
	ContentType           string
	Size                  uint64
	ETag                  string
	CRC64                 string
	CosURL                string
	CosURLExpiration      time.Time
	MetaData              map[string]string
	PreviewByDoc          bool
	PreviewByCI           bool
	PreviewAsIcon         bool
	FileType              string
	AvailableCosURLs      []string
	Labels                []string
	Category              string
	LocalCreationTime     time.Time
	LocalModificationTime time.Time
}

// ItemResult is the outcome of restoring one item, from a batch row or a task
// row.
type ItemResult struct {
	ID      int64
	Status  int      // HTTP-like status of the row: 200 = restored
	Path    []string // final path (segments) when restored; may be nil on 204
	Code    string   // error code when failed, e.g. DirectoryNotFound
	Message string
}

// OK reports whether the item was restored.
func (r ItemResult) OK() bool { return r.Status >= 200 && r.Status < 300 }

// BatchResult is the reply to a batch restore: either per-item Results
// (HTTP 200/207) or, when the server went asynchronous (HTTP 202), a TaskID
// to pass to WaitTask.
type BatchResult struct {
	Results []ItemResult
	TaskID  string // non-empty only for 202 replies; kept as text (number or string on the wire)
}

// Async reports whether the server answered 202 with a task to poll.
func (b BatchResult) Async() bool { return b.TaskID != "" }
