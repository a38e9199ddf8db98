package fakesmh

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"smhbin/internal/jsonw"
)

// Listing pages are the emulator's hot path: 1,000 items with CJK names
// and every field, on the same cores as the client being measured.
// encoding/json spent ≈ 1.8 ms and ≈ 20,000 allocations a page on them,
// which set the floor of every listing benchmark, so pages are written by
// the hand encoder below. Its output is the same bytes as encoding/json's
// for the same wireList (TestListEncoderMatchesEncodingJSON), which keeps
// the types here the one description of the wire shape (see jsonw).

// wireAuthority is authorityList.
type wireAuthority struct {
	CanRestore bool `json:"canRestore"`
	CanDelete  bool `json:"canDelete"`
}

// wireButtons is authorityButtonList, as in the doc example; only the
// delete and restore buttons vary.
type wireButtons struct {
	ShowViewButton      bool `json:"showViewButton"`
	ShowPreviewButton   bool `json:"showPreviewButton"`
	ShowDownloadButton  bool `json:"showDownloadButton"`
	ShowUploadButton    bool `json:"showUploadButton"`
	ShowDeleteButton    bool `json:"showDeleteButton"`
	ShowAuthorizeButton bool `json:"showAuthorizeButton"`
	ShowShareButton     bool `json:"showShareButton"`
	ShowModifyButton    bool `json:"showModifyButton"`
	ShowRestoreButton   bool `json:"showRestoreButton"`
}

// isoStamp is a time sent in SMH's format (isoTime), formatted as it is
// written rather than kept as a string.
type isoStamp time.Time

// MarshalJSON writes the quoted isoTime form.
func (t isoStamp) MarshalJSON() ([]byte, error) { return t.appendJSON(nil), nil }

func (t isoStamp) appendJSON(b []byte) []byte { return jsonw.Time(b, time.Time(t)) }

// decimal is an unsigned integer sent as a decimal string, as SMH sends
// sizes (they may exceed 2^53).
type decimal uint64

// MarshalJSON writes the quoted decimal.
func (d decimal) MarshalJSON() ([]byte, error) { return d.appendJSON(nil), nil }

func (d decimal) appendJSON(b []byte) []byte {
	b = append(b, '"')
	b = strconv.AppendUint(b, uint64(d), 10)
	return append(b, '"')
}

// wireItem is one element of a listing's contents, in the documented shape.
type wireItem struct {
	RecycledItemID      int64         `json:"recycledItemId"`
	OriginalPath        []string      `json:"originalPath"`
	SpaceID             string        `json:"spaceId"`
	Size                decimal       `json:"size"`
	PreviewByDoc        bool          `json:"previewByDoc"`
	PreviewByCI         bool          `json:"previewByCI"`
	PreviewAsIcon       bool          `json:"previewAsIcon"`
	FileType            string        `json:"fileType"`
	Name                string        `json:"name"`
	Type                string        `json:"type"`
	CreationTime        isoStamp      `json:"creationTime"`
	ModificationTime    isoStamp      `json:"modificationTime"`
	RemovalTime         isoStamp      `json:"removalTime"`
	RemainingTime       int           `json:"remainingTime"`
	AuthorityList       wireAuthority `json:"authorityList"`
	AuthorityButtonList wireButtons   `json:"authorityButtonList"`
	CRC64               string        `json:"crc64,omitempty"`
}

// wireItemsLocked renders entries for a listing. It never returns nil, so
// an empty page encodes as "contents":[].
func (s *Server) wireItemsLocked(es []*entry) []wireItem {
	out := (*itemSlices.Get().(*[]wireItem))[:0]
	if cap(out) < len(es) || out == nil {
		out = make([]wireItem, 0, max(len(es), 1))
	}
	out = out[:len(es)]
	for i, e := range es {
		r := &e.rec
		out[i] = wireItem{
			RecycledItemID:   r.ID,
			OriginalPath:     r.OriginalPath,
			SpaceID:          s.opts.SpaceID,
			Size:             decimal(r.Size),
			PreviewByDoc:     r.PreviewByDoc,
			PreviewByCI:      r.PreviewByCI,
			PreviewAsIcon:    r.PreviewAsIcon,
			FileType:         r.FileType,
			Name:             r.Name,
			Type:             r.Type,
			CreationTime:     isoStamp(r.CreationTime),
			ModificationTime: isoStamp(r.ModificationTime),
			RemovalTime:      isoStamp(r.RemovalTime),
			RemainingTime:    s.remainingLocked(e),
			AuthorityList:    wireAuthority{CanRestore: r.CanRestore, CanDelete: r.CanDelete},
			AuthorityButtonList: wireButtons{
				ShowDeleteButton:  r.CanDelete,
				ShowRestoreButton: r.CanRestore,
			},
			CRC64: r.CRC64,
		}
	}
	return out
}

