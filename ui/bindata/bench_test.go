package bindata

import (
	"context"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
	"smhbin/ui/internal/seed"
)

// loaded is a store holding 100k seeded items, and the markable test the
// browser uses (restorable, and not already restored: a map lookup).
func loaded(b *testing.B) (*Store, func(int32) bool) {
	s := New()
	s.Add(seed.Items100k(b))
	restored := map[int64]struct{}{}
	items := s.Items()
	return s, func(idx int32) bool {
		if !items[idx].Restorable() {
			return false
		}
		_, done := restored[items[idx].ID]
		return !done
	}
}

// BenchmarkBuildBatches100k groups 100k loaded items into deletion
// batches, in the listing's removal order (one pass) and after a sort by
// name (which sorts a copy of the indexes first). Target < 100 ms.
func BenchmarkBuildBatches100k(b *testing.B) {
	for _, tc := range []struct {
		name string
		sort SortKey
		desc bool
	}{{"removal_order", SortDeleted, true}, {"name_order", SortName, false}} {
		b.Run(tc.name, func(b *testing.B) {
			s, markable := loaded(b)
			s.SortLocal(tc.sort, tc.desc)
			b.ReportAllocs()
			for b.Loop() {
				_ = batchTree(s.Rows(), s.View(), time.Minute, markable, 3)
			}
		})
	}
}

// BenchmarkBuildFolders100k builds the original-folder tree of 100k
// loaded items. Target < 100 ms.
func BenchmarkBuildFolders100k(b *testing.B) {
	s, markable := loaded(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = folderTree(s.Rows(), s.View(), markable, 3)
	}
}

// BenchmarkHeapPerItem lists 100k items from the emulator through the
// real client (as the browser does), loads them into a fresh store and
// reports the live heap per item after a GC: the items with their strings
// plus the browser's own indexes. Target ≤ 300 B.
func BenchmarkHeapPerItem(b *testing.B) {
	const n = 100_000
	srv := fakesmh.New(fakesmh.Options{Items: n, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	if err != nil {
		b.Fatal(err)
	}
	var perItem float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := New()
		var mk api.Marker
		for {
			p, err := c.List(context.Background(), api.ListQuery{Marker: mk, Limit: 1000})
			if err != nil {
				b.Fatal(err)
			}
			if mk == "" {
				s.Reserve(int(p.TotalNum)) // as the model does (on the second page: the bench measures the whole load)
			}
			s.Add(p.Items)
			if mk = p.NextMarker; mk == "" {
				break
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if s.Len() != n {
			b.Fatalf("loaded %d", s.Len())
		}
		perItem = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / n
		runtime.KeepAlive(s)
	}
	b.ReportMetric(perItem, "B/item")
}
