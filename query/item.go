package query

import (
	"strings"
	"time"

	"smhbin/api"
)

// Kind is the coarse type class that type: tests, derived from an item's
// type, fileType and extension by KindOf.
type Kind uint8

// Kinds, in the order type: lists them. A file is any kind but KindDir.
const (
	KindOther Kind = iota
	KindImage
	KindVideo
	KindAudio
	KindDoc
	KindDir
)

// Result is an item's restore outcome in this session, for result:.
type Result uint8

// Restore outcomes. ResultNone is an item that was never sent.
const (
	ResultNone Result = iota
	ResultRestored
	ResultRenamed
	ResultFailed
	ResultUnconfirmed
)

// Fields are the raw facts of one item that a query reads, for callers
// that do not hold an api.Item.
type Fields struct {
	Name       string
	Path       []string // original path including the name, as api.Item.OriginalPath
	Type       string   // api type: dir, file, image, video, album, …
	FileType   string   // api fileType: word, pdf, image, …
	Size       uint64
	Removed    time.Time // zero when unknown: then no deleted: term matches
	Left       int64     // whole days left before purge
	Restorable bool
}

// Item is the match-ready form of one recycled item. Build it once per
// item when the item arrives (NewItem or FromAPI) and keep it beside the
// item: matching then only compares precomputed values. Marked and Result
// change during a session; the owner sets them (or sets them on a copy
// before Match), since the query cannot see marks or outcomes itself.
type Item struct {
	// hay is "/" + folder + "/" + name lower-cased ("/" + name at the
	// root), one allocation shared by the name, path and ext tests.
	hay        string
	grams      uint64 // bigrams of hay, for a quick no before a substring search
	folderEnd  int32  // hay[:folderEnd] is "/folder/" (or "/"), for path:
	extOff     int32  // hay[extOff:] is the extension, "" when none
	kind       Kind
	restorable bool
	// Marked and Result are read by marked: and result:.
	Marked  bool
	Result  Result
	left    int64
	size    uint64
	removed int64 // unix milliseconds; 0 = unknown
}

// FromAPI builds the match-ready form of an API item.
func FromAPI(it *api.Item) Item {
	return NewItem(Fields{Name: it.Name, Path: it.OriginalPath, Type: it.Type, FileType: it.FileType,
		Size: it.Size, Removed: it.RemovalTime, Left: it.RemainingDays, Restorable: it.Restorable()})
}

// NewItem builds the match-ready form of an item from its raw fields.
func NewItem(f Fields) Item {
	// Plain words match lower(join(path, "/")), or lower(name) when the
	// path is empty: exactly what the name filter has always matched.
	name, folder := f.Name, ""
	if n := len(f.Path); n > 0 {
		name, folder = f.Path[n-1], strings.Join(f.Path[:n-1], "/")
	}
	var b strings.Builder
	b.Grow(len(folder) + len(name) + 2)
	b.WriteByte('/')
	if folder != "" {
		b.WriteString(folder)
		b.WriteByte('/')
	}
	folderEnd := b.Len()
	b.WriteString(name)
	hay := strings.ToLower(b.String())
	// ToLower maps rune by rune; a rune may change length, so the folder
	// end is found again in the lowered text rather than reused.
	if folder != "" {
		folderEnd = len(strings.ToLower(folder)) + 2
	}
	it := Item{hay: hay, grams: bigrams(hay), folderEnd: int32(folderEnd), extOff: int32(len(hay)), size: f.Size,
		left: f.Left, restorable: f.Restorable}
	if !f.Removed.IsZero() {
		it.removed = f.Removed.UnixMilli()
	}
	dir := f.Type == "dir" || f.Type == "album"
	if dot := strings.LastIndexByte(hay[folderEnd:], '.'); !dir && dot > 0 && folderEnd+dot+1 < len(hay) {
		it.extOff = int32(folderEnd + dot + 1)
	}
	it.kind = KindOf(f.Type, f.FileType, hay[it.extOff:])
	return it
}

// bigrams is a 64-bit Bloom signature of s's adjacent byte pairs. A
// needle whose pairs are not all in an item's signature cannot be a
// substring of its hay, and the check costs one AND where the search
// would read the hay from another cache line.
func bigrams(s string) uint64 {
	var m uint64
	for i := 1; i < len(s); i++ {
		m |= 1 << ((uint32(s[i-1])<<8 | uint32(s[i])) * 0x9E3779B1 >> 26)
	}
	return m
}

// Kind returns the item's type class.
func (it *Item) Kind() Kind { return it.kind }

// KindOf classifies an item: the API's type first (dir and album are
// folders; image, video), then its fileType, then the lower-cased
// extension (without the dot).
func KindOf(typ, fileType, ext string) Kind {
	switch typ {
	case "dir", "album":
		return KindDir
	case "image":
		return KindImage
	case "video":
		return KindVideo
	}
	switch fileType {
	case "image":
		return KindImage
	case "video":
		return KindVideo
	case "audio", "music":
		return KindAudio
	case "word", "excel", "powerpoint", "pdf", "text", "doc":
		return KindDoc
	}
	return extKinds[ext]
}

// extKinds maps common extensions to a kind, for items whose fileType
// says nothing (KindOther is the zero value of a miss).
var extKinds = map[string]Kind{
	"jpg": KindImage, "jpeg": KindImage, "png": KindImage, "gif": KindImage, "webp": KindImage,
	"heic": KindImage, "heif": KindImage, "bmp": KindImage, "tif": KindImage, "tiff": KindImage,
	"svg": KindImage, "raw": KindImage, "dng": KindImage, "cr2": KindImage, "nef": KindImage, "arw": KindImage,
	"mp4": KindVideo, "mov": KindVideo, "m4v": KindVideo, "avi": KindVideo, "mkv": KindVideo,
	"webm": KindVideo, "wmv": KindVideo, "flv": KindVideo, "3gp": KindVideo, "mts": KindVideo, "ts": KindVideo,
	"mp3": KindAudio, "m4a": KindAudio, "aac": KindAudio, "flac": KindAudio, "wav": KindAudio,
	"ogg": KindAudio, "opus": KindAudio, "wma": KindAudio, "aiff": KindAudio, "ape": KindAudio, "amr": KindAudio,
	"pdf": KindDoc, "doc": KindDoc, "docx": KindDoc, "xls": KindDoc, "xlsx": KindDoc, "csv": KindDoc,
	"ppt": KindDoc, "pptx": KindDoc, "txt": KindDoc, "md": KindDoc, "rtf": KindDoc, "odt": KindDoc,
	"ods": KindDoc, "odp": KindDoc, "pages": KindDoc, "numbers": KindDoc, "key": KindDoc,
	"wps": KindDoc, "et": KindDoc, "dps": KindDoc, "epub": KindDoc,
}
