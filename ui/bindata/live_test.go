package bindata

import (
	"reflect"
	"slices"
	"testing"
	"time"
	"unsafe"

	"smhbin/ui/internal/seed"
)

// TestLiveGroupingsMatchFullBuilds loads seeded items page by page (with
// repeated ids dropped, as the store does) and checks after every page
// that the grouped views kept up to date page by page are exactly what
// grouping everything from scratch gives, and that they were not rebuilt:
// a page must cost the page, not everything loaded.
func TestLiveGroupingsMatchFullBuilds(t *testing.T) {
	all := seed.Items(t, 5000)
	s := New()
	var lb LiveBatches
	var lf LiveFolders
	markable := func(idx int32) bool { return idx%7 != 0 }
	for p := 0; p < len(all); p += 500 {
		s.Add(all[p:min(p+500, len(all))])
		items, view := s.Rows(), s.View()
		got := lb.Tree(items, view, s.Shape(), time.Minute, markable, 3)
		if want := batchTree(items, view, time.Minute, markable, 3); !reflect.DeepEqual(got, want) {
			t.Fatalf("batches after %d items differ from a full build", len(view))
		}
		gotF := lf.Tree(items, view, s.Shape(), markable, 3)
		if want := folderTree(items, view, markable, 3); !reflect.DeepEqual(gotF, want) {
			t.Fatalf("folders after %d items differ from a full build", len(view))
		}
	}
	if lb.builds != 1 || lf.builds != 1 {
		t.Fatalf("full builds while loading: batches %d, folders %d; want 1 each", lb.builds, lf.builds)
	}
	if len(lb.nodes) < 3 || len(lf.nodes) < 10 {
		t.Fatalf("too few groups to mean anything: %d batches, %d folders", len(lb.nodes), len(lf.nodes))
	}
	// A filter changes the view's shape: both rebuild, and still match.
	s.SetFilter("a")
	items, view := s.Rows(), s.View()
	if got, want := lb.Tree(items, view, s.Shape(), time.Minute, markable, 3), batchTree(items, view, time.Minute, markable, 3); !reflect.DeepEqual(got, want) || lb.builds != 2 {
		t.Fatalf("batches after a filter: rebuilt %d times, equal %v", lb.builds, reflect.DeepEqual(got, want))
	}
	if got, want := lf.Tree(items, view, s.Shape(), markable, 3), folderTree(items, view, markable, 3); !reflect.DeepEqual(got, want) || lf.builds != 2 {
		t.Fatalf("folders after a filter: rebuilt %d times, equal %v", lf.builds, reflect.DeepEqual(got, want))
	}
}

// TestBatchesReuseListingOrder: with the view sorted by name, batches
// walk the items in the order they were listed (newest removal first)
// instead of sorting, and group exactly as a sorted walk does.
func TestBatchesReuseListingOrder(t *testing.T) {
	s := New()
	s.Add(seed.Items(t, 3000))
	if func() int { r := s.Rows(); return r.listedOrder() }() != -1 {
		t.Fatal("the emulator does not list newest first")
	}
	byTime := batchTree(s.Rows(), s.View(), time.Minute, func(int32) bool { return true }, 3)
	s.SortLocal(SortName, false)
	byName := batchTree(s.Rows(), s.View(), time.Minute, func(int32) bool { return true }, 3)
	if len(byName.Nodes) != len(byTime.Nodes) {
		t.Fatalf("%d batches by name, %d by time", len(byName.Nodes), len(byTime.Nodes))
	}
	for n := range byTime.Nodes {
		a, b := byTime.Nodes[n], byName.Nodes[n]
		if a.Key != b.Key || a.Count != b.Count || a.Name != b.Name {
			t.Fatalf("batch %d: %q %d by time, %q %d by name", n, a.Name, a.Count, b.Name, b.Count)
		}
		got := slices.Clone(byName.Items(int32(n)))
		if !slices.IsSortedFunc(got, func(x, y int32) int { return SortName.compare(&s.tab.Rows, x, y) }) {
			t.Fatalf("batch %d: items not in the view's (name) order", n)
		}
		want := slices.Clone(byTime.Items(int32(n)))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("batch %d holds other items by name than by time", n)
		}
	}
}

