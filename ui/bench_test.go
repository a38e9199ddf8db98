package ui

import (
	"encoding/json"
	"testing"

	"smhbin/api"
	"smhbin/ui/bindata"
	"smhbin/ui/internal/seed"
)

// bigModel is a fully loaded model over n seeded items at w×h.
func bigModel(b *testing.B, items []api.Item, w, h int) *Model {
	m := newTestModel(b, &fakeBin{}, w, h, func(o *Options) { o.Restorer = nopRestorer{} })
	m.data.Add(items)
	m.complete, m.total = true, int64(len(items))
	m.render()
	return m
}

func items100k(b testing.TB) []api.Item { return seed.Items100k(b) }

// BenchmarkCursorMove is one keypress at 100k items: Update + View.
// Targets: < 100 µs and < 16 KB allocated per op.
func BenchmarkCursorMove(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		b.Run(sizeName(sz), func(b *testing.B) {
			m := bigModel(b, items100k(b), sz[0], sz[1])
			b.ResetTimer()
			scroll(b, m, 200)
		})
	}
}

// scroll is the loop of the cursor benchmarks: down for run keypresses,
// up for as many, and so on, each with the frame after it.
func scroll(b *testing.B, m *Model, run int) {
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if (i/run)%2 == 1 {
			k = up
		}
		i++
		m.Update(k)
		_ = m.View()
	}
}

func sizeName(sz [2]int) string {
	return itoa(sz[0]) + "x" + itoa(sz[1])
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// BenchmarkFilterKeystroke types one character into an empty filter at
// 100k items (the worst case: no previous result to narrow). Target < 8 ms.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	press(b, m, "/")
	b.ReportAllocs()
	for b.Loop() {
		m.Update(keyMsg("s"))
		m.Update(keyMsg("backspace"))
	}
}

// BenchmarkFilterNarrowing types the next character of a query, which
// only rescans the previous matches.
func BenchmarkFilterNarrowing(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	press(b, m, "/", "s")
	b.ReportAllocs()
	for b.Loop() {
		m.Update(keyMsg("c"))
		b.StopTimer()
		m.Update(keyMsg("backspace"))
		b.StartTimer()
	}
}

// BenchmarkLocalSort sorts 100k loaded items by name (stable).
func BenchmarkLocalSort(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		m.data.SortLocal(bindata.SortName, false)
		m.data.SortLocal(bindata.SortDeleted, true)
	}
}

// BenchmarkRestoreFrame is the UI's cost for one burst of 1,000 rows
// changing state during a restore, plus the frame that shows it.
func BenchmarkRestoreFrame(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	evs := make([]api.Event, 1000)
	for i := range evs {
		evs[i] = api.Event{ID: m.data.Items()[i].ID, Kind: api.Restored, Path: m.data.Item(int32(i)).OriginalPath}
	}
	b.ReportAllocs()
	for b.Loop() {
		m.rr = &restoreRun{id: 1, total: 1000, events: make(chan api.Event), failedBy: map[string]int{}, skippedBy: map[string]int{}, tasks: map[string]int{}}
		m.Update(restoreEventsMsg{run: 1, events: evs})
		_ = m.View()
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
	scroll(b, m, 30)
}
