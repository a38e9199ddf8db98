package ui

import (
	"context"
	"math"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// BenchmarkTUIList100k loads 100,000 emulator items into the model in
// pages of 1,000 with 20 ms per request, through the real client and the
// model's own page loop (the walk keeps the next request in flight while a
// page is added). x_ideal is the whole listing over ceil(N/1000) round
// trips; first_ms is when the first page had been added to the table,
// which should stay one round trip plus a little.
func BenchmarkTUIList100k(b *testing.B) {
	const n, limit, rtt = 100_000, 1000, 20 * time.Millisecond
	c := listingEmulator(b, n, limit, rtt)
	ideal := time.Duration(math.Ceil(float64(n)/limit)) * rtt
	var first time.Duration
	for b.Loop() {
		b.StopTimer()
		runtime.GC() // the last model's 100k items are garbage: not this start's cost
		b.StartTimer()
		var start time.Time
		m := newTestModel(b, c, 120, 40, func(o *Options) {
			o.PageSize = limit
			o.Logf = func(format string, args ...any) {
				if strings.HasPrefix(format, "page %d loaded") && args[0].(int) == 1 {
					first += time.Since(start)
				}
			}
		})
		start = time.Now()
		run(b, m, m.Init())
		if m.data.Len() != n || !m.complete {
			b.Fatalf("loaded %d of %d (complete %v, err %v)", m.data.Len(), n, m.complete, m.loadErr)
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(ideal), "x_ideal")
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "first_ms")
}

// BenchmarkTUIListGrouped1M loads 1M emulator items in pages of 1,000, 20 ms
// per request (the browser's pace limit, api.MinPageGap, as well), with the table, the batches or the folders view open from
// the start, through the real client and the model's own page loop, and
// draws a frame after each page as the program would. x_ideal is the
// whole listing over ceil(N/1000) round trips (the goal: the grouped
// views within 1.2× of the table); max_page_ms is the longest Update+View
// of a page (the goal: ≤ 16 ms).
func BenchmarkTUIListGrouped1M(b *testing.B) {
	const n, limit, rtt = 1_000_000, 1000, 20 * time.Millisecond
	c := listingEmulator(b, n, limit, rtt)
	ideal := time.Duration(math.Ceil(float64(n)/limit)) * rtt
	for _, view := range []string{"table", "batches", "folders"} {
		b.Run(view, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				m := newTestModel(b, c, 120, 40, func(o *Options) { o.PageSize = limit })
				var cmds []tea.Cmd
				switch view {
				case "batches":
					_, cmd := m.Update(keyMsg("b"))
					cmds = append(cmds, cmd)
				case "folders":
					_, cmd := m.Update(keyMsg("f"))
					cmds = append(cmds, cmd)
				}
				cmds = append(cmds, m.Init())
				runWith(b, m, tea.Batch(cmds...), func(msg tea.Msg, started time.Time) {
					if _, ok := msg.(pageLoadedMsg); ok {
						_ = m.View() // the frame the program draws after the page
						worst = max(worst, time.Since(started))
					}
				})
				if m.data.Len() != n || !m.complete {
					b.Fatalf("loaded %d of %d (complete %v, err %v)", m.data.Len(), n, m.complete, m.loadErr)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(ideal), "x_ideal")
			b.ReportMetric(float64(worst.Microseconds())/1000, "max_page_ms")
		})
	}
}

// listingEmulator serves n seeded items with rtt per request and returns
// a client of it whose first listing has been made: the emulator sorts
// its items then, which is not the client's time.
func listingEmulator(b *testing.B, n, limit int, rtt time.Duration) *api.Client {
	srv := fakesmh.New(fakesmh.Options{Items: n, Latency: rtt, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.List(context.Background(), api.ListQuery{Limit: limit}); err != nil {
		b.Fatal(err)
	}
	return c
}
