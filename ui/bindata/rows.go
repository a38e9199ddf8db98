package bindata

import (
	"math"
	"strconv"
	"strings"
	"time"

	"smhbin/api"
)

// A million api.Items cost over half a gigabyte: 240 bytes of struct
// each, a path slice per item repeating the same folders, a CRC64 string,
// three 24-byte times. The store keeps each item as a Row instead: the
// fields every view reads (id, size, name) plus integers, with the strings
// items repeat (folders, space, type, file type, authority buttons) held
// once in tables the rows index. Store.Item rebuilds the full api.Item,
// exactly as it was added, for the few readers that need one.

// Row bits: the item's booleans, and how its path and CRC64 are held.
const (
	bitHasAuth     = 1 << iota // authorityList was sent
	bitCanDelete               // authorityList.canDelete
	bitCanRestore              // authorityList.canRestore
	bitPreviewDoc              // previewByDoc
	bitPreviewCI               // previewByCI
	bitPreviewIcon             // previewAsIcon
	bitPathNil                 // originalPath absent (nil)
	bitPathEmpty               // originalPath empty but present
	bitNoCRC                   // crc64 ""
	bitOdd                     // an item the row cannot hold: it is kept whole in odd
)

// noTime stands for the zero time.Time in a Row.
const noTime = math.MinInt64

// maxAttrs bounds the table of attribute sets (a place holds an index in
// 16 bits); items with a set past it are kept whole.
const maxAttrs = math.MaxUint16

// Row is one loaded item, compact. ID, Size and Name are the item's own;
// the rest is read through Rows (or rebuilt whole by Store.Item).
type Row struct {
	ID   int64
	Size uint64
	Name string
	// Times are unix nanoseconds in UTC, noTime for the zero time.
	removed, created, modified int64
	crc                        uint64 // crc64 as a number (see bitNoCRC)
	place                      int32  // index in places, or in odd with bitOdd
	days                       int16  // remainingTime
	bits                       uint16
}

// Restorable reports whether the server allows restoring the item (as
// api.Item.Restorable).
func (w *Row) Restorable() bool { return w.bits&bitHasAuth == 0 || w.bits&bitCanRestore != 0 }

// Deletable reports whether the server allows deleting the item for good
// (as api.Item.Deletable).
func (w *Row) Deletable() bool { return w.bits&bitHasAuth == 0 || w.bits&bitCanDelete != 0 }

// folder is an original parent folder shared by every row in it.
type folder struct {
	segs []string // the path's segments without the item's own name
	path string   // segs "/"-joined, as api.Item.Folder gives it
}

// place pairs a folder and an attribute set (indexes in Rows.folders and
// Rows.attrs): items in one folder mostly share one set, so a row holds
// both in 4 bytes.
type place struct {
	folder int32
	attr   uint16
}

// attr is a set of the fields items repeat, shared by every row with it.
type attr struct {
	space, typ, fileType string
	buttons              api.Flags
}

// Rows is a read-only snapshot of the loaded items: rows are only ever
// appended, so a snapshot stays valid, and may be read on another
// goroutine, while the store goes on loading.
type Rows struct {
	rows    []Row
	places  []place
	folders []folder
	attrs   []attr
	odd     []api.Item
	// asc and desc say whether the rows, in the order they were listed,
	// are ordered by removal time (both when all times are equal).
	asc, desc bool
}

// Len is the number of rows.
func (r *Rows) Len() int { return len(r.rows) }

// Cap is how many rows there is room for (the listing's size, once the
// store is reserved for it).
func (r *Rows) Cap() int { return cap(r.rows) }

// Row is row idx.
func (r *Rows) Row(idx int32) *Row { return &r.rows[idx] }

// oddItem is the whole item behind row w, or nil when the row holds it.
func (r *Rows) oddItem(w *Row) *api.Item {
	if w.bits&bitOdd == 0 {
		return nil
	}
	return &r.odd[w.place]
}

// folderOf is row w's folder (the root for an absent or empty path).
func (r *Rows) folderOf(w *Row) *folder { return &r.folders[r.places[w.place].folder] }

// attrOf is row w's attribute set.
func (r *Rows) attrOf(w *Row) *attr { return &r.attrs[r.places[w.place].attr] }

// RemovalTime is item idx's removal time.
func (r *Rows) RemovalTime(idx int32) time.Time {
	w := &r.rows[idx]
	if it := r.oddItem(w); it != nil {
		return it.RemovalTime
	}
	return fromNanos(w.removed)
}

// RemainingDays is item idx's days left.
func (r *Rows) RemainingDays(idx int32) int64 {
	w := &r.rows[idx]
	if it := r.oddItem(w); it != nil {
		return it.RemainingDays
	}
	return int64(w.days)
}

