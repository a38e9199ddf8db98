package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/ui/bindata"
)

// at is an item removed at testNow minus ago, at the given path.
func at(id int64, ago time.Duration, path ...string) api.Item {
	return api.Item{ID: id, Name: path[len(path)-1], OriginalPath: path, Type: "file", Size: uint64(id),
		RemovalTime: testNow.Add(-ago), RemainingDays: 10}
}

// describeBatches is "name:[ids]" per batch, in the tree's order.
func describeBatches(items []api.Item, t bindata.Tree) []string {
	var out []string
	for _, b := range t.Nodes[0].Kids {
		nd := t.Nodes[b]
		var ids []int64
		for _, idx := range t.Flat[nd.Lo:nd.Hi] {
			ids = append(ids, items[idx].ID)
		}
		out = append(out, fmt.Sprintf("%s:%v", nd.Name, ids))
	}
	return out
}

func TestBatchTreeGrouping(t *testing.T) {
	s := time.Second
	cases := []struct {
		name  string
		items []api.Item
		want  []string
	}{
		{"a gap of exactly 60 s stays one batch",
			[]api.Item{at(1, 0, "a", "x"), at(2, 60*s, "a", "y")}, []string{"/a:[1 2]"}},
		{"a gap of 61 s starts a new batch",
			[]api.Item{at(1, 0, "a", "x"), at(2, 61*s, "a", "y")}, []string{"/a:[1]", "/a:[2]"}},
		{"removals in the same second are one batch",
			[]api.Item{at(1, 0, "a", "x"), at(2, 0, "a", "y"), at(3, 0, "a", "z")}, []string{"/a:[1 2 3]"}},
		{"small gaps chain into one batch longer than the gap",
			[]api.Item{at(1, 0, "a", "x"), at(2, 50*s, "a", "y"), at(3, 100*s, "a", "z")}, []string{"/a:[1 2 3]"}},
		{"two folders in one minute are two batches, newest first",
			[]api.Item{at(1, 0, "a", "x"), at(2, 5*s, "b", "y"), at(3, 10*s, "a", "z")}, []string{"/a:[1 3]", "/b:[2]"}},
		{"the name is the common folder, with … when items lie deeper",
			[]api.Item{at(1, 0, "a", "b", "c", "x"), at(2, s, "a", "b", "y"), at(3, 2*s, "a", "b", "d", "z")}, []string{"/a/b/…:[1 2 3]"}},
		{"items all in one folder name it without …",
			[]api.Item{at(1, 0, "a", "b", "x"), at(2, s, "a", "b", "y")}, []string{"/a/b:[1 2]"}},
		{"items at the root are a batch of their own",
			[]api.Item{at(1, 0, "x"), at(2, s, "a", "y"), at(3, 2*s, "z")}, []string{"/:[1 3]", "/a:[2]"}},
		{"oldest first gives the same batches, items in view order",
			[]api.Item{at(3, 100*s, "a", "z"), at(2, 61*s, "a", "y"), at(1, 0, "a", "x")}, []string{"/a:[1]", "/a:[3 2]"}},
		{"any order: batches by time, items in view order",
			[]api.Item{at(2, 30*s, "a", "y"), at(4, 300*s, "b", "w"), at(1, 0, "a", "x"), at(3, 290*s, "b", "v")}, []string{"/a:[2 1]", "/b:[4 3]"}},
		{"no items, no batches", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			view := make([]int32, len(c.items))
			for i := range view {
				view[i] = int32(i)
			}
			tree := bindata.BatchTree(c.items, view, time.Minute, func(int32) bool { return true }, 3)
			if got := describeBatches(c.items, tree); !slices.Equal(got, c.want) {
				t.Fatalf("batches %q, want %q", got, c.want)
			}
			for _, b := range tree.Nodes[0].Kids {
				nd := tree.Nodes[b]
				var size uint64
				for _, idx := range tree.Flat[nd.Lo:nd.Hi] {
					size += c.items[idx].Size
				}
				if nd.Size != size || int(nd.Count) != int(nd.Hi-nd.Lo) || nd.Newest.Before(nd.Oldest) {
					t.Fatalf("batch %s: size %d count %d newest %v oldest %v; items sum to %d", nd.Name, nd.Size, nd.Count, nd.Newest, nd.Oldest, size)
				}
			}
		})
	}
}