// itemSlices recycles the rendered items of a page once it is encoded:
// 1,000 items are ≈ 250 KB, which would otherwise make the emulator
// collect garbage during the listings it is there to serve.
var itemSlices = sync.Pool{New: func() any { return new([]wireItem) }}

// recycle returns l's items to itemSlices; l must not be used after.
func (l *wireList) recycle() {
	items := l.Contents
	clear(items) // drop the references to the store's strings
	itemSlices.Put(&items)
	l.Contents = nil
}

// listBuffers recycles page buffers: a 1,000-item page is ≈ 600 KB.
var listBuffers = sync.Pool{New: func() any { return new([]byte) }}

// encodeList encodes l into a buffer from listBuffers.
func encodeList(l *wireList) *[]byte {
	buf := listBuffers.Get().(*[]byte)
	*buf = l.appendJSON((*buf)[:0])
	return buf
}

// writeList sends an encoded listing, as writeJSON would, with its length,
// and recycles the buffer.
func writeList(w http.ResponseWriter, buf *[]byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(*buf)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(*buf) // a write error means the client went away
	listBuffers.Put(buf)
}

// appendJSON appends l as encoding/json's Encoder (HTML escaping off)
// writes it, newline included.
func (l *wireList) appendJSON(b []byte) []byte {
	b = append(b, `{"totalNum":`...)
	b = strconv.AppendInt(b, int64(l.TotalNum), 10)
	if len(l.NextMarker) > 0 {
		b = append(b, `,"nextMarker":`...)
		b = append(b, l.NextMarker...) // ours, already compact
	}
	b = append(b, `,"contents":`...)
	if l.Contents == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range l.Contents {
			if i > 0 {
				b = append(b, ',')
			}
			b = l.Contents[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

func (it *wireItem) appendJSON(b []byte) []byte {
	b = append(b, `{"recycledItemId":`...)
	b = strconv.AppendInt(b, it.RecycledItemID, 10)
	b = append(b, `,"originalPath":`...)
	b = jsonw.Strings(b, it.OriginalPath, false)
	b = jsonw.String(append(b, `,"spaceId":`...), it.SpaceID, false)
	b = it.Size.appendJSON(append(b, `,"size":`...))
	b = strconv.AppendBool(append(b, `,"previewByDoc":`...), it.PreviewByDoc)
	b = strconv.AppendBool(append(b, `,"previewByCI":`...), it.PreviewByCI)
	b = strconv.AppendBool(append(b, `,"previewAsIcon":`...), it.PreviewAsIcon)
	b = jsonw.String(append(b, `,"fileType":`...), it.FileType, false)
	b = jsonw.String(append(b, `,"name":`...), it.Name, false)
	b = jsonw.String(append(b, `,"type":`...), it.Type, false)
	b = it.CreationTime.appendJSON(append(b, `,"creationTime":`...))
	b = it.ModificationTime.appendJSON(append(b, `,"modificationTime":`...))
	b = it.RemovalTime.appendJSON(append(b, `,"removalTime":`...))
	b = strconv.AppendInt(append(b, `,"remainingTime":`...), int64(it.RemainingTime), 10)
	a := &it.AuthorityList
	b = strconv.AppendBool(append(b, `,"authorityList":{"canRestore":`...), a.CanRestore)
	b = strconv.AppendBool(append(b, `,"canDelete":`...), a.CanDelete)
	k := &it.AuthorityButtonList
	b = strconv.AppendBool(append(b, `},"authorityButtonList":{"showViewButton":`...), k.ShowViewButton)
	b = strconv.AppendBool(append(b, `,"showPreviewButton":`...), k.ShowPreviewButton)
	b = strconv.AppendBool(append(b, `,"showDownloadButton":`...), k.ShowDownloadButton)
	b = strconv.AppendBool(append(b, `,"showUploadButton":`...), k.ShowUploadButton)
	b = strconv.AppendBool(append(b, `,"showDeleteButton":`...), k.ShowDeleteButton)
	b = strconv.AppendBool(append(b, `,"showAuthorizeButton":`...), k.ShowAuthorizeButton)
	b = strconv.AppendBool(append(b, `,"showShareButton":`...), k.ShowShareButton)
	b = strconv.AppendBool(append(b, `,"showModifyButton":`...), k.ShowModifyButton)
	b = strconv.AppendBool(append(b, `,"showRestoreButton":`...), k.ShowRestoreButton)
	b = append(b, '}')
	if it.CRC64 != "" {
		b = jsonw.String(append(b, `,"crc64":`...), it.CRC64, false)
	}
	return append(b, '}')
}
