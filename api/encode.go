package api

import (
	"strconv"
	"time"

	"smhbin/internal/jsonw"
)

// MarshalJSON writes the item with the API's field names and types (size
// as a decimal string, times as RFC 3339 UTC with milliseconds), so the
// output of `smhbin list --json` decodes back to the same Item.
func (it Item) MarshalJSON() ([]byte, error) { return it.AppendJSON(nil), nil }

// AppendJSON appends the item as MarshalJSON writes it: the bytes
// json.Marshal gives for it (HTML escaping included), written directly,
// since `list --json` writes every item of a bin this way (see jsonw).
// Empty optional fields are left out: spaceId, fileType, unknown times,
// authorityList when the server sent none, authorityButtonList when empty
// and crc64.
func (it *Item) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"recycledItemId":`...), it.ID, 10)
	b = jsonw.String(append(b, `,"name":`...), it.Name, true)
	b = append(b, `,"originalPath":`...)
	b = jsonw.Strings(b, it.OriginalPath, true)
	if it.SpaceID != "" {
		b = jsonw.String(append(b, `,"spaceId":`...), it.SpaceID, true)
	}
	b = strconv.AppendUint(append(b, `,"size":"`...), it.Size, 10)
	b = jsonw.String(append(b, `","type":`...), it.Type, true)
	if it.FileType != "" {
		b = jsonw.String(append(b, `,"fileType":`...), it.FileType, true)
	}
	b = strconv.AppendBool(append(b, `,"previewByDoc":`...), it.PreviewByDoc)
	b = strconv.AppendBool(append(b, `,"previewByCI":`...), it.PreviewByCI)
	b = strconv.AppendBool(append(b, `,"previewAsIcon":`...), it.PreviewAsIcon)
	b = appendTime(b, `,"creationTime":`, it.CreationTime)
	b = appendTime(b, `,"modificationTime":`, it.ModificationTime)
	b = appendTime(b, `,"removalTime":`, it.RemovalTime)
	b = strconv.AppendInt(append(b, `,"remainingTime":`...), it.RemainingDays, 10)
	if it.HasAuthority {
		b = strconv.AppendBool(append(b, `,"authorityList":{"canDelete":`...), it.Authority.CanDelete)
		b = strconv.AppendBool(append(b, `,"canRestore":`...), it.Authority.CanRestore)
		b = append(b, '}')
	}
	if len(it.Buttons) > 0 {
		b = it.Buttons.appendJSON(append(b, `,"authorityButtonList":`...))
	}
	if it.CRC64 != "" {
		b = jsonw.String(append(b, `,"crc64":`...), it.CRC64, true)
	}
	return append(b, '}')
}

// appendTime appends key and t, unless t is unknown (zero).
func appendTime(b []byte, key string, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	return jsonw.Time(append(b, key...), t)
}
