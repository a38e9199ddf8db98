package api_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"smhbin/api"
)

// engNotFound is what a client returns for an item no longer in the bin.
var engNotFound = &api.APIError{Status: 404, Code: "RecycledItemNotFound"}

func TestEngineResponseLostReconciles(t *testing.T) {
	f := &fakeRestorer{
		batch: func(context.Context, int, []int64) (api.BatchResult, error) {
			return api.BatchResult{}, fmt.Errorf("restore: %w", api.ErrResponseLost)
		},
		info: func(ctx context.Context, id int64) (api.Info, error) {
			if _, ok := ctx.Deadline(); !ok {
				return api.Info{}, errors.New("Info called without a deadline")
			}
			switch id {
			case 1:
				return api.Info{}, fmt.Errorf("info: %w", engNotFound)
			case 2:
				return api.Info{Type: "file"}, nil
			case 3:
				return api.Info{}, &api.APIError{Status: 404, Code: "LibraryNotFound"}
			}
			return api.Info{}, errors.New("connection reset")
		},
	}
	e := api.NewEngine(f, api.EngineOptions{SettleDelay: time.Millisecond})
	ids := []int64{1, 2, 3, 4}
	evs := engCollect(t, e.Start(context.Background(), ids, api.OriginalPath))
	last := engCheck(t, ids, evs)
	for _, id := range ids {
		if k := engKinds(evs, id); !slices.Equal(k[:3], []api.EventKind{api.Queued, api.Restoring, api.Unknown}) || len(k) != 4 {
			t.Errorf("id %d went %v", id, k)
		}
	}
	if g := last[1]; g.Kind != api.Restored || g.Path != nil || g.Message != "restored (confirmed after the reply was lost)" {
		t.Errorf("gone from the bin: %+v", g)
	}
	if g := last[2]; g.Kind != api.Unknown || g.Code != api.CodeNotConfirmed || !strings.HasPrefix(g.Message, "not confirmed — still in the bin at ") ||
		strings.Contains(g.Message, "safe") {
		t.Errorf("still in the bin: %+v", g)
	}
	for _, id := range []int64{3, 4} {
		if g := last[id]; g.Kind != api.Unknown || !strings.Contains(g.Message, "smhbin list") {
			t.Errorf("id %d unresolved: %+v", id, g)
		}
	}
	if len(f.callLog()) != 1 {
		t.Errorf("chunk sent %d times, want once", len(f.callLog()))
	}
	// Id 2 stays in the bin, so it is checked three times before being
	// called not confirmed; the others are settled by their first check.
	if got := slices.Sorted(slices.Values(f.infoCalls)); !slices.Equal(got, []int64{1, 2, 2, 2, 3, 4}) {
		t.Errorf("Info calls %v, want id 2 thrice and the rest once", got)
	}
	// A second, explicit restore checks the unconfirmed ids afresh: only id
	// 2, still in the bin, is sent again; 1 stays restored; 3 and 4, which
	// cannot be checked, stay unconfirmed and unsent.
	again := engCheck(t, ids, engCollect(t, e.Start(context.Background(), ids, api.OriginalPath)))
	if calls := f.callLog(); len(calls) != 2 || !slices.Equal(calls[1], []int64{2}) {
		t.Errorf("calls %v, want the second run to send [2] only", calls)
	}
	if g := again[1]; g.Kind != api.Skipped || g.Code != api.CodeAlreadyRestored {
		t.Errorf("restored id re-run: %+v", g)
	}
	for _, id := range []int64{3, 4} {
		if g := again[id]; g.Kind != api.Skipped || g.Code != api.CodeNotConfirmed {
			t.Errorf("id %d re-run: %+v", id, g)
		}
	}
}

