package query

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// FuzzParse: no input panics, every error is a one-line *Error pointing
// inside the text, and a parsed query survives String and Parse again.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "IMG", `"Team Drive"`, `-"a \"b\" \\"`, "-", "--x", "type:image,video -type:dir",
		"size:>100MB", "size:10MB..1GB", "size:.5k", "deleted:<2h", "deleted:2026-11-30..2026-12-01",
		"deleted:today", "left:<3d", "path:设计/终稿", `path:"a b"`, "ext:.pdf,jpg", "restorable:no",
		"marked:yes", "result:failed", "tpye:x", "设计　终稿", "a\"b", "\xff:", "x:\"", "size:1.999999999999999999999GiB",
	} {
		f.Add(s)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	it := NewItem(Fields{Name: "a.jpg", Path: []string{"x", "a.jpg"}, Size: 5, Removed: now})
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(s) || strings.Contains(pe.Msg, "\n") {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		canon := q.String()
		back, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, canon, err)
		}
		if !reflect.DeepEqual(back, q) {
			t.Fatalf("Parse(%q) = %q, which parses to something else (%q)", s, canon, back.String())
		}
		q.At(now).Match(&it)
		_ = q.Describe()
	})
}
