package cli

import (
	"strings"
	"testing"

	"smhbin/api"
)

// The table is printed page by page: a page's rows are out before the
// next page is read, and a later, wider id widens the column from there on.
func TestTableSinkStreamsPages(t *testing.T) {
	var out strings.Builder
	s := newTableSink(&out)
	for _, id := range []int64{7, 42} {
		if err := s.item(&api.Item{ID: id, Size: 1, OriginalPath: []string{"a", "b.txt"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	first := out.String()
	if strings.Count(first, "\n") != 3 || !strings.HasPrefix(first, "ID  SIZE") {
		t.Fatalf("after the first page:\n%s", first)
	}
	if err := s.item(&api.Item{ID: 9007199254740993, Type: "dir", OriginalPath: []string{"c"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.finish(); err != nil {
		t.Fatal(err)
	}
	rest := strings.TrimPrefix(out.String(), first)
	if !strings.HasPrefix(rest, "9007199254740993  -         -") || !strings.HasSuffix(rest, "/c/\n") {
		t.Fatalf("second page:\n%q", rest)
	}
	lines := strings.Split(first, "\n")
	if strings.Index(lines[1], "1 B") != strings.Index(lines[0], "SIZE") {
		t.Errorf("columns not aligned:\n%s", first)
	}
}