func TestEngineTaskErrors(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantLast api.Event // for id 2, which has no row
		infoUsed bool
	}{
		{"server says the task failed", &api.APIError{Status: 500, Code: "TaskFailed", Message: "task t1 failed"},
			api.Event{ID: 2, Kind: api.Failed, Code: "TaskFailed", Status: 500, Message: "task t1 failed"}, false},
		// A poll that errors says nothing about the accepted batch: check.
		{"polling got a server error", &api.APIError{Status: 500, Code: "InternalServerError", Message: "boom"},
			api.Event{ID: 2, Kind: api.Restored, Message: "restored (confirmed after polling its task failed)"}, true},
		{"polling lost, item gone", errors.New("poll: connection reset"),
			api.Event{ID: 2, Kind: api.Restored, Message: "restored (confirmed after polling its task failed)"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeRestorer{
				batch: func(context.Context, int, []int64) (api.BatchResult, error) {
					return api.BatchResult{TaskID: "t1"}, nil
				},
				wait: func(context.Context, string) ([]api.ItemResult, error) {
					return []api.ItemResult{{ID: 1, Status: 200, Path: []string{"one"}}}, tt.err
				},
				info: func(context.Context, int64) (api.Info, error) { return api.Info{}, engNotFound },
			}
			e := api.NewEngine(f, api.EngineOptions{})
			last := engCheck(t, []int64{1, 2}, engCollect(t, e.Start(context.Background(), []int64{1, 2}, api.OriginalPath)))
			if last[1].Kind != api.Restored {
				t.Errorf("row before the error lost: %+v", last[1])
			}
			if g := last[2]; fmt.Sprint(g) != fmt.Sprint(tt.wantLast) {
				t.Errorf("id 2: %+v, want %+v", g, tt.wantLast)
			}
			if used := len(f.infoCalls) > 0; used != tt.infoUsed || slices.Contains(f.infoCalls, 1) {
				t.Errorf("Info calls %v", f.infoCalls)
			}
		})
	}
}

func TestEngineRequestErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want api.Event
	}{
		{"API error", &api.APIError{Status: 400, Code: "ParamInvalid", Message: "bad ids"},
			api.Event{Kind: api.Failed, Code: "ParamInvalid", Status: 400, Message: "bad ids"}},
		{"no permission", fmt.Errorf("restore: %w", &api.APIError{Status: 403, Code: "NoPermission", Message: "denied"}),
			api.Event{Kind: api.Failed, Code: "NoPermission", Status: 403, Message: "denied"}},
		{"transport", errors.New("dial tcp: connection refused"),
			api.Event{Kind: api.Failed, Code: api.CodeTransport, Message: "dial tcp: connection refused"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeRestorer{batch: func(_ context.Context, call int, ids []int64) (api.BatchResult, error) {
				if call == 0 {
					return api.BatchResult{}, tt.err
				}
				return api.BatchResult{Results: engRows(ids)}, nil
			}}
			e := api.NewEngine(f, api.EngineOptions{ChunkSize: 2, Concurrency: 1})
			ids := engIDs(1, 6)
			last := engCheck(t, ids, engCollect(t, e.Start(context.Background(), ids, api.OriginalPath)))
			for _, id := range ids[:2] {
				w := tt.want
				w.ID = id
				if g := last[id]; fmt.Sprint(g) != fmt.Sprint(w) {
					t.Errorf("id %d: %+v, want %+v", id, g, w)
				}
			}
			for _, id := range ids[2:] {
				if last[id].Kind != api.Restored {
					t.Errorf("id %d after a failed chunk: %+v", id, last[id])
				}
			}
			if len(f.callLog()) != 3 {
				t.Errorf("%d calls, want 3: one chunk's error must not stop the others", len(f.callLog()))
			}
		})
	}
}

func TestEngineInvalidTokenStopsRun(t *testing.T) {
	f := &fakeRestorer{batch: func(_ context.Context, call int, ids []int64) (api.BatchResult, error) {
		return api.BatchResult{}, fmt.Errorf("restore: %w", &api.APIError{Status: 403, Code: "InvalidAccessToken"})
	}}
	e := api.NewEngine(f, api.EngineOptions{ChunkSize: 10, Concurrency: 1})
	ids := engIDs(1, 30)
	last := engCheck(t, ids, engCollect(t, e.Start(context.Background(), ids, api.OriginalPath)))
	if calls := f.callLog(); len(calls) != 1 || !slices.Equal(calls[0], ids[:10]) {
		t.Fatalf("calls %v, want only the first chunk", calls)
	}
	for _, id := range ids[:10] {
		if g := last[id]; g.Kind != api.Failed || g.Code != "InvalidAccessToken" || g.Status != 403 {
			t.Errorf("id %d: %+v", id, g)
		}
	}
	for _, id := range ids[10:] {
		if g := last[id]; g.Kind != api.Skipped || g.Code != api.CodeNotSent || !strings.Contains(g.Message, "token") {
			t.Errorf("id %d: %+v", id, g)
		}
	}
}

