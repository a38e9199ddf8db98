package bindata

import (
	"testing"

	"smhbin/api"
)

func TestRemoveDropsRowsMarksAndIndex(t *testing.T) {
	s := New()
	items := make([]api.Item, 5)
	for i := range items {
		items[i] = api.Item{ID: int64(10 + i), Name: "f", Size: 100}
	}
	s.Add(items)
	s.SetMark(1, true)
	s.SetMark(2, true)
	gen := s.Gen()
	if n := s.Remove([]int64{11, 13, 99}); n != 2 {
		t.Fatalf("removed %d, want 2", n)
	}
	if len(s.View()) != 3 || len(s.Order()) != 3 {
		t.Fatalf("view %v order %v, want 3 rows each", s.View(), s.Order())
	}
	if s.MarkCount() != 1 || s.MarkBytes() != 100 {
		t.Fatalf("marks %d (%d bytes), want the one left", s.MarkCount(), s.MarkBytes())
	}
	if _, ok := s.Index(11); ok {
		t.Fatal("a removed id is still indexed")
	}
	if s.Gen() == gen {
		t.Fatal("the view changed but its generation did not")
	}
	if s.Add([]api.Item{{ID: 11}}) != 1 {
		t.Fatal("a removed id listed again should come back")
	}
}
