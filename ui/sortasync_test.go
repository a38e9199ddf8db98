package ui

import (
	"slices"
	"strings"
	"testing"

	"smhbin/api"
	"smhbin/ui/bindata"
)

// TestLargeSortRunsOffTheLoop: above the synchronous limit, s answers at
// once with "sorting…" and the old order, runs the sort as a command, and
// swaps the result in with the cursor still on its item; a result
// overtaken by a newer sort or a reload is dropped.
func TestLargeSortRunsOffTheLoop(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(120)}, 100, 24, nil)
	m.sort.syncMax = 10
	press(t, m, "j", "j", "j")
	before, keep := slices.Clone(m.data.Order()), m.cursorItem()
	_, cmd := m.Update(keyMsg("s"))
	if cmd == nil {
		t.Fatal("a large sort ran on the Update goroutine")
	}
	if !slices.Equal(m.data.Order(), before) || !strings.Contains(m.status, "sorting") {
		t.Fatalf("before the result: order changed %v, status %q", !slices.Equal(m.data.Order(), before), m.status)
	}
	m.Update(cmd())
	items := m.data.Items()
	if !slices.IsSortedFunc(m.data.Order(), func(x, y int32) int {
		if m.desc {
			x, y = y, x
		}
		return strings.Compare(items[x].Name, items[y].Name)
	}) || m.sortKey != bindata.SortName {
		t.Fatal("the result was not swapped in")
	}
	if m.cursorItem() != keep || strings.Contains(m.status, "sorting") {
		t.Fatalf("cursor on %d, want %d; status %q", m.cursorItem(), keep, m.status)
	}

	// Two sorts in a row: the first result arrives last and is dropped.
	_, first := m.Update(keyMsg("s"))
	_, second := m.Update(keyMsg("s"))
	m.Update(second())
	want := slices.Clone(m.data.Order())
	m.Update(first())
	if !slices.Equal(m.data.Order(), want) {
		t.Fatal("an overtaken sort replaced the newer one")
	}
	// Rows deleted while sorting: the result is refused and the sort
	// runs again over what is left.
	_, old := m.Update(keyMsg("s"))
	m.data.Remove([]int64{items[m.data.Order()[0]].ID})
	_, again := m.Update(old())
	if again == nil {
		t.Fatal("a sort refused after a deletion was not run again")
	}
	m.Update(again())
	if m.sort.running || m.data.Len() != 119 {
		t.Fatalf("after the second sort: running %v, %d rows", m.sort.running, m.data.Len())
	}
	// A reload while sorting: the result belongs to the old listing.
	_, stale := m.Update(keyMsg("s"))
	m.startListing()
	m.Update(stale())
	if m.data.Len() != 0 {
		t.Fatal("a sort of the previous listing was installed")
	}
}

// BenchmarkSortKey1M is the s key at 1M loaded items: Update + View until
// the key has answered (the sort itself then runs as a command, measured
// by bindata's BenchmarkSort1M); "in_update" sorts inside Update, as
// every sort did before, for comparison. Target: < 100 ms.
func BenchmarkSortKey1M(b *testing.B) {
	src := items100k(b)
	all := make([]api.Item, 0, 10*len(src))
	for r := range 10 {
		for _, it := range src {
			it.ID += int64(r) << 32
			all = append(all, it)
		}
	}
	for _, mode := range []string{"command", "in_update"} {
		b.Run(mode, func(b *testing.B) {
			m := bigModel(b, all, 120, 40)
			if mode == "in_update" {
				m.sort.syncMax = len(all)
			}
			s := keyMsg("s")
			b.ReportAllocs()
			for b.Loop() {
				m.Update(s)
				_ = m.View()
			}
		})
	}
}
