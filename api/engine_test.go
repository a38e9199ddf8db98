package api_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"smhbin/api"
)

// engDeadline bounds every wait in the engine tests; reaching it is a
// failure, never a pass.
const engDeadline = 10 * time.Second

// engMaxEventsPerID is the per-id event bound the engine sizes its channel
// from (Queued, Restoring, Waiting, Unknown, last).
const engMaxEventsPerID = 5

// fakeRestorer is a scripted api.Restorer that logs every call.
type fakeRestorer struct {
	// batch answers the call-th RestoreBatch (0-based); nil restores all.
	batch func(ctx context.Context, call int, ids []int64) (api.BatchResult, error)
	wait  func(ctx context.Context, taskID string) ([]api.ItemResult, error)
	info  func(ctx context.Context, id int64) (api.Info, error)

	mu        sync.Mutex
	calls     [][]int64
	tasks     []string
	infoCalls []int64
	inFlight  int
	maxFlight int
}

func (f *fakeRestorer) RestoreBatch(ctx context.Context, ids []int64, _ api.PathStrategy) (api.BatchResult, error) {
	f.mu.Lock()
	call := len(f.calls)
	f.calls = append(f.calls, slices.Clone(ids))
	f.inFlight++
	f.maxFlight = max(f.maxFlight, f.inFlight)
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	if f.batch == nil {
		return api.BatchResult{Results: engRows(ids)}, nil
	}
	return f.batch(ctx, call, ids)
}

func (f *fakeRestorer) WaitTask(ctx context.Context, taskID string) ([]api.ItemResult, error) {
	f.mu.Lock()
	f.tasks = append(f.tasks, taskID)
	f.mu.Unlock()
	if f.wait == nil {
		return nil, errors.New("fakeRestorer: unexpected WaitTask")
	}
	return f.wait(ctx, taskID)
}

func (f *fakeRestorer) Info(ctx context.Context, id int64) (api.Info, error) {
	f.mu.Lock()
	f.infoCalls = append(f.infoCalls, id)
	f.mu.Unlock()
	if f.info == nil {
		return api.Info{}, errors.New("fakeRestorer: unexpected Info")
	}
	return f.info(ctx, id)
}

// callLog returns a copy of the RestoreBatch calls so far.
func (f *fakeRestorer) callLog() [][]int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// assertNeverResent fails if any id was sent in more than one request.
func (f *fakeRestorer) assertNeverResent(t *testing.T) {
	t.Helper()
	seen := map[int64]int{}
	for i, c := range f.callLog() {
		for _, id := range c {
			if j, dup := seen[id]; dup {
				t.Errorf("id %d sent twice (calls %d and %d)", id, j, i)
			}
			seen[id] = i
		}
	}
}

// engRows returns a successful row for every id.
func engRows(ids []int64) []api.ItemResult {
	rows := make([]api.ItemResult, len(ids))
	for i, id := range ids {
		rows[i] = api.ItemResult{ID: id, Status: 200, Path: []string{"docs", fmt.Sprint(id)}}
	}
	return rows
}

// engIDs returns n ids starting at from.
func engIDs(from, n int) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(from + i)
	}
	return ids
}

// engCollect reads a run's events until the channel closes, then checks
// that Done is closed too.
func engCollect(t *testing.T, run *api.Run) []api.Event {
	t.Helper()
	timeout := time.After(engDeadline)
	var evs []api.Event
	for {
		select {
		case ev, ok := <-run.Events():
			if ok {
				evs = append(evs, ev)
				continue
			}
			select {
			case <-run.Done():
			case <-timeout:
				t.Fatal("Events closed but Done never closed")
			}
			return evs
		case <-timeout:
			t.Fatalf("run did not end; %d events so far", len(evs))
		}
	}
}

