package ui

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"runtime"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// seededItems decodes n emulator-seeded items (realistic names, deep CJK
// paths) the way the client does, so memory figures are honest.
func seededItems(b testing.TB, n int) []api.Item {
	b.Helper()
	srv := fakesmh.New(fakesmh.Options{Items: n, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	if err != nil {
		b.Fatal(err)
	}
	var out []api.Item
	var mk api.Marker
	for {
		p, err := c.List(context.Background(), api.ListQuery{Marker: mk, Limit: 1000})
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, p.Items...)
		if mk = p.NextMarker; mk == "" {
			return out
		}
	}
}

// bigModel is a fully loaded model over n seeded items at w×h.
func bigModel(b *testing.B, items []api.Item, w, h int) *Model {
	m := newTestModel(b, &fakeBin{}, w, h, func(o *Options) { o.Restorer = nopRestorer{} })
	m.data.add(items)
	m.complete, m.total = true, int64(len(items))
	m.View()
	return m
}

var bench100k []api.Item

func items100k(b testing.TB) []api.Item {
	if bench100k == nil {
		bench100k = seededItems(b, 100_000)
	}
	return bench100k
}

// BenchmarkCursorMove is one keypress at 100k items: Update + View.
// Targets: < 100 µs and < 16 KB allocated per op.
func BenchmarkCursorMove(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		b.Run(sizeName(sz), func(b *testing.B) {
			m := bigModel(b, items100k(b), sz[0], sz[1])
			down, up := keyMsg("down"), keyMsg("up")
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				k := down
				if (i/200)%2 == 1 {
					k = up
				}
				i++
				m.Update(k)
				_ = m.View()
			}
		})
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
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'s'}})
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
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'c'}})
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
		m.data.sortLocal(sortName, false)
		m.data.sortLocal(sortDeleted, true)
	}
}

// BenchmarkHeapPerItem lists 100k items from the emulator through the
// real client (as the browser does), loads them into a fresh store and
// reports the live heap per item after a GC: the items with their strings
// plus the browser's own indexes. Target ≤ 600 B.
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
		s := newStore()
		var mk api.Marker
		for {
			p, err := c.List(context.Background(), api.ListQuery{Marker: mk, Limit: 1000})
			if err != nil {
				b.Fatal(err)
			}
			if mk == "" {
				s.reserve(int(p.TotalNum)) // as the model does on the first page
			}
			s.add(p.Items)
			if mk = p.NextMarker; mk == "" {
				break
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if len(s.items) != n {
			b.Fatalf("loaded %d", len(s.items))
		}
		perItem = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / n
		runtime.KeepAlive(s)
	}
	b.ReportMetric(perItem, "B/item")
}

// BenchmarkRestoreFrame is the UI's cost for one burst of 1,000 rows
// changing state during a restore, plus the frame that shows it.
func BenchmarkRestoreFrame(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	evs := make([]api.Event, 1000)
	for i := range evs {
		evs[i] = api.Event{ID: m.data.items[i].ID, Kind: api.Restored, Path: m.data.items[i].OriginalPath}
	}
	b.ReportAllocs()
	for b.Loop() {
		m.rr = &restoreRun{id: 1, total: 1000, events: make(chan api.Event), failedBy: map[string]int{}, skippedBy: map[string]int{}, tasks: map[string]int{}}
		m.Update(restoreEventsMsg{run: 1, events: evs})
		_ = m.View()
	}
}