// Type is item idx's type (dir, file, …).
func (r *Rows) Type(idx int32) string {
	w := &r.rows[idx]
	if it := r.oddItem(w); it != nil {
		return it.Type
	}
	return r.attrOf(w).typ
}

// FolderSegs is item idx's original folder as segments (its path without
// its own name). The slice is shared and must not be modified.
func (r *Rows) FolderSegs(idx int32) []string {
	w := &r.rows[idx]
	if it := r.oddItem(w); it != nil {
		return it.OriginalPath[:max(len(it.OriginalPath)-1, 0)]
	}
	return r.folderOf(w).segs
}

// Folder is item idx's original folder, "/"-joined (api.Item.Folder).
func (r *Rows) Folder(idx int32) string {
	w := &r.rows[idx]
	if it := r.oddItem(w); it != nil {
		return it.Folder()
	}
	return r.folderOf(w).path
}

// PathLen is the number of segments in item idx's original path.
func (r *Rows) PathLen(idx int32) int {
	w := &r.rows[idx]
	switch {
	case w.bits&bitOdd != 0:
		return len(r.odd[w.place].OriginalPath)
	case w.bits&(bitPathNil|bitPathEmpty) != 0:
		return 0
	}
	return len(r.folderOf(w).segs) + 1
}

// Path is item idx's original path, a new slice.
func (r *Rows) Path(idx int32) []string {
	w := &r.rows[idx]
	switch {
	case w.bits&bitOdd != 0:
		return r.odd[w.place].OriginalPath
	case w.bits&bitPathNil != 0:
		return nil
	case w.bits&bitPathEmpty != 0:
		return []string{}
	}
	segs := r.folderOf(w).segs
	return append(segs[:len(segs):len(segs)], w.Name)
}

// Item rebuilds item idx exactly as it was added.
func (r *Rows) Item(idx int32) api.Item {
	w := &r.rows[idx]
	if it := r.oddItem(w); it != nil {
		return *it
	}
	a := r.attrOf(w)
	it := api.Item{
		ID: w.ID, Name: w.Name, OriginalPath: r.Path(idx), SpaceID: a.space, Size: w.Size,
		Type: a.typ, FileType: a.fileType,
		PreviewByDoc: w.bits&bitPreviewDoc != 0, PreviewByCI: w.bits&bitPreviewCI != 0,
		PreviewAsIcon: w.bits&bitPreviewIcon != 0,
		CreationTime:  fromNanos(w.created), ModificationTime: fromNanos(w.modified),
		RemovalTime: fromNanos(w.removed), RemainingDays: int64(w.days),
		Authority:    api.Authority{CanDelete: w.bits&bitCanDelete != 0, CanRestore: w.bits&bitCanRestore != 0},
		HasAuthority: w.bits&bitHasAuth != 0, Buttons: a.buttons,
	}
	if w.bits&bitNoCRC == 0 {
		it.CRC64 = strconv.FormatUint(w.crc, 10)
	}
	return it
}

// fromNanos is the time a Row holds as n.
func fromNanos(n int64) time.Time {
	if n == noTime {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// toNanos is t as a Row holds it, if it can: the zero time, or a UTC
// time within int64 nanoseconds that fromNanos gives back identically.
func toNanos(t time.Time) (int64, bool) {
	if t == (time.Time{}) {
		return noTime, true
	}
	n := t.UnixNano()
	return n, n != noTime && fromNanos(n) == t
}

// crcNumber is a crc64 as a number, if it is written the one way
// strconv.FormatUint writes it back.
func crcNumber(s string) (uint64, bool) {
	if len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, 64)
	return v, err == nil
}

// RowsOf builds the rows of items, one per item and in order (no
// deduplication), for one-shot groupings of a plain slice.
func RowsOf(items []api.Item) Rows {
	var t table
	names := newPageNames(items)
	for i := range items {
		t.add(&items[i], names.next(&items[i]))
	}
	return t.Rows
}

// pageNames holds a page's names in one string, so that they cost one
// allocation per page and keep none of the decoder's buffers alive.
type pageNames struct {
	all string
	off int
}

// newPageNames copies the names of items into one string.
func newPageNames(items []api.Item) pageNames {
	var b strings.Builder
	n := 0
	for i := range items {
		n += len(items[i].Name)
	}
	b.Grow(n)
	for i := range items {
		b.WriteString(items[i].Name)
	}
	return pageNames{all: b.String()}
}

// next is the copy of it's name; call it once per item, in order.
func (p *pageNames) next(it *api.Item) string {
	s := p.all[p.off : p.off+len(it.Name)]
	p.off += len(it.Name)
	return s
}
