package api

import (
	"encoding/json"
	"errors"
	"fmt"
)

// The SMH servers and SDKs disagree on scalar types (ids and sizes come as
// numbers or strings, remainingTime as int or "42"), so the wire structs
// use small lenient types. They parse the raw bytes in place — no float64,
// no map[string]any, no allocation — and record a bad value instead of
// failing, so the error can name the field: encoding/json does not add
// context to errors returned by UnmarshalJSON.

// wirePage is the list reply.
type wirePage struct {
	TotalNum   flexInt    `json:"totalNum"`
	NextMarker flexText   `json:"nextMarker"`
	Contents   []wireItem `json:"contents"`
}

// wireAuthority is authorityList.
type wireAuthority struct {
	CanDelete  bool `json:"canDelete"`
	CanRestore bool `json:"canRestore"`
}

// wireItem is one recycled item as sent by the server.
type wireItem struct {
	ID               flexInt        `json:"recycledItemId"`
	Name             string         `json:"name"`
	OriginalPath     stringList     `json:"originalPath"`
	SpaceID          string         `json:"spaceId"`
	Size             flexUint       `json:"size"`
	Type             internText     `json:"type"`
	FileType         internText     `json:"fileType"`
	PreviewByDoc     bool           `json:"previewByDoc"`
	PreviewByCI      bool           `json:"previewByCI"`
	PreviewAsIcon    bool           `json:"previewAsIcon"`
	CreationTime     flexTime       `json:"creationTime"`
	ModificationTime flexTime       `json:"modificationTime"`
	RemovalTime      flexTime       `json:"removalTime"`
	RemainingTime    flexInt        `json:"remainingTime"`
	AuthorityList    *wireAuthority `json:"authorityList"`
	Buttons          Flags          `json:"authorityButtonList"`
	CRC64            flexText       `json:"crc64"`
}

// field pairs a wire field's JSON name with its recorded bad value.
type field struct {
	name string
	bad  []byte
}

// firstBad returns an error naming the first field with a bad value.
func firstBad(fields ...field) error {
	for _, f := range fields {
		if f.bad != nil {
			return fmt.Errorf("field %q: unexpected value %s", f.name, f.bad)
		}
	}
	return nil
}

// toItem checks w and copies it into it.
func (w *wireItem) toItem(it *Item) error {
	if err := firstBad(
		field{"recycledItemId", w.ID.bad}, field{"size", w.Size.bad},
		field{"remainingTime", w.RemainingTime.bad}, field{"creationTime", w.CreationTime.bad},
		field{"modificationTime", w.ModificationTime.bad}, field{"removalTime", w.RemovalTime.bad},
		field{"crc64", w.CRC64.bad}, field{"type", w.Type.bad}, field{"fileType", w.FileType.bad},
		field{"originalPath", w.OriginalPath.bad},
	); err != nil {
		return err
	}
	if !w.ID.set {
		return errors.New(`field "recycledItemId" is missing`)
	}
	*it = Item{
		ID:               w.ID.v,
		Name:             w.Name,
		OriginalPath:     w.OriginalPath.v,
		SpaceID:          w.SpaceID,
		Size:             w.Size.v,
		Type:             w.Type.s,
		FileType:         w.FileType.s,
		PreviewByDoc:     w.PreviewByDoc,
		PreviewByCI:      w.PreviewByCI,
		PreviewAsIcon:    w.PreviewAsIcon,
		CreationTime:     w.CreationTime.t,
		ModificationTime: w.ModificationTime.t,
		RemovalTime:      w.RemovalTime.t,
		RemainingDays:    w.RemainingTime.v,
		CRC64:            w.CRC64.s,
	}
	if w.AuthorityList != nil {
		it.HasAuthority = true
		it.Authority = Authority(*w.AuthorityList)
	}
	if len(w.Buttons) > 0 {
		it.Buttons = w.Buttons
	}
	return nil
}

// decodePage parses a list reply: the fast decoder of decode_fast.go, or
// this file's reference decoder for what it leaves.
func decodePage(b []byte) (Page, error) { return decodePageWith(b, nil) }

