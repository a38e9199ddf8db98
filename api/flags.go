package api

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// knownFlags are the authorityButtonList names the SDKs know; decoding
// shares these strings instead of allocating one per item.
var knownFlags = []string{
	"showRestoreButton", "showDeleteButton", "showCopyButton", "showMoveButton",
	"showPreviewButton", "showDownloadButton", "showShareButton", "showRenameButton",
}

func internFlag(b []byte) string {
	for _, k := range knownFlags {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

// UnmarshalJSON reads a JSON object of booleans, keeping the server's
// order; non-boolean values are an error naming the flag.
func (f *Flags) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*f = nil
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("authorityButtonList: want an object")
	}
	var out Flags
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("authorityButtonList: %w", err)
		}
		name, _ := t.(string)
		v, err := dec.Token()
		if err != nil {
			return fmt.Errorf("authorityButtonList: %w", err)
		}
		on, ok := v.(bool)
		if !ok {
			return fmt.Errorf("authorityButtonList.%s: want a boolean", name)
		}
		if out == nil {
			out = make(Flags, 0, 2)
		}
		out = append(out, Flag{Name: internFlag([]byte(name)), On: on})
	}
	*f = out
	return nil
}

// MarshalJSON writes the flags back as a JSON object in their order.
func (f Flags) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, x := range f {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(x.Name)
		b.Write(name)
		if x.On {
			b.WriteString(":true")
		} else {
			b.WriteString(":false")
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
