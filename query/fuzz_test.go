package query

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzParse: no input panics, every error is a one-line *Error pointing
// inside the text, a parsed query survives String and Parse again, and a
// Table's scan selects exactly what Match selects item by item.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "IMG", `"Team Drive"`, `-"a \"b\" \\"`, "-", "--x", "type:image,video -type:dir",
		"size:>100MB", "size:10MB..1GB", "size:.5k", "deleted:<2h", "deleted:2026-11-30..2026-12-01",
		"deleted:today", "left:<3d", "path:设计/终稿", `path:"a b"`, "ext:.pdf,jpg", "restorable:no",
		"marked:yes", "result:failed", "tpye:x", "设计　终稿", "a\"b", "\xff:", "x:\"", "size:1.999999999999999999999GiB",
		"a/b", "x/a.jpg", "/a", "稿/img", "x\x00y", "-a/", "path:/x/ a",
	} {
		f.Add(s)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	it := NewItem(Fields{Name: "a.jpg", Path: []string{"x", "a.jpg"}, Size: 5, Removed: now})
	// A small table of awkward names, for the scan's agreement with Match.
	var tab Table
	var items []Item
	all := []int32{}
	for i, p := range [][]string{{"x", "a.jpg"}, {"设计", "终稿", "IMG_2765.JPG"}, {"a/b"}, {"", "x\x00y.pdf"},
		{"Team Drive", ""}, {"Übersicht.xlsx"}, {"q3", "a b", "-c"}, nil} {
		f := Fields{Name: "root.txt", Path: p, Size: uint64(i) << 10, Removed: now.Add(-time.Duration(i) * time.Hour)}
		tab.AddFields(f)
		items = append(items, NewItem(f))
		all = append(all, int32(i))
	}
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
		m := q.At(now)
		m.Match(&it)
		got := tab.Filter(m, all, nil)
		var want []int32
		for i := range items {
			if m.Match(&items[i]) {
				want = append(want, int32(i))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("Parse(%q): Table.Filter = %v, Match = %v", s, got, want)
		}
		_ = q.Describe()
	})
}
