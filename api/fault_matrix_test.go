package api_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// faultToken is the emulator's token in the fault tests; every error is
// checked for it.
const faultToken = "fault-matrix-Token-9d2e"

// faultEnv is the emulator behind an optional middleware, with a client.
type faultEnv struct {
	srv    *fakesmh.Server
	hs     *httptest.Server
	client *api.Client
}

// newFaultEnv starts the emulator (opts.Items items, token faultToken)
// behind wrap and a client with fast retries; edit adjusts the client.
func newFaultEnv(t *testing.T, opts fakesmh.Options, wrap func(http.Handler) http.Handler, edit func(*api.Config)) *faultEnv {
	t.Helper()
	opts.Token = faultToken
	s := fakesmh.New(opts)
	var h http.Handler = s
	if wrap != nil {
		h = wrap(s)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	cfg := api.Config{Endpoint: hs.URL, LibraryID: fakesmh.DefaultLibraryID, Token: faultToken,
		RetryBaseDelay: time.Millisecond, PollInterval: time.Millisecond, PollMaxInterval: 5 * time.Millisecond}
	if edit != nil {
		edit(&cfg)
	}
	c, err := api.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &faultEnv{srv: s, hs: hs, client: c}
}

// listAll follows the markers to the end, as smhbin list does (through a
// PageGuard), returning the ids in order and the first error.
func listAll(c *api.Client, limit int) ([]int64, error) {
	var (
		ids   []int64
		guard api.PageGuard
	)
	q := api.ListQuery{Limit: limit}
	for range 10_000 {
		p, err := c.List(context.Background(), q)
		if err == nil {
			err = guard.Check(p)
		}
		if err != nil {
			return ids, err
		}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		if p.NextMarker == "" {
			return ids, nil
		}
		q.Marker = p.NextMarker
	}
	return ids, errors.New("markers never ran out")
}

// noSecret fails if err's text holds the token.
func noSecret(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), faultToken) {
		t.Fatalf("the token leaked into %q", err)
	}
}

// noDoubleRestore asserts that no id was sent in two restore requests and
// that the emulator restored none of ids more than once.
func noDoubleRestore(t *testing.T, s *fakesmh.Server, ids []int64) {
	t.Helper()
	for id, n := range s.RestoreSends() {
		if n > 1 {
			t.Errorf("item %d was sent in %d restore requests", id, n)
		}
	}
	for _, id := range ids {
		if n := s.RestoreCount(id); n > 1 {
			t.Errorf("item %d restored %d times", id, n)
		}
	}
}

// restoreAll runs the engine over ids and returns each id's last event.
func restoreAll(t *testing.T, c *api.Client, o api.EngineOptions, ids []int64) map[int64]api.Event {
	t.Helper()
	run := api.NewEngine(c, o).Start(context.Background(), ids, api.OriginalPath)
	last := map[int64]api.Event{}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev, ok := <-run.Events():
			if !ok {
				return last
			}
			last[ev.ID] = ev
		case <-timeout:
			t.Fatal("the restore run never ended")
		}
	}
}

func TestFaultEveryThirdGETFails(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: 1000, Seed: 3, FailEvery: 3}, nil, nil)
	ids, err := listAll(e.client, 37)
	if err != nil {
		t.Fatalf("every 3rd request failing should be absorbed by retries: %v", err)
	}
	if want := e.srv.IDs(); !slices.Equal(ids, want) {
		t.Fatalf("listed %d ids, want exactly the %d of the bin in order", len(ids), len(want))
	}
	failed := 0
	for _, r := range e.srv.Requests() {
		if r.Status == http.StatusInternalServerError {
			failed++
		}
	}
	if failed < 9 {
		t.Fatalf("only %d requests failed; the fault was not exercised", failed)
	}

	// POSTs are never retried: a chunk answered 500 is checked with item
	// info (a 5xx may come after the server applied it), it is reported
	// not confirmed while its items stay in the bin, and nothing is sent twice.
	e.srv.SetFault(fakesmh.Fault{FailEvery: 3})
	some := ids[:40]
	last := restoreAll(t, e.client, api.EngineOptions{ChunkSize: 4, Concurrency: 2, SettleDelay: time.Millisecond}, some)
	restored, failedChunks := 0, 0
	for _, id := range some {
		switch ev := last[id]; {
		case ev.Kind == api.Restored:
			restored++
		case ev.Kind == api.Unknown: // a check may itself fail past its retries
			failedChunks++
			if ev.Code == api.CodeNotConfirmed && !e.srv.InBin(id) {
				t.Errorf("item %d reported not confirmed but left the bin", id)
			}
		case ev.Kind == api.Failed && (ev.Code == "DirectoryNotFound" || ev.Code == "SourceFileNotFound" || ev.Code == "NoPermission"):
		default:
			t.Errorf("item %d ended %v %s", id, ev.Kind, ev.Code)
		}
	}
	if restored == 0 || failedChunks == 0 {
		t.Errorf("restored %d, failed by 500 %d; want both", restored, failedChunks)
	}
	noDoubleRestore(t, e.srv, ids)
}

