package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// benchClient serves n seeded items with the given per-request latency.
func benchClient(b *testing.B, n int, latency time.Duration, async int) (*api.Client, *fakesmh.Server) {
	c, srv, _ := benchServer(b, n, latency, async)
	return c, srv
}

// benchServer is benchClient, with the server's URL.
func benchServer(b *testing.B, n int, latency time.Duration, async int) (*api.Client, *fakesmh.Server, string) {
	b.Helper()
	srv := fakesmh.New(fakesmh.Options{Items: n, Latency: latency, AsyncThreshold: async, LibraryID: "lib", Token: "tok",
		TaskDuration: -1})
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok", PollInterval: latency})
	if err != nil {
		b.Fatal(err)
	}
	return c, srv, hs.URL
}

// BenchmarkList100k walks 100,000 items in pages of 1,000 with 20 ms per
// request, with the PageWalker (the next request in flight while a page
// decodes) and, for comparison in the same run, with sequential List
// calls and with "raw": sequential GETs whose bodies are read and thrown
// away, the floor this server allows (it spends time encoding each page on
// the same cores). The ideal is ceil(N/limit) round trips, since marker
// paging is sequential by nature; x_ideal is the mean time over it.
func BenchmarkList100k(b *testing.B) {
	const n, limit, rtt = 100_000, 1000, 20 * time.Millisecond
	c, _, url := benchServer(b, n, rtt, -1)
	ideal := time.Duration(math.Ceil(float64(n)/limit)) * rtt
	run := func(b *testing.B, walk func() int) {
		for b.Loop() {
			if got := walk(); got != n {
				b.Fatalf("listed %d, want %d", got, n)
			}
		}
		b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(ideal), "x_ideal")
		b.ReportMetric(float64(ideal.Milliseconds()), "ideal_ms")
	}
	b.Run("raw", func(b *testing.B) {
		run(b, func() int {
			got, mk := 0, ""
			for {
				resp, err := http.Get(fmt.Sprintf("%s/api/v1/recycled/lib/-?access_token=tok&limit=%d&marker=%s", url, limit, mk))
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("page after %s: %d %v", mk, resp.StatusCode, err)
				}
				got += bytes.Count(body, []byte(`"recycledItemId"`))
				// The emulator sends an integer nextMarker before contents.
				_, rest, ok := bytes.Cut(body, []byte(`"nextMarker":`))
				if !ok {
					return got
				}
				end := bytes.IndexAny(rest, ",}")
				mk = string(rest[:end])
			}
		})
	})
	b.Run("walker", func(b *testing.B) {
		run(b, func() int {
			w := c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: limit}})
			defer w.Close()
			got := 0
			for {
				p, err := w.Next()
				if errors.Is(err, io.EOF) {
					return got
				}
				if err != nil {
					b.Fatal(err)
				}
				got += len(p.Items)
			}
		})
	})
	b.Run("sequential", func(b *testing.B) {
		run(b, func() int {
			got := 0
			var mk api.Marker
			for {
				p, err := c.List(context.Background(), api.ListQuery{Marker: mk, Limit: limit})
				if err != nil {
					b.Fatal(err)
				}
				got += len(p.Items)
				if p.NextMarker == "" {
					return got
				}
				mk = p.NextMarker
			}
		})
	})
}

// BenchmarkEngineEmulator1000 restores 1,000 items through the engine
// against the emulator with 20 ms per request (chunks of 100, 4 at once):
// the ideal is ceil(1000/100)/4 = 3 round trips.
func BenchmarkEngineEmulator1000(b *testing.B) {
	const n, rtt = 1000, 20 * time.Millisecond
	ideal := time.Duration(math.Ceil(math.Ceil(n/100.0)/4)) * rtt
	for b.Loop() {
		b.StopTimer()
		c, srv := benchClient(b, n, rtt, -1)
		ids := srv.IDs()[:n]
		eng := api.NewEngine(c, api.EngineOptions{})
		b.StartTimer()
		start := time.Now()
		run := eng.Start(context.Background(), ids, api.FallbackToRoot)
		finals := 0
		for ev := range run.Events() {
			if ev.Kind.Final() {
				finals++
			}
		}
		if finals != n {
			b.Fatalf("%d final events, want %d", finals, n)
		}
		b.ReportMetric(float64(time.Since(start))/float64(ideal), "x_ideal")
	}
	b.ReportMetric(float64(ideal.Milliseconds()), "ideal_ms")
}
