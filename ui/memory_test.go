package ui

import (
	"sync/atomic"
	"testing"

	"smhbin/api"
)

// TestBigListingReturnsFreeMemory: once the last page of a big bin has
// arrived, the spare heap is handed back to the system, once, off the
// Update goroutine; a small bin's listing does not force a collection.
func TestBigListingReturnsFreeMemory(t *testing.T) {
	var calls atomic.Int32
	old := freeOSMemory
	freeOSMemory = func() { calls.Add(1) }
	t.Cleanup(func() { freeOSMemory = old })

	for _, tc := range []struct {
		n    int
		want int32
	}{{bigBin - 1, 0}, {bigBin, 1}} {
		calls.Store(0)
		m := newTestModel(t, &fakeBin{}, 80, 24, nil)
		items := make([]api.Item, tc.n)
		for i := range items {
			items[i] = api.Item{ID: int64(i + 1), Name: "f", OriginalPath: []string{"f"}}
		}
		cmd := m.handlePage(pageLoadedMsg{gen: m.gen, page: api.Page{Items: items, TotalNum: int64(tc.n)}})
		if calls.Load() != 0 {
			t.Fatal("memory was returned on the Update goroutine")
		}
		if cmd != nil {
			_ = execCmd(cmd)
		}
		if got := calls.Load(); got != tc.want || !m.complete {
			t.Errorf("%d items: returned memory %d times (complete %v), want %d", tc.n, got, m.complete, tc.want)
		}
	}
}