// engCheck asserts the run-wide invariants and returns each id's last event:
// Queued for every id first, in input order; then at most one Final event
// per id and nothing after it; the last event Final or Unknown; at most
// engMaxEventsPerID events per id.
func engCheck(t *testing.T, ids []int64, evs []api.Event) map[int64]api.Event {
	t.Helper()
	if len(evs) < len(ids) {
		t.Fatalf("%d events for %d ids", len(evs), len(ids))
	}
	for i, id := range ids {
		if ev := evs[i]; ev.Kind != api.Queued || ev.ID != id {
			t.Fatalf("event %d = %v %d, want queued %d", i, ev.Kind, ev.ID, id)
		}
	}
	byID := map[int64][]api.Event{}
	for _, ev := range evs {
		byID[ev.ID] = append(byID[ev.ID], ev)
	}
	if len(byID) != len(ids) {
		t.Errorf("events for %d distinct ids, want %d", len(byID), len(ids))
	}
	last := make(map[int64]api.Event, len(ids))
	for id, seq := range byID {
		if len(seq) > engMaxEventsPerID {
			t.Errorf("id %d: %d events, more than %d", id, len(seq), engMaxEventsPerID)
		}
		for i, ev := range seq[:len(seq)-1] {
			if ev.Kind.Final() {
				t.Errorf("id %d: final %v at %d is followed by %v", id, ev.Kind, i, seq[i+1].Kind)
			}
		}
		end := seq[len(seq)-1]
		if !end.Kind.Final() && end.Kind != api.Unknown {
			t.Errorf("id %d ends %v, want a final event or unknown", id, end.Kind)
		}
		last[id] = end
	}
	return last
}

// engKinds returns the kinds of id's events, in order.
func engKinds(evs []api.Event, id int64) []api.EventKind {
	var ks []api.EventKind
	for _, ev := range evs {
		if ev.ID == id {
			ks = append(ks, ev.Kind)
		}
	}
	return ks
}

func TestEngineChunksInInputOrder(t *testing.T) {
	tests := []struct {
		name      string
		chunkSize int
		n         int
		want      []int
	}{
		{"default 100", 0, 250, []int{100, 100, 50}},
		{"explicit 100", 100, 250, []int{100, 100, 50}},
		{"negative means default", -5, 101, []int{100, 1}},
		{"clamped to 1000", 5000, 1500, []int{1000, 500}},
		{"one per request", 1, 3, []int{1, 1, 1}},
		{"exact multiple", 50, 100, []int{50, 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeRestorer{}
			e := api.NewEngine(f, api.EngineOptions{ChunkSize: tt.chunkSize, Concurrency: 1})
			ids := engIDs(1000, tt.n)
			evs := engCollect(t, e.Start(context.Background(), ids, api.OriginalPath))
			last := engCheck(t, ids, evs)

			var sizes []int
			var sent []int64
			for _, c := range f.callLog() {
				sizes = append(sizes, len(c))
				sent = append(sent, c...)
			}
			if !slices.Equal(sizes, tt.want) {
				t.Errorf("chunk sizes %v, want %v", sizes, tt.want)
			}
			if !slices.Equal(sent, ids) {
				t.Error("chunks did not carry the ids in input order")
			}
			for _, id := range ids {
				if k := engKinds(evs, id); !slices.Equal(k, []api.EventKind{api.Queued, api.Restoring, api.Restored}) {
					t.Fatalf("id %d went %v", id, k)
				}
				if p := last[id].Path; len(p) != 2 || p[1] != fmt.Sprint(id) {
					t.Fatalf("id %d path %v", id, p)
				}
			}
		})
	}
}

func TestEngineDedupesIDs(t *testing.T) {
	f := &fakeRestorer{}
	e := api.NewEngine(f, api.EngineOptions{})
	evs := engCollect(t, e.Start(context.Background(), []int64{3, 1, 3, 2, 1, 3}, api.FallbackToRoot))
	engCheck(t, []int64{3, 1, 2}, evs)
	if got := f.callLog(); len(got) != 1 || !slices.Equal(got[0], []int64{3, 1, 2}) {
		t.Errorf("calls %v, want one call [3 1 2]", got)
	}
}

func TestEngineEmptyRunEnds(t *testing.T) {
	f := &fakeRestorer{}
	evs := engCollect(t, api.NewEngine(f, api.EngineOptions{}).Start(context.Background(), nil, api.OriginalPath))
	if len(evs) != 0 || len(f.callLog()) != 0 {
		t.Errorf("%d events, %d calls for an empty run", len(evs), len(f.callLog()))
	}
}

func TestEngineConcurrencyBound(t *testing.T) {
	for _, limit := range []int{1, 3, 4} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			// The first `limit` calls wait until that many are in flight
			// together, which proves the bound is reached; maxFlight
			// proves it is never passed.
			full := make(chan struct{})
			var once sync.Once
			f := &fakeRestorer{}
			f.batch = func(ctx context.Context, call int, ids []int64) (api.BatchResult, error) {
				f.mu.Lock()
				n := f.inFlight
				f.mu.Unlock()
				if n >= limit {
					once.Do(func() { close(full) })
				}
				if call < limit {
					select {
					case <-full:
					case <-time.After(engDeadline):
					}
				}
				return api.BatchResult{Results: engRows(ids)}, nil
			}
			e := api.NewEngine(f, api.EngineOptions{ChunkSize: 2, Concurrency: limit})
			ids := engIDs(1, 40)
			engCheck(t, ids, engCollect(t, e.Start(context.Background(), ids, api.OriginalPath)))
			if f.maxFlight != limit {
				t.Errorf("at most %d calls in flight, want exactly %d", f.maxFlight, limit)
			}
			if len(f.callLog()) != 20 {
				t.Errorf("%d calls, want 20", len(f.callLog()))
			}
		})
	}
}