// engBlocker makes the first RestoreBatch call block until released, and
// reports when it has started.
type engBlocker struct {
	once    sync.Once
	started chan struct{}
	release chan struct{}
}

// enter reports the start (once, however often it is called) and waits
// for the release.
func (b *engBlocker) enter() {
	b.once.Do(func() { close(b.started) })
	<-b.release
}

func newEngBlocker() *engBlocker {
	return &engBlocker{started: make(chan struct{}), release: make(chan struct{})}
}

func (b *engBlocker) awaitStart(t *testing.T) {
	t.Helper()
	select {
	case <-b.started:
	case <-time.After(engDeadline):
		t.Fatal("the first chunk was never sent")
	}
}

func TestEngineGracefulCancel(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			b := newEngBlocker()
			f := &fakeRestorer{
				batch: func(_ context.Context, call int, ids []int64) (api.BatchResult, error) {
					if async {
						return api.BatchResult{TaskID: "9"}, nil
					}
					b.enter()
					return api.BatchResult{Results: engRows(ids)}, nil
				},
				wait: func(_ context.Context, _ string) ([]api.ItemResult, error) {
					b.enter()
					return engRows(engIDs(1, 10)), nil
				},
			}
			e := api.NewEngine(f, api.EngineOptions{ChunkSize: 10, Concurrency: 1})
			ids := engIDs(1, 40)
			run := e.Start(context.Background(), ids, api.OriginalPath)
			b.awaitStart(t)
			var wg sync.WaitGroup
			for range 3 { // Cancel is idempotent and goroutine-safe
				wg.Go(run.Cancel)
			}
			wg.Wait()
			close(b.release)
			last := engCheck(t, ids, engCollect(t, run))
			run.Cancel() // still harmless after the end

			if calls := f.callLog(); len(calls) != 1 {
				t.Fatalf("%d chunks sent, want only the one in flight", len(calls))
			}
			for _, id := range ids[:10] {
				if last[id].Kind != api.Restored {
					t.Errorf("in-flight id %d: %+v", id, last[id])
				}
			}
			for _, id := range ids[10:] {
				if g := last[id]; g.Kind != api.Skipped || g.Code != api.CodeCancelled {
					t.Errorf("unsent id %d: %+v", id, g)
				}
			}
		})
	}
}

func TestEngineHardCancel(t *testing.T) {
	tests := []struct {
		name  string
		stage string // where the first two chunks are stuck: batch, task or info
	}{
		{"request in flight", "batch"},
		{"polling a task", "task"},
		{"reconciling", "info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			started := make(chan struct{}, 2)
			block := func(ctx context.Context) error {
				select {
				case started <- struct{}{}:
				default: // only the first two matter
				}
				<-ctx.Done()
				return fmt.Errorf("%w: %w", api.ErrResponseLost, ctx.Err())
			}
			f := &fakeRestorer{
				batch: func(ctx context.Context, _ int, _ []int64) (api.BatchResult, error) {
					switch tt.stage {
					case "task":
						return api.BatchResult{TaskID: "5"}, nil
					case "info":
						return api.BatchResult{}, api.ErrResponseLost
					}
					return api.BatchResult{}, block(ctx)
				},
				wait: func(ctx context.Context, _ string) ([]api.ItemResult, error) { return nil, block(ctx) },
				info: func(ctx context.Context, _ int64) (api.Info, error) { return api.Info{}, block(ctx) },
			}
			e := api.NewEngine(f, api.EngineOptions{ChunkSize: 10, Concurrency: 2})
			ids := engIDs(1, 50)
			run := e.Start(ctx, ids, api.OriginalPath)
			for range 2 {
				select {
				case <-started:
				case <-time.After(engDeadline):
					t.Fatal("chunks never got stuck")
				}
			}
			cancel()
			// The consumer has not read a single event: the run must end anyway.
			select {
			case <-run.Done():
			case <-time.After(engDeadline):
				t.Fatal("run did not end after a hard cancel")
			}
			last := engCheck(t, ids, engCollect(t, run))
			if n := len(f.callLog()); n != 2 {
				t.Errorf("%d chunks sent, want the 2 in flight", n)
			}
			for _, id := range ids[:20] {
				if g := last[id]; g.Kind != api.Unknown || !strings.Contains(g.Message, "aborted") {
					t.Errorf("in-flight id %d: %+v", id, g)
				}
			}
			for _, id := range ids[20:] {
				if g := last[id]; g.Kind != api.Skipped || g.Code != api.CodeCancelled {
					t.Errorf("unsent id %d: %+v", id, g)
				}
			}
		})
	}
}

func TestEngineStartWithDeadContextSendsNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &fakeRestorer{}
	ids := engIDs(1, 250)
	last := engCheck(t, ids, engCollect(t, api.NewEngine(f, api.EngineOptions{}).Start(ctx, ids, api.OriginalPath)))
	if len(f.callLog()) != 0 {
		t.Errorf("%d calls with a dead context", len(f.callLog()))
	}
	for _, id := range ids {
		if last[id].Code != api.CodeCancelled {
			t.Fatalf("id %d: %+v", id, last[id])
		}
	}
}

func TestEngineLedgerBlocksReRestore(t *testing.T) {
	f := &fakeRestorer{
		batch: func(_ context.Context, call int, ids []int64) (api.BatchResult, error) {
			if call == 0 { // 1, 2 restored; 3 refused; 4 no row (checked: unknown)
				return api.BatchResult{Results: []api.ItemResult{
					{ID: 1, Status: 200}, {ID: 2, Status: 200}, {ID: 3, Status: 404, Code: "DirectoryNotFound"},
				}}, nil
			}
			if call == 1 { // 5, 6: reply lost, check fails → unknown
				return api.BatchResult{}, api.ErrResponseLost
			}
			return api.BatchResult{Results: engRows(ids)}, nil
		},
		info: func(context.Context, int64) (api.Info, error) { return api.Info{}, errors.New("timeout") },
	}
	e := api.NewEngine(f, api.EngineOptions{ChunkSize: 4, Concurrency: 1})
	first := engIDs(1, 6)
	engCheck(t, first, engCollect(t, e.Start(context.Background(), first, api.OriginalPath)))

	again := engIDs(1, 7)
	last := engCheck(t, again, engCollect(t, e.Start(context.Background(), again, api.OriginalPath)))
	for _, id := range []int64{1, 2} {
		if g := last[id]; g.Kind != api.Skipped || g.Code != api.CodeAlreadyRestored {
			t.Errorf("id %d re-run: %+v", id, g)
		}
	}
	// 4, 5 and 6 stayed unknown and cannot be checked now either: not sent.
	for _, id := range []int64{4, 5, 6} {
		if g := last[id]; g.Kind != api.Skipped || g.Code != api.CodeNotConfirmed {
			t.Errorf("id %d re-run: %+v", id, g)
		}
	}
	for _, id := range []int64{3, 7} {
		if last[id].Kind != api.Restored {
			t.Errorf("id %d should have been retried: %+v", id, last[id])
		}
	}
	if calls := f.callLog(); len(calls) != 3 || !slices.Equal(calls[2], []int64{3, 7}) {
		t.Errorf("calls %v, want the retry to send [3 7]", calls)
	}
	// A Skipped AlreadyRestored or NotConfirmed must not make the id eligible again.
	engCollect(t, e.Start(context.Background(), []int64{1, 5}, api.OriginalPath))
	sent := map[int64]int{}
	for _, c := range f.callLog() {
		for _, id := range c {
			sent[id]++
		}
	}
	for _, id := range []int64{1, 2, 4, 5, 6} {
		if sent[id] != 1 {
			t.Errorf("id %d sent %d times, want once", id, sent[id])
		}
	}
}

