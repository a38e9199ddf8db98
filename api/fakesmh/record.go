package fakesmh

import (
	"path"
	"strings"
	"time"
)

// Item types, as the type field of the wire format spells them.
const (
	TypeDir   = "dir"
	TypeFile  = "file"
	TypeImage = "image"
	TypeVideo = "video"
)

// Record describes one recycled item as the emulator stores it. The wire
// format is derived from it; fixtures passed to Add use the same type.
type Record struct {
	ID   int64
	Name string
	// OriginalPath is the full original path, one segment per element,
	// ending with Name.
	OriginalPath []string
	Type         string // TypeDir, TypeFile, TypeImage or TypeVideo
	FileType     string // word, excel, powerpoint, pdf, text, image, video or ""
	ContentType  string
	Size         uint64 // a directory's total, or 0

	CreationTime     time.Time
	ModificationTime time.Time
	RemovalTime      time.Time
	// RemainingDays is remainingTime: whole days left before purge. It is
	// computed by the server (set on the copies it returns, ignored by Add).
	RemainingDays int

	CanRestore bool // authorityList.canRestore; false → 403 NoPermission
	CanDelete  bool // authorityList.canDelete
	// ParentMissing: the original parent folder no longer exists, so a
	// restore under originalPath fails with DirectoryNotFound, until a
	// directory is restored at exactly that path.
	ParentMissing bool
	// SymlinkBroken: the item is a link whose target is gone; every restore
	// of it fails with SourceFileNotFound.
	SymlinkBroken bool
	// NameTaken: a live file or folder already has the item's original
	// path, so restoring it renames it (or conflicts under "ask"). Item
	// reports the current state; Add creates that live entry.
	NameTaken bool

	PreviewByDoc  bool
	PreviewByCI   bool
	PreviewAsIcon bool
	CRC64         string // decimal string; filled by Add when empty
}

// NewRecord returns a restorable, deletable file record at the given path
// (the last segment is its name), ready to be tuned and passed to Add.
func NewRecord(segments ...string) Record {
	r := Record{OriginalPath: append([]string(nil), segments...), CanRestore: true, CanDelete: true}
	if len(segments) > 0 {
		r.Name = segments[len(segments)-1]
	}
	return r
}

// clone returns a deep copy of r, so callers never share slices with the store.
func (r Record) clone() Record {
	r.OriginalPath = append([]string(nil), r.OriginalPath...)
	return r
}

// parent is the record's original folder (without its name).
func (r *Record) parent() []string {
	if len(r.OriginalPath) == 0 {
		return nil
	}
	return r.OriginalPath[:len(r.OriginalPath)-1]
}

// normalize fills a fixture's derivable zero fields so that a hand-made
// Record needs only a path. now is the server's reference time.
func (r *Record) normalize(now time.Time, media bool) {
	if r.Name == "" && len(r.OriginalPath) > 0 {
		r.Name = r.OriginalPath[len(r.OriginalPath)-1]
	}
	if n := len(r.OriginalPath); n == 0 || r.OriginalPath[n-1] != r.Name {
		// A path not ending with the name is taken to be the folder.
		r.OriginalPath = append(append([]string(nil), r.OriginalPath...), r.Name)
	} else {
		r.OriginalPath = append([]string(nil), r.OriginalPath...)
	}
	if r.Type == "" {
		r.Type = TypeFile
	}
	if r.FileType == "" && r.Type != TypeDir {
		k := kindOf(r.Name)
		r.FileType = k.fileType
		if media && r.Type == TypeFile && (k.fileType == "image" || k.fileType == "video") {
			r.Type = k.fileType
		}
		r.PreviewByDoc, r.PreviewByCI, r.PreviewAsIcon = k.previewDoc, k.previewCI, k.previewIcon
	}
	if r.ContentType == "" {
		r.ContentType = contentTypeOf(r.Name, r.Type)
	}
	if r.RemovalTime.IsZero() {
		r.RemovalTime = now.Add(-time.Hour)
	}
	if r.ModificationTime.IsZero() {
		r.ModificationTime = r.RemovalTime.Add(-24 * time.Hour)
	}
	if r.CreationTime.IsZero() {
		r.CreationTime = r.ModificationTime
	}
	if r.CRC64 == "" && r.Type != TypeDir {
		r.CRC64 = crcOf(r.ID, r.Size)
	}
}

// kind holds what the extension of a file name implies.
type kind struct {
	fileType                           string
	previewDoc, previewCI, previewIcon bool
}

// kindOf maps a file name's extension to its fileType and preview flags:
// images and videos preview through CI (thumbnails usable as icons),
// office documents, PDFs and text through the document previewer.
func kindOf(name string) kind {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".heic", ".gif", ".webp":
		return kind{"image", false, true, true}
	case ".mp4", ".mov", ".m4v", ".avi":
		return kind{"video", false, true, true}
	case ".doc", ".docx":
		return kind{"word", true, false, false}
	case ".xls", ".xlsx", ".csv":
		return kind{"excel", true, false, false}
	case ".ppt", ".pptx":
		return kind{"powerpoint", true, false, false}
	case ".pdf":
		return kind{"pdf", true, false, false}
	case ".txt", ".md":
		return kind{"text", true, false, false}
	}
	return kind{}
}

// contentTypeOf is the MIME type the info call reports.
func contentTypeOf(name, typ string) string {
	if typ == TypeDir {
		return ""
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".heic":
		return "image/heic"
	case ".mp4", ".m4v":
		return "video/mp4"
	case ".mov":
		return "video/quicktime"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".pptx":
		return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	case ".pdf":
		return "application/pdf"
	case ".txt", ".md":
		return "text/plain"
	}
	return "application/octet-stream"
}

// mix64 is splitmix64's finaliser: a cheap, well-spread hash used to derive
// stable per-item values (crc64, eTag) from an id.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// crcOf is a stand-in crc64 as a decimal string, stable for an id and size.
func crcOf(id int64, size uint64) string {
	return uitoa(mix64(uint64(id) ^ size<<7))
}

// uitoa formats u in decimal without fmt, for the hot seeding path.
func uitoa(u uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			return string(b[i:])
		}
	}
}
