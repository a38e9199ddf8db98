package bindata

import (
	"testing"

	"smhbin/api"
)

func item(id int64) api.Item {
	return api.Item{ID: id, Name: "f", OriginalPath: []string{"a", "f"}, Size: 10, RemainingDays: 5}
}

// TestVersionsChangeWithMarksAndTouch: a drawn row is keyed by its item's
// version, so every change of a mark (one, all, cleared) or of the restore
// state must give the item a version it never had, also across a reload
// that puts other items at the same indexes.
func TestVersionsChangeWithMarksAndTouch(t *testing.T) {
	s := New()
	s.Add([]api.Item{item(1), item(2), item(3)})
	seen := map[uint32]bool{}
	fresh := func(what string, idx int32) {
		t.Helper()
		v := s.Version(idx)
		if seen[v] {
			t.Fatalf("%s: item %d got version %d again", what, idx, v)
		}
		seen[v] = true
	}
	for idx := range int32(3) {
		fresh("add", idx)
	}
	s.SetMark(0, true)
	fresh("mark", 0)
	s.MarkView(func(on bool) bool { return !on }, func(int32) bool { return true })
	fresh("invert", 0)
	fresh("invert", 1)
	fresh("invert", 2)
	s.ClearMarks()
	fresh("clear", 1)
	fresh("clear", 2)
	v0 := s.Version(0)
	if s.SetMark(0, false) || s.Version(0) != v0 {
		t.Fatal("a mark that did not change changed the version")
	}
	s.Touch(0)
	fresh("touch", 0)
	s.Reset()
	s.Add([]api.Item{item(7), item(8)})
	fresh("reload", 0)
	fresh("reload", 1)
}