// TestRemoveRegroupsAndVoidsSorts: deleting rows from the middle of the
// view makes the next page regroup rather than extend a tree that still
// holds them, and a sort made before the removal is refused.
func TestRemoveRegroupsAndVoidsSorts(t *testing.T) {
	all := seed.Items(t, 2000)
	s := New()
	s.Add(all[:1000])
	var lb LiveBatches
	var lf LiveFolders
	markable := func(int32) bool { return true }
	lb.Tree(s.Rows(), s.View(), s.Shape(), time.Minute, markable, 3)
	lf.Tree(s.Rows(), s.View(), s.Shape(), markable, 3)
	job := s.SortJob(SortName, false)
	s.Remove([]int64{all[10].ID, all[500].ID})
	if s.SetOrder(job()) {
		t.Fatal("a sort of the list before the removal was installed")
	}
	s.Add(all[1000:])
	items, view := s.Rows(), s.View()
	if got, want := lb.Tree(items, view, s.Shape(), time.Minute, markable, 3), batchTree(items, view, time.Minute, markable, 3); !reflect.DeepEqual(got, want) {
		t.Fatal("batches after a removal and a page differ from a full build")
	}
	if got, want := lf.Tree(items, view, s.Shape(), markable, 3), folderTree(items, view, markable, 3); !reflect.DeepEqual(got, want) {
		t.Fatal("folders after a removal and a page differ from a full build")
	}
	if !s.SetOrder(s.SortJob(SortName, false)()) {
		t.Fatal("a fresh sort was refused")
	}
}

// batchTree groups a store's rows from scratch, as BatchTree does a slice.
func batchTree(r Rows, view []int32, gap time.Duration, markable func(int32) bool, soonDays int64) Tree {
	var l LiveBatches
	return l.Tree(r, view, 0, gap, markable, soonDays)
}

// folderTree groups a store's rows from scratch, as FolderTree does a slice.
func folderTree(r Rows, view []int32, markable func(int32) bool, soonDays int64) Tree {
	var l LiveFolders
	return l.Tree(r, view, 0, markable, soonDays)
}

// Once the store is reserved for the listing's size (as the browser does
// on the second page), loading the rest moves no per-item array (the
// store's, the filter's, the grouped views') and the batches only a few
// times: at a million items each move held up
// the page that made it for tens of milliseconds.
func TestReservedLoadMovesLittle(t *testing.T) {
	const total, page = 20_000, 500
	all := seed.Items(t, total)
	s := New()
	var lb LiveBatches
	var lf LiveFolders
	markable := func(int32) bool { return true }
	moves := map[string]int{}
	var last = map[string]uintptr{}
	watch := func(name string, p uintptr) {
		if old, ok := last[name]; ok && old != p {
			moves[name]++
		}
		last[name] = p
	}
	for p := 0; p < total; p += page {
		s.Add(all[p : p+page])
		if p == page {
			s.Reserve(total)
		}
		lb.Tree(s.Rows(), s.View(), s.Shape(), time.Minute, markable, 3)
		lf.Tree(s.Rows(), s.View(), s.Shape(), markable, 3)
		if p >= page {
			watch("folder order", uintptr(unsafe.Pointer(unsafe.SliceData(lf.flat))))
			watch("rows", uintptr(unsafe.Pointer(unsafe.SliceData(s.tab.rows))))
			watch("filter rows", uintptr(s.qx.items.Cap()))
			watch("batchOf", uintptr(unsafe.Pointer(unsafe.SliceData(lb.batchOf))))
			watch("batches", uintptr(unsafe.Pointer(unsafe.SliceData(lb.nodes))))
			watch("batch order", uintptr(unsafe.Pointer(unsafe.SliceData(lb.flat))))
		}
	}
	for _, name := range []string{"rows", "filter rows", "batchOf", "batch order", "folder order"} {
		if moves[name] != 0 {
			t.Errorf("%s moved %d times after the reservation", name, moves[name])
		}
	}
	if moves["batches"] > 3 {
		t.Errorf("the batches moved %d times after the reservation, want ≤ 3 (%d batches)", moves["batches"], len(lb.nodes))
	}
	want := batchTree(s.Rows(), s.View(), time.Minute, markable, 3)
	if got := lb.Tree(s.Rows(), s.View(), s.Shape(), time.Minute, markable, 3); !reflect.DeepEqual(got, want) {
		t.Fatal("the batches differ from a full build")
	}
}
