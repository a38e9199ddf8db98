package ui

import (
	"testing"
)

// BenchmarkBuildBatches100k groups 100k loaded items into deletion
// batches, in the listing's removal order (one pass) and after a sort by
// name (which sorts a copy of the indexes first). Target < 100 ms.
func BenchmarkBuildBatches100k(b *testing.B) {
	for _, tc := range []struct {
		name string
		sort sortKey
		desc bool
	}{{"removal_order", sortDeleted, true}, {"name_order", sortName, false}} {
		b.Run(tc.name, func(b *testing.B) {
			m := bigModel(b, items100k(b), 120, 40)
			m.data.sortLocal(tc.sort, tc.desc)
			b.ReportAllocs()
			for b.Loop() {
				_ = batchTree(m.data.items, m.data.view, m.opts.BatchGap, m.markable, m.opts.ExpiringDays)
			}
		})
	}
}

// BenchmarkBuildFolders100k builds the original-folder tree of 100k
// loaded items. Target < 100 ms.
func BenchmarkBuildFolders100k(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = folderTree(m.data.items, m.data.view, m.markable, m.opts.ExpiringDays)
	}
}

// BenchmarkViewSwitch switches between two already-built grouped views
// at 100k items, b → f → b, each switch with the frame after it.
// Target < 16 ms per switch.
func BenchmarkViewSwitch(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	press(b, m, "b", "f") // build both
	bk, fk := keyMsg("b"), keyMsg("f")
	b.ReportAllocs()
	for b.Loop() {
		m.Update(bk) // f → b
		_ = m.View()
		m.Update(fk) // b → f
		_ = m.View()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N)/1e6, "ms/switch")
}

// BenchmarkGroupedCursorMove is one keypress in the batch view at 100k
// items, with the newest batch open: Update + View.
func BenchmarkGroupedCursorMove(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	press(b, m, "b", "enter")
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if (i/30)%2 == 1 {
			k = up
		}
		i++
		m.Update(k)
		_ = m.View()
	}
}