func TestFaultPageHangsPastDeadline(t *testing.T) {
	var hangs atomic.Int32
	e := newFaultEnv(t, fakesmh.Options{Items: 60}, nil, func(c *api.Config) {
		c.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond}
		c.MaxRetries = 2
	})
	first, err := e.client.List(context.Background(), api.ListQuery{Limit: 20})
	if err != nil || first.NextMarker == "" {
		t.Fatalf("first page: %v", err)
	}
	e.srv.SetFault(fakesmh.Fault{Hang: func(r *http.Request) bool {
		if r.URL.Query().Get("marker") == string(first.NextMarker) {
			hangs.Add(1)
			return true
		}
		return false
	}})
	_, err = e.client.List(context.Background(), api.ListQuery{Limit: 20, Marker: first.NextMarker})
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "Timeout exceeded") {
		t.Fatalf("a hung page: err = %v, want a timeout that says so", err)
	}
	if n := hangs.Load(); n != 3 {
		t.Fatalf("the page was tried %d times, want 3 (two retries)", n)
	}
	noSecret(t, err)
}

// badBody lets reply answer the first-page list request, counting the
// calls, and passes every other request to the emulator.
func badBody(reply func(http.ResponseWriter), calls *atomic.Int32) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			if r.Method == http.MethodGet && !q.Has("info") && !q.Has("marker") {
				calls.Add(1)
				w.Header().Set("Content-Type", "application/json")
				reply(w)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func TestFaultMalformedJSON(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"truncated", `{"totalNum":5,"nextMarker":9,"contents":[{"recycledItemId":1,`, "malformed JSON"},
		{"html", `<html><body>502 Bad Gateway</body></html>`, "malformed JSON"},
		{"wrong type", `{"totalNum":5,"contents":{"recycledItemId":1}}`, `got a JSON object`},
		{"bad id", `{"contents":[{"recycledItemId":1.5}]}`, `field "recycledItemId"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			e := newFaultEnv(t, fakesmh.Options{Items: 10}, badBody(func(w http.ResponseWriter) {
				_, _ = io.WriteString(w, tc.body)
			}, &calls), nil)
			_, err := e.client.List(context.Background(), api.ListQuery{})
			if err == nil || !strings.Contains(err.Error(), "bad list reply") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a bad list reply naming %q", err, tc.want)
			}
			if calls.Load() != 1 {
				t.Fatalf("a malformed page was fetched %d times; retrying cannot fix it", calls.Load())
			}
			noSecret(t, err)
		})
	}
}

// An unreadable 200 to a batch restore means the server acted: the engine
// reconciles through Info and never resends.
func TestFaultMalformedRestoreReply(t *testing.T) {
	wrap := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Query().Has("restore") {
				next.ServeHTTP(&truncWriter{ResponseWriter: w}, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	e := newFaultEnv(t, fakesmh.Options{Items: -1}, wrap, nil)
	ids := e.srv.Add(fakesmh.NewRecord("docs", "a.txt"), fakesmh.NewRecord("docs", "b.txt"))
	last := restoreAll(t, e.client, api.EngineOptions{}, ids)
	for _, id := range ids {
		if ev := last[id]; ev.Kind != api.Restored || !strings.Contains(ev.Message, "confirmed") {
			t.Errorf("item %d: %+v, want restored and confirmed through Info", id, ev)
		}
		if e.srv.RestoreCount(id) != 1 {
			t.Errorf("item %d restored %d times", id, e.srv.RestoreCount(id))
		}
	}
	noDoubleRestore(t, e.srv, ids)
}

// truncWriter drops the second half of every body write: a reply cut short.
type truncWriter struct{ http.ResponseWriter }

func (w *truncWriter) Write(b []byte) (int, error) {
	_, err := w.ResponseWriter.Write(b[:len(b)/2])
	return len(b), err
}

func TestFaultHugeBody(t *testing.T) {
	const size = 10 << 20
	for _, tc := range []struct {
		name   string
		status int
		length bool
	}{{"200 chunked", 200, false}, {"200 with length", 200, true}, {"500 chunked", 500, false}} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			e := newFaultEnv(t, fakesmh.Options{Items: 10}, badBody(func(w http.ResponseWriter) {
				if tc.length {
					w.Header().Set("Content-Length", strconv.Itoa(size))
				}
				w.WriteHeader(tc.status)
				const head = `{"contents":[`
				_, _ = io.WriteString(w, head)
				pad := []byte(strings.Repeat(" ", 64<<10))
				for sent := len(head); sent < size; sent += len(pad) {
					if _, err := w.Write(pad[:min(len(pad), size-sent)]); err != nil {
						return // the client hung up, as it should
					}
				}
			}, &calls), nil)
			_, err := e.client.List(context.Background(), api.ListQuery{})
			if err == nil || !strings.Contains(err.Error(), "response larger than 8 MiB") {
				t.Fatalf("a 10 MB reply: err = %v, want it refused as too large", err)
			}
			if calls.Load() != 1 {
				t.Fatalf("a too-large reply was fetched %d times", calls.Load())
			}
			noSecret(t, err)
		})
	}
}

func TestFaultTokenExpiresMidListing(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: 100, TokenExpiresAfter: 3}, nil, nil)
	ids, err := listAll(e.client, 10)
	if !errors.Is(err, api.ErrUnauthorized) || len(ids) != 30 {
		t.Fatalf("listed %d then err = %v; want 30 then ErrUnauthorized", len(ids), err)
	}
	rejected := 0
	for _, r := range e.srv.Requests() {
		if r.Status == http.StatusForbidden {
			rejected++
		}
	}
	if rejected != 1 {
		t.Fatalf("%d requests were refused; a 403 must not be retried", rejected)
	}
	noSecret(t, err)
}

func TestFaultTokenExpiresMidRestore(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: -1, AsyncThreshold: -1}, nil, nil)
	var recs []fakesmh.Record
	for i := range 40 {
		recs = append(recs, fakesmh.NewRecord("docs", "f"+strconv.Itoa(i)+".txt"))
	}
	ids := e.srv.Add(recs...)
	e.srv.SetFault(fakesmh.Fault{TokenExpiresAfter: 3})
	last := restoreAll(t, e.client, api.EngineOptions{ChunkSize: 5, Concurrency: 1}, ids)
	counts := map[string]int{}
	for _, id := range ids {
		ev := last[id]
		counts[ev.Kind.String()+" "+ev.Code]++
		noSecret(t, errors.New(ev.Message))
	}
	want := map[string]int{"restored ": 15, "failed InvalidAccessToken": 5, "skipped " + api.CodeNotSent: 20}
	if len(counts) != len(want) {
		t.Fatalf("outcomes %v, want %v", counts, want)
	}
	for k, n := range want {
		if counts[k] != n {
			t.Fatalf("outcomes %v, want %v", counts, want)
		}
	}
	if n := len(e.srv.RestoreSends()); n != 20 {
		t.Fatalf("%d ids were sent, want 20: nothing after the refused chunk", n)
	}
	noDoubleRestore(t, e.srv, ids)
}

func TestFaultResetAfterRestore(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: -1, AsyncThreshold: -1}, nil, nil)
	ids := e.srv.Add(fakesmh.NewRecord("docs", "a.txt"), fakesmh.NewRecord("docs", "b.txt"),
		fakesmh.NewRecord("docs", "c.txt"), fakesmh.NewRecord("pics", "d.jpg"))
	e.srv.SetFault(fakesmh.Fault{ResetAfterRestore: true})
	events := map[int64][]api.EventKind{}
	run := api.NewEngine(e.client, api.EngineOptions{ChunkSize: 2}).Start(context.Background(), ids, api.OriginalPath)
	timeout := time.After(20 * time.Second)
	last := map[int64]api.Event{}
	for done := false; !done; {
		select {
		case ev, ok := <-run.Events():
			if !ok {
				done = true
				break
			}
			events[ev.ID] = append(events[ev.ID], ev.Kind)
			last[ev.ID] = ev
		case <-timeout:
			t.Fatal("the restore run never ended")
		}
	}
	infos := map[string]int{}
	for _, r := range e.srv.Requests() {
		if r.Query.Has("info") {
			infos[r.Path]++
		}
	}
	for _, id := range ids {
		want := []api.EventKind{api.Queued, api.Restoring, api.Unknown, api.Restored}
		if !slices.Equal(events[id], want) || !strings.Contains(last[id].Message, "confirmed") {
			t.Errorf("item %d went %v (%q), want %v: unknown, then confirmed by Info", id, events[id], last[id].Message, want)
		}
		if e.srv.RestoreCount(id) != 1 {
			t.Errorf("item %d restored %d times, want once", id, e.srv.RestoreCount(id))
		}
		if p := "/api/v1/recycled/" + fakesmh.DefaultLibraryID + "/-/" + strconv.FormatInt(id, 10); infos[p] != 1 {
			t.Errorf("item %d was checked with Info %d times, want once", id, infos[p])
		}
	}
	if n := e.srv.RestoreSends(); len(n) != len(ids) {
		t.Errorf("sent %v, want every id once", n)
	}
	noDoubleRestore(t, e.srv, ids)
}

func TestFaultServerGone(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: -1}, nil, nil)
	ids := e.srv.Add(fakesmh.NewRecord("docs", "a.txt"), fakesmh.NewRecord("docs", "b.txt"))
	e.hs.Close()
	_, err := e.client.List(context.Background(), api.ListQuery{})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("listing a closed server: err = %v, want connection refused", err)
	}
	noSecret(t, err)
	last := restoreAll(t, e.client, api.EngineOptions{}, ids)
	for _, id := range ids {
		if ev := last[id]; ev.Kind != api.Failed || ev.Code != api.CodeTransport {
			t.Errorf("item %d: %+v, want failed with %s (never sent)", id, ev, api.CodeTransport)
		}
		noSecret(t, errors.New(last[id].Message))
	}
	noDoubleRestore(t, e.srv, ids)
}

// TestFaultSlowServerBoundsConcurrency: against a slow server the engine
// never has more restore requests open than its Concurrency, however many
// chunks wait.
func TestFaultSlowServerBoundsConcurrency(t *testing.T) {
	var open, most atomic.Int32
	count := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				n := open.Add(1)
				defer open.Add(-1)
				for m := most.Load(); n > m; m = most.Load() {
					if most.CompareAndSwap(m, n) {
						break
					}
				}
			}
			next.ServeHTTP(w, r)
		})
	}
	e := newFaultEnv(t, fakesmh.Options{Items: -1, AsyncThreshold: -1, Latency: 5 * time.Millisecond}, count, nil)
	var recs []fakesmh.Record
	for i := range 24 {
		recs = append(recs, fakesmh.NewRecord("docs", "f"+strconv.Itoa(i)+".txt"))
	}
	ids := e.srv.Add(recs...)
	last := restoreAll(t, e.client, api.EngineOptions{ChunkSize: 2, Concurrency: 3}, ids)
	for _, id := range ids {
		if last[id].Kind != api.Restored {
			t.Fatalf("item %d: %+v", id, last[id])
		}
	}
	if n := most.Load(); n < 1 || n > 3 {
		t.Fatalf("up to %d restore requests open at once, want at most 3", n)
	}
	noDoubleRestore(t, e.srv, ids)
}