// decodeReference parses a list reply with encoding/json and the lenient
// types: the definition of what a reply means, and the path that words
// every error.
func decodeReference(b []byte) (Page, error) {
	var w wirePage
	if err := json.Unmarshal(b, &w); err != nil {
		return Page{}, jsonErr(err)
	}
	if err := firstBad(field{"totalNum", w.TotalNum.bad}, field{"nextMarker", w.NextMarker.bad}); err != nil {
		return Page{}, err
	}
	p := Page{TotalNum: w.TotalNum.v, NextMarker: Marker(w.NextMarker.s)}
	if len(w.Contents) > 0 {
		p.Items = make([]Item, len(w.Contents))
	}
	for i := range w.Contents {
		if err := w.Contents[i].toItem(&p.Items[i]); err != nil {
			return Page{}, fmt.Errorf("contents[%d]: %w", i, err)
		}
	}
	return p, nil
}

// UnmarshalJSON decodes an item in the API's shape, leniently (see decodePage).
func (it *Item) UnmarshalJSON(b []byte) error {
	var w wireItem
	if err := json.Unmarshal(b, &w); err != nil {
		return jsonErr(err)
	}
	return w.toItem(it)
}

// wireInfo is the file-info body of GET …/{id}?info.
type wireInfo struct {
	Type                  string              `json:"type"`
	CreationTime          flexTime            `json:"creationTime"`
	ModificationTime      flexTime            `json:"modificationTime"`
	ContentType           string              `json:"contentType"`
	Size                  flexUint            `json:"size"`
	ETag                  string              `json:"eTag"`
	CRC64                 flexText            `json:"crc64"`
	CosURL                string              `json:"cosUrl"`
	CosURLExpiration      flexTime            `json:"cosUrlExpiration"`
	MetaData              map[string]flexText `json:"metaData"`
	PreviewByDoc          bool                `json:"previewByDoc"`
	PreviewByCI           bool                `json:"previewByCI"`
	PreviewAsIcon         bool                `json:"previewAsIcon"`
	FileType              string              `json:"fileType"`
	AvailableCosURLs      []string            `json:"availableCosUrls"`
	Labels                []string            `json:"labels"`
	Category              string              `json:"category"`
	LocalCreationTime     flexTime            `json:"localCreationTime"`
	LocalModificationTime flexTime            `json:"localModificationTime"`
}

// decodeInfo parses an info reply.
func decodeInfo(b []byte) (Info, error) {
	var w wireInfo
	if err := json.Unmarshal(b, &w); err != nil {
		return Info{}, jsonErr(err)
	}
	fields := []field{
		{"creationTime", w.CreationTime.bad}, {"modificationTime", w.ModificationTime.bad},
		{"size", w.Size.bad}, {"crc64", w.CRC64.bad}, {"cosUrlExpiration", w.CosURLExpiration.bad},
		{"localCreationTime", w.LocalCreationTime.bad}, {"localModificationTime", w.LocalModificationTime.bad},
	}
	for k, v := range w.MetaData {
		fields = append(fields, field{"metaData." + k, v.bad})
	}
	if err := firstBad(fields...); err != nil {
		return Info{}, err
	}
	in := Info{
		Type: w.Type, CreationTime: w.CreationTime.t, ModificationTime: w.ModificationTime.t,
		ContentType: w.ContentType, Size: w.Size.v, ETag: w.ETag, CRC64: w.CRC64.s,
		CosURL: w.CosURL, CosURLExpiration: w.CosURLExpiration.t,
		PreviewByDoc: w.PreviewByDoc, PreviewByCI: w.PreviewByCI, PreviewAsIcon: w.PreviewAsIcon,
		FileType: w.FileType, AvailableCosURLs: w.AvailableCosURLs, Labels: w.Labels,
		Category: w.Category, LocalCreationTime: w.LocalCreationTime.t,
		LocalModificationTime: w.LocalModificationTime.t,
	}
	if len(w.MetaData) > 0 {
		in.MetaData = make(map[string]string, len(w.MetaData))
		for k, v := range w.MetaData {
			in.MetaData[k] = v.s
		}
	}
	return in, nil
}

// jsonErr rewords encoding/json errors to name the field in the API's
// terms rather than our wire struct's Go names.
func jsonErr(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field != "":
		return fmt.Errorf("field %q: got a JSON %s, want %s", te.Field, te.Value, te.Type)
	case errors.As(err, &se):
		return fmt.Errorf("malformed JSON at byte %d: %w", se.Offset, err)
	}
	return err
}