func TestEngineMapsRows(t *testing.T) {
	f := &fakeRestorer{batch: func(_ context.Context, _ int, _ []int64) (api.BatchResult, error) {
		return api.BatchResult{Results: []api.ItemResult{
			{ID: 1, Status: 200, Path: []string{"a", "x (1).txt"}},
			{ID: 2, Status: 404, Code: "DirectoryNotFound", Message: "parent missing"},
			{ID: 99, Status: 200, Path: []string{"not", "ours"}},
			{ID: 3, Status: 204},
			{ID: 2, Status: 200}, // a repeated row does not overturn the first
			{ID: 5, Status: 500, Code: "InternalServerError"},
		}}, nil
	}, info: func(context.Context, int64) (api.Info, error) { return api.Info{}, engNotFound }}
	e := api.NewEngine(f, api.EngineOptions{})
	ids := []int64{1, 2, 3, 4, 5}
	last := engCheck(t, ids, engCollect(t, e.Start(context.Background(), ids, api.OriginalPath)))
	want := map[int64]api.Event{
		1: {ID: 1, Kind: api.Restored, Path: []string{"a", "x (1).txt"}},
		2: {ID: 2, Kind: api.Failed, Code: "DirectoryNotFound", Message: "parent missing", Status: 404},
		3: {ID: 3, Kind: api.Restored},
		// No row: checked, not failed; Info says it left the bin.
		4: {ID: 4, Kind: api.Restored, Message: "restored (confirmed: the server's reply had no row for it)"},
		5: {ID: 5, Kind: api.Failed, Code: "InternalServerError", Status: 500},
	}
	for id, w := range want {
		if g := last[id]; fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("id %d: got %+v, want %+v", id, g, w)
		}
	}
	if !slices.Equal(f.infoCalls, []int64{4}) {
		t.Errorf("Info calls %v, want only the row-less id 4 checked", f.infoCalls)
	}
	// The foreign row 99 never reached the ledger: 99 can still be restored.
	again := engCheck(t, []int64{99}, engCollect(t, e.Start(context.Background(), []int64{99}, api.OriginalPath)))
	if again[99].Kind != api.Restored {
		t.Errorf("foreign row reached the ledger: %+v", again[99])
	}
}

func TestEngineAsyncTask(t *testing.T) {
	f := &fakeRestorer{
		batch: func(context.Context, int, []int64) (api.BatchResult, error) {
			return api.BatchResult{TaskID: "15"}, nil
		},
		wait: func(_ context.Context, id string) ([]api.ItemResult, error) {
			return []api.ItemResult{
				{ID: 7, Status: 200, Path: []string{"b"}},
				{ID: 8, Status: 404, Code: "RecycledItemNotFound"},
			}, nil
		},
		info: func(context.Context, int64) (api.Info, error) { return api.Info{Type: "file"}, nil },
	}
	e := api.NewEngine(f, api.EngineOptions{SettleDelay: -1})
	ids := []int64{7, 8, 9}
	evs := engCollect(t, e.Start(context.Background(), ids, api.OriginalPath))
	last := engCheck(t, ids, evs)
	for _, id := range ids {
		want := []api.EventKind{api.Queued, api.Restoring, api.Waiting, last[id].Kind}
		if id == 9 { // no row in the task's result: checked, still in the bin
			want = []api.EventKind{api.Queued, api.Restoring, api.Waiting, api.Unknown, api.Unknown}
		}
		if k := engKinds(evs, id); !slices.Equal(k, want) {
			t.Errorf("id %d went %v, want %v", id, k, want)
		}
	}
	for _, ev := range evs {
		if ev.Kind == api.Waiting && ev.TaskID != "15" {
			t.Errorf("waiting event with task %q", ev.TaskID)
		}
	}
	if last[7].Kind != api.Restored || last[8].Code != "RecycledItemNotFound" || last[9].Code != api.CodeNotConfirmed {
		t.Errorf("outcomes %+v", last)
	}
	if !slices.Equal(f.tasks, []string{"15"}) {
		t.Errorf("polled %v, want [15]", f.tasks)
	}
}
