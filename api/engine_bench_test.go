package api_test

import (
	"context"
	"testing"
	"time"

	"smhbin/api"
)

// BenchmarkEngine1000 restores 1000 ids through a fake whose every batch
// call takes 20 ms. With chunks of 100 and 4 in flight the ideal is
// ceil(10/4) = 3 round trips, about 60 ms per run; the overhead of
// events and bookkeeping is whatever the run takes beyond that.
func BenchmarkEngine1000(b *testing.B) {
	const latency = 20 * time.Millisecond
	f := &fakeRestorer{batch: func(ctx context.Context, _ int, ids []int64) (api.BatchResult, error) {
		t := time.NewTimer(latency)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return api.BatchResult{}, ctx.Err()
		}
		return api.BatchResult{Results: engRows(ids)}, nil
	}}
	ids := engIDs(1, 1000)
	var events int
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		// A fresh Engine each time: the ledger would skip ids already restored.
		run := api.NewEngine(f, api.EngineOptions{}).Start(context.Background(), ids, api.OriginalPath)
		events = 0
		for range run.Events() {
			events++
		}
		<-run.Done()
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/run")
	b.ReportMetric(float64(events), "events/run")
}
