package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// emulator starts fakesmh over httptest and returns it with a client.
func emulator(t *testing.T, opts fakesmh.Options) (*fakesmh.Server, *api.Client) {
	t.Helper()
	s := fakesmh.New(opts)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := api.New(api.Config{
		Endpoint: srv.URL, LibraryID: fakesmh.DefaultLibraryID, Token: s.Token(),
		PollInterval: time.Millisecond, PollMaxInterval: 5 * time.Millisecond, RetryBaseDelay: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

func TestEmulatorListAll(t *testing.T) {
	for _, style := range []string{fakesmh.MarkerInt, fakesmh.MarkerString} {
		t.Run(style, func(t *testing.T) {
			s, c := emulator(t, fakesmh.Options{Items: 1200, Seed: 7, MarkerStyle: style})
			var ids []int64
			q := api.ListQuery{Limit: 100}
			for pages := 0; ; pages++ {
				if pages > 50 {
					t.Fatal("markers never ran out")
				}
				p, err := c.List(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				if p.TotalNum != 1200 {
					t.Fatalf("totalNum %d", p.TotalNum)
				}
				for _, it := range p.Items {
					ids = append(ids, it.ID)
					if len(it.OriginalPath) == 0 || it.OriginalPath[len(it.OriginalPath)-1] != it.Name || it.RemovalTime.IsZero() {
						t.Fatalf("item %d decoded badly: %+v", it.ID, it)
					}
				}
				if p.NextMarker == "" {
					break
				}
				if p.NextMarker == q.Marker {
					t.Fatalf("marker %q did not advance", p.NextMarker)
				}
				q.Marker = p.NextMarker
			}
			if !slices.Equal(ids, s.IDs()) {
				t.Fatalf("listed %d ids, server has %d (or a different order)", len(ids), len(s.IDs()))
			}
			if !slices.Contains(ids, fakesmh.BigID) {
				t.Fatalf("id %d (above 2^53) lost or mangled", fakesmh.BigID)
			}
		})
	}
}

func TestEmulatorRestores(t *testing.T) {
	s, c := emulator(t, fakesmh.Options{Items: -1, AsyncThreshold: 3, TaskDuration: -1})
	ids := s.Add(
		fakesmh.NewRecord("docs", "one.txt"), fakesmh.NewRecord("docs", "two.txt"),
		fakesmh.NewRecord("docs", "three.txt"), fakesmh.NewRecord("pics", "a.jpg"),
		fakesmh.NewRecord("pics", "b.jpg"), fakesmh.NewRecord("pics", "c.jpg"), fakesmh.NewRecord("pics", "d.jpg"),
	)
	ctx := context.Background()

	one, err := c.RestoreBatch(ctx, ids[:1], api.OriginalPath)
	if err != nil || len(one.Results) != 1 || !one.Results[0].OK() || !slices.Equal(one.Results[0].Path, []string{"docs", "one.txt"}) {
		t.Fatalf("RestoreBatch = %+v, %v", one, err)
	}
	if again, err := c.RestoreBatch(ctx, ids[:1], api.OriginalPath); err != nil || again.Results[0].Code != "RecycledItemNotFound" {
		t.Fatalf("restoring twice: %+v, %v; want RecycledItemNotFound", again, err)
	}

	sync, err := c.RestoreBatch(ctx, ids[1:3], api.OriginalPath)
	if err != nil || sync.Async() || len(sync.Results) != 2 || !sync.Results[0].OK() || !sync.Results[1].OK() {
		t.Fatalf("sync batch = %+v, %v", sync, err)
	}

	async, err := c.RestoreBatch(ctx, ids[3:], api.OriginalPath)
	if err != nil || !async.Async() {
		t.Fatalf("large batch = %+v, %v; want a task", async, err)
	}
	rows, err := c.WaitTask(ctx, async.TaskID)
	if err != nil || len(rows) != 4 {
		t.Fatalf("task rows = %+v, %v", rows, err)
	}
	for _, r := range rows {
		if !r.OK() || len(r.Path) != 2 || r.Path[0] != "pics" {
			t.Fatalf("row %+v", r)
		}
	}
	for _, id := range ids {
		if s.InBin(id) || s.RestoreCount(id) != 1 {
			t.Fatalf("item %d: in bin %v, restored %d times", id, s.InBin(id), s.RestoreCount(id))
		}
	}
	if _, err := c.Info(ctx, ids[0]); !errors.Is(err, api.ErrNotFound) {
		t.Fatalf("Info of a restored item: err = %v, want ErrNotFound", err)
	}
}

func TestEmulatorFaults(t *testing.T) {
	s, c := emulator(t, fakesmh.Options{Items: -1})
	ids := s.Add(fakesmh.NewRecord("a.txt"), fakesmh.NewRecord("b.txt"))
	ctx := context.Background()

	s.SetFault(fakesmh.Fault{ResetAfterRestore: true})
	_, err := c.RestoreBatch(ctx, ids, api.OriginalPath)
	if !errors.Is(err, api.ErrResponseLost) {
		t.Fatalf("reset after restore: err = %v, want ErrResponseLost", err)
	}
	if s.RestoreCount(ids[0]) != 1 {
		t.Fatalf("restored %d times, want exactly 1 (no blind resend)", s.RestoreCount(ids[0]))
	}

	var failed atomic.Int32
	s.SetFault(fakesmh.Fault{Fail: func(*http.Request) bool { return failed.Add(1) <= 2 }})
	before := s.Stats().Requests
	if _, err := c.List(ctx, api.ListQuery{}); err != nil {
		t.Fatalf("500s on a GET should be retried: %v", err)
	}
	if n := s.Stats().Requests - before; n != 3 {
		t.Fatalf("%d requests, want 2 failures and a success", n)
	}

	s.SetFault(fakesmh.Fault{})
	s.SetToken("another")
	if _, err := c.List(ctx, api.ListQuery{}); !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("stale token: err = %v, want ErrUnauthorized", err)
	}
}
