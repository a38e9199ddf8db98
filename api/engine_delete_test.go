package api_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// fastOpts checks an item still in the bin once, so no test waits.
var fastOpts = api.EngineOptions{SettleDelay: -1}

// lastEvents runs to the end and returns each id's last event.
func lastEvents(t *testing.T, run *api.Run) map[int64]api.Event {
	t.Helper()
	last := map[int64]api.Event{}
	for _, ev := range engCollect(t, run) {
		last[ev.ID] = ev
	}
	return last
}

// gate blocks the requests match picks until released.
func gate(b *engBlocker, match func(*http.Request) bool) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if match(r) {
				b.enter()
			}
			h.ServeHTTP(w, r)
		})
	}
}

func isBatchDelete(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Query().Has("delete")
}

func isRestore(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Query().Has("restore")
}

func TestEngineDeleteChunks(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{}, nil)
	ids := addFiles(s, 250)
	o := fastOpts
	o.ChunkSize = 100
	last := lastEvents(t, api.NewEngine(c, o).StartDelete(context.Background(), append(ids, ids[0])))
	for _, id := range ids {
		if last[id].Kind != api.Deleted || s.InBin(id) {
			t.Fatalf("id %d: %+v, in bin %v", id, last[id], s.InBin(id))
		}
	}
	reqs := deleteRequests(s)
	if len(reqs) != 3 {
		t.Fatalf("%d batch requests, want 3 (100+100+50)", len(reqs))
	}
	for _, r := range reqs {
		if r.Method != http.MethodPost || r.Status != http.StatusNoContent {
			t.Errorf("%s answered %d, want POST 204", r.Method, r.Status)
		}
	}
	assertSentOnce(t, s)
}

// TestEngineDelete500Reconciles: a batch delete that deletes part of its
// ids and answers 500 is settled per item by Info, never resent.
func TestEngineDelete500Reconciles(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{}, nil)
	ids := addFiles(s, 5)
	s.SetFault(fakesmh.Fault{DeletePartial: 2})
	evs := engCollect(t, api.NewEngine(c, fastOpts).StartDelete(context.Background(), ids))
	last := map[int64]api.Event{}
	for _, ev := range evs {
		last[ev.ID] = ev
	}
	for i, id := range ids {
		ev := last[id]
		switch {
		case i < 2 && ev.Kind != api.Deleted:
			t.Errorf("id %d was deleted by the failed batch but reported %v %s", id, ev.Kind, ev.Code)
		case i >= 2 && (ev.Kind != api.Failed || ev.Code != api.CodeStillInBin || !s.InBin(id)):
			t.Errorf("id %d still in the bin but reported %v %s", id, ev.Kind, ev.Code)
		}
	}
	for _, ev := range evs {
		if ev.Kind == api.Unknown && !strings.Contains(ev.Message, "HTTP 500") {
			t.Errorf("id %d is being checked after a 500, but the message says %q", ev.ID, ev.Message)
		}
	}
	info := 0
	for _, r := range s.Requests() {
		if r.Query.Has("info") {
			info++
		}
	}
	if info != len(ids) || len(deleteRequests(s)) != 1 {
		t.Fatalf("%d Info calls and %d deletes, want %d and 1", info, len(deleteRequests(s)), len(ids))
	}
	assertSentOnce(t, s)
}

func TestEngineDeleteLostReply(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{}, nil)
	ids := addFiles(s, 3)
	s.SetFault(fakesmh.Fault{ResetAfterDelete: true})
	last := lastEvents(t, api.NewEngine(c, fastOpts).StartDelete(context.Background(), ids))
	for _, id := range ids {
		if ev := last[id]; ev.Kind != api.Deleted {
			t.Errorf("id %d left the bin after a lost reply but reported %v %s", id, ev.Kind, ev.Code)
		}
	}
	assertSentOnce(t, s)

	// Lost before the server acted: still there, so not confirmed.
	s2, c2 := delEmulator(t, fakesmh.Options{}, nil, func(cfg *api.Config) {
		cfg.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond}
	})
	ids = addFiles(s2, 2)
	s2.SetFault(fakesmh.Fault{Hang: isBatchDelete})
	last = lastEvents(t, api.NewEngine(c2, fastOpts).StartDelete(context.Background(), ids))
	for _, id := range ids {
		if ev := last[id]; ev.Kind != api.Unknown || ev.Code != api.CodeNotConfirmed {
			t.Errorf("id %d still in the bin after a lost reply: %v %s, want unknown NotConfirmed", id, ev.Kind, ev.Code)
		}
	}
	assertSentOnce(t, s2)
}

func TestEngineDeleteNoPermission(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{NoDeleteGrant: true}, nil)
	ids := addFiles(s, 3)
	last := lastEvents(t, api.NewEngine(c, fastOpts).StartDelete(context.Background(), ids))
	for _, id := range ids {
		if ev := last[id]; ev.Kind != api.Failed || ev.Code != api.CodeNoPermission || ev.Status != 403 {
			t.Errorf("id %d: %v %s %d, want failed NoPermission 403", id, ev.Kind, ev.Code, ev.Status)
		}
	}
	if s.Stats().InBin != 3 {
		t.Fatal("items were deleted without the grant")
	}
}

