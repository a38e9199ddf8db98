package query

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

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

// row is the fixed-size part of an item's match-ready form: everything
// but its text, which an Item holds itself and a Table packs into one
// buffer. Marked and Result change during a session; the owner sets them.
type row struct {
	size    uint64
	removed int64 // unix milliseconds; 0 = unknown
	left    int64
	grams   uint64 // bigrams of the lower-cased name, for a quick no
	extLen  uint32 // the extension is the name's last extLen bytes
	kind    Kind
	// restorable is read by restorable:.
	restorable bool
	// Marked and Result are read by marked: and result:.
	Marked bool
	Result Result
}

// folder is an original folder's match-ready text, shared by every item
// in it: "/" + lower-cased folder + "/", or "/" at the root. path: tests
// it whole; plain words test text[1:] joined to the name.
type folder struct {
	text  []byte
	grams uint64
}

// Item is the match-ready form of one item, on its own (the CLI tests
// items one at a time as they are listed; a Table holds many). Build it
// once with NewItem or FromAPI: matching then only compares precomputed
// values. Marked and Result are the owner's to set before Match, since
// the query cannot see marks or outcomes itself.
type Item struct {
	row
	name   []byte // lower-cased
	folder folder
}

// FromAPI builds the match-ready form of an API item.
func FromAPI(it *api.Item) Item { return NewItem(fieldsOf(it)) }

func fieldsOf(it *api.Item) Fields {
	return Fields{Name: it.Name, Path: it.OriginalPath, Type: it.Type, FileType: it.FileType,
		Size: it.Size, Removed: it.RemovalTime, Left: it.RemainingDays, Restorable: it.Restorable()}
}

// NewItem builds the match-ready form of an item from its raw fields.
func NewItem(f Fields) Item {
	name, dir := split(f)
	lname := appendLower(make([]byte, 0, len(name)), name)
	return Item{row: newRow(f, lname), name: lname, folder: newFolder(dir)}
}

// split is an item's name and original folder ("" at the root). Plain
// words match lower(join(path, "/")), or lower(name) when the path is
// empty: exactly what the name filter has always matched.
func split(f Fields) (name, dir string) {
	if n := len(f.Path); n > 0 {
		return f.Path[n-1], strings.Join(f.Path[:n-1], "/")
	}
	return f.Name, ""
}

// appendLower appends strings.ToLower(s) to dst; an ASCII s (most
// names) is lowered in place, without a string in between.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// newFolder is the match-ready text of folder dir. Lower-casing maps rune
// by rune and "/" is ASCII, so lowering the folder and the name apart
// gives the same text as lowering the joined path.
func newFolder(dir string) folder {
	text := []byte("/")
	if dir != "" {
		text = append(append(text, strings.ToLower(dir)...), '/')
	}
	return folder{text: text, grams: bigrams(text)}
}

// newRow is the fixed-size part of f's match-ready form, lname its
// lower-cased name.
func newRow(f Fields, lname []byte) row {
	r := row{size: f.Size, left: f.Left, restorable: f.Restorable, grams: bigrams(lname)}
	if !f.Removed.IsZero() {
		r.removed = f.Removed.UnixMilli()
	}
	isDir := f.Type == "dir" || f.Type == "album"
	if dot := bytes.LastIndexByte(lname, '.'); !isDir && dot > 0 && dot+1 < len(lname) {
		r.extLen = uint32(len(lname) - dot - 1)
	}
	r.kind = KindOf(f.Type, f.FileType, string(lname[len(lname)-int(r.extLen):]))
	return r
}

// bigrams is a 64-bit Bloom signature of s's adjacent byte pairs. A
// needle whose pairs are not all in an item's signature cannot be a
// substring of its name, and the check costs one AND where the search
// would read the name from another cache line.
func bigrams[T string | []byte](s T) uint64 {
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