func TestEngineOverlappingRunsSendOnce(t *testing.T) {
	b := newEngBlocker()
	f := &fakeRestorer{batch: func(_ context.Context, call int, ids []int64) (api.BatchResult, error) {
		if call == 0 {
			b.enter()
		}
		return api.BatchResult{Results: engRows(ids)}, nil
	}}
	e := api.NewEngine(f, api.EngineOptions{})
	runA := e.Start(context.Background(), []int64{1, 2, 3}, api.OriginalPath)
	b.awaitStart(t)
	lastB := engCheck(t, []int64{2, 3, 4}, engCollect(t, e.Start(context.Background(), []int64{2, 3, 4}, api.OriginalPath)))
	close(b.release)
	lastA := engCheck(t, []int64{1, 2, 3}, engCollect(t, runA))
	for _, id := range []int64{2, 3} {
		if lastB[id].Code != api.CodeInFlight || lastA[id].Kind != api.Restored {
			t.Errorf("id %d: run A %+v, run B %+v", id, lastA[id], lastB[id])
		}
	}
	if lastB[4].Kind != api.Restored {
		t.Errorf("id 4: %+v", lastB[4])
	}
	f.assertNeverResent(t)
}

// TestEngineLostReplySettlesLate: the server was still working when the
// reply was lost; the item leaves the bin between checks and is reported
// restored, never "not confirmed".
func TestEngineLostReplySettlesLate(t *testing.T) {
	var mu sync.Mutex
	checks := 0
	f := &fakeRestorer{
		batch: func(context.Context, int, []int64) (api.BatchResult, error) {
			return api.BatchResult{}, fmt.Errorf("restore: %w", api.ErrResponseLost)
		},
		info: func(context.Context, int64) (api.Info, error) {
			mu.Lock()
			defer mu.Unlock()
			checks++
			if checks < 2 {
				return api.Info{Type: "file"}, nil // still there: the server is busy
			}
			return api.Info{}, engNotFound
		},
	}
	e := api.NewEngine(f, api.EngineOptions{SettleDelay: time.Millisecond})
	evs := engCollect(t, e.Start(context.Background(), []int64{7}, api.OriginalPath))
	last := engCheck(t, []int64{7}, evs)
	if g := last[7]; g.Kind != api.Restored {
		t.Fatalf("late restore reported as %+v, want Restored", g)
	}
	if checks != 2 {
		t.Fatalf("%d Info checks, want 2", checks)
	}
}

// TestEngineGatewayErrorIsCheckedNotFailed: a 502/503/504 may come from a
// proxy that passed the restore on, so its items are checked with Info.
func TestEngineGatewayErrorIsCheckedNotFailed(t *testing.T) {
	f := &fakeRestorer{
		batch: func(context.Context, int, []int64) (api.BatchResult, error) {
			return api.BatchResult{}, &api.APIError{Status: 504, Code: "GatewayTimeout"}
		},
		info: func(context.Context, int64) (api.Info, error) { return api.Info{}, engNotFound },
	}
	e := api.NewEngine(f, api.EngineOptions{SettleDelay: time.Millisecond})
	last := engCheck(t, []int64{1}, engCollect(t, e.Start(context.Background(), []int64{1}, api.OriginalPath)))
	if last[1].Kind != api.Restored || len(f.infoCalls) != 1 {
		t.Fatalf("504 settled as %+v with %d Info calls, want Restored after one check", last[1], len(f.infoCalls))
	}
}

// TestEngineStuckTaskTimesOut: a task that stays 202 past TaskTimeout is
// checked like a lost reply instead of holding the run forever.
func TestEngineStuckTaskTimesOut(t *testing.T) {
	f := &fakeRestorer{
		batch: func(context.Context, int, []int64) (api.BatchResult, error) {
			return api.BatchResult{TaskID: "t9"}, nil
		},
		wait: func(ctx context.Context, _ string) ([]api.ItemResult, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		},
		info: func(context.Context, int64) (api.Info, error) { return api.Info{Type: "file"}, nil },
	}
	e := api.NewEngine(f, api.EngineOptions{TaskTimeout: 20 * time.Millisecond, SettleDelay: -1})
	last := engCheck(t, []int64{1}, engCollect(t, e.Start(context.Background(), []int64{1}, api.OriginalPath)))
	if last[1].Kind != api.Unknown || last[1].Code != api.CodeNotConfirmed {
		t.Fatalf("stuck task settled as %+v, want checked (still in the bin)", last[1])
	}
}