// TestBatchCounts: restorable and expiring counts per batch.
func TestBatchCounts(t *testing.T) {
	items := []api.Item{at(1, 0, "a", "x"), at(2, time.Second, "a", "y"), at(3, 2*time.Second, "a", "z")}
	items[1].RemainingDays = 3
	items[2].RemainingDays = 4
	tree := bindata.BatchTree(items, []int32{0, 1, 2}, time.Minute, func(idx int32) bool { return idx != 0 }, 3)
	nd := tree.Nodes[1]
	if nd.Restorable != 2 || nd.Soon != 1 || nd.Count != 3 || !nd.Newest.Equal(testNow) || !nd.Oldest.Equal(testNow.Add(-2*time.Second)) {
		t.Fatalf("batch counts %+v", nd)
	}
}

// feedPage delivers one page of the listing in progress, as the network would.
func feedPage(m *Model, total int, last bool, items ...api.Item) {
	p := api.Page{TotalNum: int64(total), Items: items}
	if !last { // a new marker per page, as a server sends
		p.NextMarker = api.Marker("more" + strconv.Itoa(len(m.data.Items())+len(items)))
	}
	m.Update(pageLoadedMsg{gen: m.gen, page: p})
}

// TestBatchesFollowArrivingPages: while the batch view is open, each page
// regroups it; batches grow, appear and merge, an open batch stays open
// by its key, and the header says the grouping is partial until the end.
func TestBatchesFollowArrivingPages(t *testing.T) {
	s := time.Second
	m := newTestModel(t, &fakeBin{}, 100, 24, nil)
	press(t, m, "b")
	feedPage(m, 6, false, at(1, 0, "a", "x"), at(2, 100*s, "a", "y"))
	mustContain(t, m.render(), "grouping the 2 loaded of 6 — batches may still grow")
	if got := describeBatches(allItems(m), m.batches.tree); !slices.Equal(got, []string{"/a:[1]", "/a:[2]"}) {
		t.Fatalf("after page 1: %q", got)
	}
	press(t, m, "enter") // open the newest batch
	steps := []struct {
		items []api.Item
		last  bool
		want  []string
	}{
		// 50 s after id 1 and 50 s before id 2: the two batches merge
		// (items keep the listing's order).
		{[]api.Item{at(3, 50*s, "a", "z")}, false, []string{"/a:[1 2 3]"}},
		// 40 s after the oldest: the batch grows; another folder the same minute is its own batch.
		{[]api.Item{at(4, 140*s, "a", "w"), at(5, 130*s, "b", "v")}, false, []string{"/a:[1 2 3 4]", "/b:[5]"}},
		// An hour older: a new batch at the end.
		{[]api.Item{at(6, time.Hour, "a", "old")}, true, []string{"/a:[1 2 3 4]", "/b:[5]", "/a:[6]"}},
	}
	for i, st := range steps {
		feedPage(m, 6, st.last, st.items...)
		v := m.render()
		if got := describeBatches(allItems(m), m.batches.tree); !slices.Equal(got, st.want) {
			t.Fatalf("after page %d: %q, want %q", i+2, got, st.want)
		}
		if !m.batches.isExpanded(m.batches.tree.Nodes[0].Kids[0]) {
			t.Fatalf("after page %d the open batch closed", i+2)
		}
		if partial := strings.Contains(v, "may still grow"); partial == st.last {
			t.Fatalf("after page %d (last %v) the partial hint shows %v:\n%s", i+2, st.last, partial, v)
		}
	}
	// The open batch's items are on screen, so the header is the table's.
	mustContain(t, m.render(), "BATCHES · NAME", "SIZE", "LEFT")
	press(t, m, "left")
	mustContain(t, m.render(), "DELETION BATCHES · 3 · newest first")
}
