package bindata

import (
	"reflect"
	"testing"
	"time"

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

// Rooms made for the live batches and folders on another goroutine, and
// adopted after the second page with the store's, leave the groupings
// exactly what a full build gives, and their item arrays never move again.
func TestAdoptGroupRoomsKeepTheTrees(t *testing.T) {
	const total, page = 8000, 500
	all := seed.Items(t, total)
	s := New()
	var lb LiveBatches
	var lf LiveFolders
	markable := func(idx int32) bool { return idx%5 != 0 }
	var batchOf, batchFlat, folderFlat *int32
	for p := 0; p < total; p += page {
		s.Add(all[p : p+page])
		if p == page {
			made := make(chan struct {
				r  Room
				br BatchRoom
				fr FolderRoom
			})
			projected := lb.Projected(total, s.Len())
			if projected == 0 {
				t.Fatal("no projection after a page")
			}
			go func() {
				made <- struct {
					r  Room
					br BatchRoom
					fr FolderRoom
				}{NewRoom(total, s.NamePerItem()), NewBatchRoom(total, projected), NewFolderRoom(total)}
			}()
			got := <-made
			s.Adopt(got.r)
			lb.Adopt(got.br)
			lf.Adopt(got.fr)
			batchOf, batchFlat, folderFlat = &lb.batchOf[:1][0], &lb.flat[:1][0], &lf.flat[:1][0]
		}
		lb.Tree(s.Rows(), s.View(), s.Shape(), time.Minute, markable, 3)
		lf.Tree(s.Rows(), s.View(), s.Shape(), markable, 3)
	}
	if &lb.batchOf[0] != batchOf || &lb.flat[0] != batchFlat || &lf.flat[0] != folderFlat {
		t.Error("an item array of the groupings moved after its room was adopted")
	}
	items, view := s.Rows(), s.View()
	if got, want := lb.Tree(items, view, s.Shape(), time.Minute, markable, 3), batchTree(items, view, time.Minute, markable, 3); !reflect.DeepEqual(got, want) {
		t.Fatal("the batches differ from a full build")
	}
	if got, want := lf.Tree(items, view, s.Shape(), markable, 3), folderTree(items, view, markable, 3); !reflect.DeepEqual(got, want) {
		t.Fatal("the folders differ from a full build")
	}
	if lb.builds != 1 || lf.builds != 1 {
		t.Errorf("full builds: batches %d, folders %d; want 1 each", lb.builds, lf.builds)
	}
}

// totalNum and the names come from the network: a room never exceeds 2^21
// items nor 256 MiB of names, and a negative count makes none.
func TestNewRoomIsCapped(t *testing.T) {
	for _, n := range []int{1 << 40, -5} {
		// Names of a megabyte each, as a hostile first page could make
		// Store.NamePerItem say.
		var lb LiveBatches
		lb.Tree(RowsOf(seed.Items(t, 50)), []int32{0, 1, 2}, 0, time.Minute, func(int32) bool { return true }, 3)
		if p := lb.Projected(n, 3); p < 0 || p > maxRoom*9/8*len(lb.nodes) {
			t.Errorf("%d batches projected for %d items", p, n)
		}
		r, br, fr := NewRoom(n, 1<<20), NewBatchRoom(n, n), NewFolderRoom(n)
		items, text := r.qx.Cap()
		if cap(r.rows) > maxRoom || items > maxRoom || text > 256<<20 || cap(br.nodes) > maxRoom ||
			cap(br.flat) > maxRoom || cap(fr.flat) > maxRoom {
			t.Errorf("room for %d items: %d rows, %d filter rows, %d bytes of names, %d batches",
				n, cap(r.rows), items, text, cap(br.nodes))
		}
	}
}
