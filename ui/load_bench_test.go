package ui

import (
	"context"
	"math"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

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
	srv := fakesmh.New(fakesmh.Options{Items: n, Latency: rtt, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.List(context.Background(), api.ListQuery{Limit: limit}); err != nil {
		b.Fatal(err) // the emulator's first listing sorts its items: not the client's time
	}
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
