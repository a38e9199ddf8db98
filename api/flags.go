package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"smhbin/internal/jsonw"
)

// knownFlags are the authorityButtonList names the SDKs know, in the
// order Flags lists them; decoding shares these strings.
var knownFlags = []string{
	"showRestoreButton", "showDeleteButton", "showCopyButton", "showMoveButton",
	"showPreviewButton", "showDownloadButton", "showShareButton", "showRenameButton",
}

// UnmarshalJSON reads a JSON object of booleans. Known names come first
// in a fixed order, then others by name (encoding/json's map decoding is
// several times faster than walking tokens, and the order carries no
// meaning); a non-boolean value is an error naming the object.
func (f *Flags) UnmarshalJSON(b []byte) error {
	var m map[string]bool
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("authorityButtonList: want an object of booleans")
	}
	if m == nil {
		*f = nil
		return nil
	}
	out := make(Flags, 0, len(m))
	for _, k := range knownFlags {
		if v, ok := m[k]; ok {
			out = append(out, Flag{Name: k, On: v})
			delete(m, k)
		}
	}
	rest := make([]string, 0, len(m))
	for k := range m {
		rest = append(rest, k)
	}
	slices.Sort(rest)
	for _, k := range rest {
		out = append(out, Flag{Name: k, On: m[k]})
	}
	*f = out
	return nil
}

// MarshalJSON writes the flags back as a JSON object in their order.
func (f Flags) MarshalJSON() ([]byte, error) { return f.appendJSON(nil), nil }

func (f Flags) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, x := range f {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.String(b, x.Name, true)
		b = append(b, ':')
		b = strconv.AppendBool(b, x.On)
	}
	return append(b, '}')
}