// TestEngineDeleteCancel: a graceful cancel lets the chunk in flight
// finish and never sends the others.
func TestEngineDeleteCancel(t *testing.T) {
	b := newEngBlocker()
	s, c := delEmulator(t, fakesmh.Options{}, gate(b, isBatchDelete))
	ids := addFiles(s, 6)
	o := fastOpts
	o.ChunkSize, o.Concurrency = 2, 1
	run := api.NewEngine(c, o).StartDelete(context.Background(), ids)
	b.awaitStart(t)
	run.Cancel()
	close(b.release)
	last := lastEvents(t, run)
	for i, id := range ids {
		ev := last[id]
		if i < 2 && ev.Kind != api.Deleted || i >= 2 && (ev.Kind != api.Skipped || ev.Code != api.CodeCancelled) {
			t.Errorf("id %d (#%d): %v %s", id, i, ev.Kind, ev.Code)
		}
	}
	if n := len(deleteRequests(s)); n != 1 {
		t.Fatalf("%d delete requests after cancel, want 1", n)
	}
}

// TestEngineRestoreDeleteExclusion: one Engine never deletes an item it is
// restoring, nor restores one it is deleting, nor empties the bin under a
// run, nor touches an item again once it left the bin.
func TestEngineRestoreDeleteExclusion(t *testing.T) {
	for _, first := range []api.Op{api.OpRestore, api.OpDelete} {
		t.Run(first.String()+" first", func(t *testing.T) {
			b := newEngBlocker()
			match := isRestore
			if first == api.OpDelete {
				match = isBatchDelete
			}
			s, c := delEmulator(t, fakesmh.Options{AsyncThreshold: -1}, gate(b, match))
			ids := addFiles(s, 3)
			e := api.NewEngine(c, fastOpts)
			ctx := context.Background()
			start := func(op api.Op, ids []int64) *api.Run {
				if op == api.OpDelete {
					return e.StartDelete(ctx, ids)
				}
				return e.Start(ctx, ids, api.OriginalPath)
			}
			second := api.OpDelete - first
			held := start(first, ids[:2])
			b.awaitStart(t)
			if err := e.Empty(ctx); !errors.Is(err, api.ErrBusy) {
				t.Fatalf("Empty during a run: err = %v, want ErrBusy", err)
			}
			other := lastEvents(t, start(second, ids))
			close(b.release)
			mine := lastEvents(t, held)
			for _, id := range ids[:2] {
				if ev := other[id]; ev.Kind != api.Skipped || ev.Code != api.CodeInFlight {
					t.Errorf("%s of id %d during its %s: %v %s, want skipped InFlight", second, id, first, ev.Kind, ev.Code)
				}
				if mine[id].Kind != first.DoneKind() {
					t.Errorf("%s of id %d: %v", first, id, mine[id].Kind)
				}
			}
			if ev := other[ids[2]]; ev.Kind != second.DoneKind() {
				t.Errorf("id %d, held by no run: %v %s", ids[2], ev.Kind, ev.Code)
			}
			again := lastEvents(t, start(second, ids[:1]))
			if ev := again[ids[0]]; ev.Kind != api.Skipped || ev.Code == api.CodeInFlight {
				t.Errorf("%s after its %s: %v %s, want skipped Already…", second, first, ev.Kind, ev.Code)
			}
			for id, n := range s.RestoreSends() {
				if n > 1 || s.DeleteSends()[id] > 0 {
					t.Errorf("id %d restored %d times and deleted %d times", id, n, s.DeleteSends()[id])
				}
			}
			assertSentOnce(t, s)
		})
	}
}

// TestEngineEmptyHoldsOffRuns: while the bin is being emptied, no run of
// the same Engine may send anything.
func TestEngineEmptyHoldsOffRuns(t *testing.T) {
	b := newEngBlocker()
	isEmpty := func(r *http.Request) bool {
		return r.Method == http.MethodDelete && strings.Count(strings.Trim(r.URL.Path, "/"), "/") == 4
	}
	s, c := delEmulator(t, fakesmh.Options{}, gate(b, isEmpty))
	ids := addFiles(s, 2)
	e := api.NewEngine(c, fastOpts)
	ctx := context.Background()
	emptied := make(chan error, 1)
	go func() { emptied <- e.Empty(ctx) }()
	b.awaitStart(t)
	for _, run := range []*api.Run{e.StartDelete(ctx, ids), e.Start(ctx, ids, api.OriginalPath)} {
		for id, ev := range lastEvents(t, run) {
			if ev.Kind != api.Skipped || ev.Code != api.CodeInFlight {
				t.Errorf("%s of id %d while emptying: %v %s", run.Op(), id, ev.Kind, ev.Code)
			}
		}
	}
	close(b.release)
	if err := <-emptied; err != nil {
		t.Fatalf("Empty: %v", err)
	}
	if n := s.Stats().InBin; n != 0 || len(s.RestoreSends()) != 0 || len(s.DeleteSends()) != 0 {
		t.Fatalf("%d items left, restores %v, deletes %v", n, s.RestoreSends(), s.DeleteSends())
	}
}
