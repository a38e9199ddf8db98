package bindata

import (
	"reflect"
	"testing"

	"smhbin/api"
	"smhbin/ui/internal/seed"
)

// A room made on another goroutine and adopted mid-listing keeps every
// item, index, mark and filter result, and the rest of the listing then
// moves no per-item array; a smaller room, or one outgrown, is dropped.
func TestAdoptRoomKeepsEverything(t *testing.T) {
	const total = 6000
	all := seed.Items(t, total)
	ref, s := New(), New()
	for _, st := range []*Store{ref, s} {
		st.Add(all[:1500])
		st.SetMark(3, true)
		st.SetMark(1400, true)
		if err := st.SetFilter("type:image"); err != nil {
			t.Fatal(err)
		}
	}
	made := make(chan Room)
	go func() { made <- NewRoom(total, s.NamePerItem()) }()
	s.Adopt(<-made)
	rows := s.Rows()
	if rows.Cap() < total {
		t.Fatalf("room for %d items after adopting a room for %d", rows.Cap(), total)
	}
	before := &s.tab.rows[0]
	for p := 1500; p < total; p += 500 {
		ref.Add(all[p : p+500])
		s.Add(all[p : p+500])
	}
	if &s.tab.rows[0] != before {
		t.Error("the rows moved after the room was adopted")
	}
	if !reflect.DeepEqual(s.View(), ref.View()) || !reflect.DeepEqual(s.MarkedIDs(), ref.MarkedIDs()) {
		t.Fatalf("view or marks differ from a store that never adopted a room (%d/%d items in view, %d/%d marked)",
			len(s.View()), len(ref.View()), s.MarkCount(), ref.MarkCount())
	}
	for i := range total {
		if got, want := s.Item(int32(i)), ref.Item(int32(i)); !reflect.DeepEqual(got, want) {
			t.Fatalf("item %d differs after the adoption", i)
		}
		if idx, ok := s.Index(all[i].ID); !ok || idx != int32(i) {
			t.Fatalf("id %d indexes %d %v, want %d", all[i].ID, idx, ok, i)
		}
	}
	capBefore := cap(s.tab.rows)
	s.Adopt(NewRoom(100, 32))
	if cap(s.tab.rows) != capBefore || s.Len() != total {
		t.Error("a smaller room was adopted")
	}
	var none api.Item
	if _, ok := s.Index(none.ID); ok {
		t.Error("id 0 found")
	}
}
