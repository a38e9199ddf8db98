package ui

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"smhbin/api"
)

// pagedServer serves n items with ids above 2^53 (as JSON numbers) in
// pages of 1,000 whose markers are offsets, records which pages were
// asked for, and fails the first request for page failAt (1-based) with
// a 500.
type pagedServer struct {
	n, failAt int
	mu        sync.Mutex
	asked     []int // page numbers (1-based), in the order requested
	failed    bool
	arrived   *sync.Cond // signalled on each request
}

const pagedBase = int64(1)<<53 + 1

func newPagedServer(t *testing.T, n, failAt int) (*pagedServer, *api.Client) {
	t.Helper()
	s := &pagedServer{n: n, failAt: failAt}
	s.arrived = sync.NewCond(&s.mu)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

func (s *pagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	from, _ := strconv.Atoi(r.URL.Query().Get("marker"))
	page := from/1000 + 1
	s.mu.Lock()
	s.asked = append(s.asked, page)
	fail := page == s.failAt && !s.failed
	s.failed = s.failed || fail
	s.arrived.Broadcast()
	s.mu.Unlock()
	if fail {
		http.Error(w, `{"code":"InternalError","message":"boom"}`, http.StatusInternalServerError)
		return
	}
	to := min(from+1000, s.n)
	var b strings.Builder
	fmt.Fprintf(&b, `{"totalNum":%d,"contents":[`, s.n)
	for i := from; i < to; i++ {
		if i > from {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"recycledItemId":%d,"name":"n%d","originalPath":["写真","n%d"],"size":"%d"}`, pagedBase+int64(i), i, i, i)
	}
	b.WriteString(`]`)
	if to < s.n {
		fmt.Fprintf(&b, `,"nextMarker":%d`, to)
	}
	b.WriteString(`}`)
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, b.String())
}

// waitAsked waits until page has been requested, or gives up after d.
func (s *pagedServer) waitAsked(page int, d time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	timer := time.AfterFunc(d, func() { s.mu.Lock(); s.arrived.Broadcast(); s.mu.Unlock() })
	defer timer.Stop()
	deadline := time.Now().Add(d)
	for !containsInt(s.asked, page) {
		if time.Now().After(deadline) {
			return false
		}
		s.arrived.Wait()
	}
	return true
}

func (s *pagedServer) askedPages() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.asked...)
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// TestListingPipelinesInOrder: the TUI's listing asks for page n+1 before
// it has handled page n (the handler of each page waits until that request
// has reached the server, which a listing that asks only afterwards never
// does), keeps every id exact and in server order, stops at a page that
// fails mid-pipeline with exactly the pages before it loaded and nothing
// after it asked for, and ctrl+t then loads the rest, each page once.
func TestListingPipelinesInOrder(t *testing.T) {
	const n, failAt = 12_000, 8
	srv, client := newPagedServer(t, n, failAt)
	var notPipelined []int
	m := newTestModel(t, client, 120, 40, func(o *Options) {
		o.PageSize = 1000
		o.Logf = func(format string, args ...any) {
			if !strings.HasPrefix(format, "page %d loaded") {
				return
			}
			page := args[0].(int)
			if page*1000 < n && !srv.waitAsked(page+1, 30*time.Second) {
				notPipelined = append(notPipelined, page)
			}
		}
	})
	run(t, m, m.Init())
	if len(notPipelined) > 0 {
		t.Errorf("pages %v were handled before the next one was requested", notPipelined)
	}
	checkIDs := func(want int) {
		t.Helper()
		if m.data.Len() != want {
			t.Fatalf("%d items loaded, want %d", m.data.Len(), want)
		}
		for i := range want {
			if id := m.data.Item(int32(i)).ID; id != pagedBase+int64(i) {
				t.Fatalf("item %d has id %d, want %d: order or exactness lost", i, id, pagedBase+int64(i))
			}
		}
	}
	checkIDs((failAt - 1) * 1000)
	if m.loadErr == nil || m.complete {
		t.Fatalf("the failed page was not reported (loadErr %v, complete %v)", m.loadErr, m.complete)
	}
	if got := srv.askedPages(); got[len(got)-1] != failAt || containsInt(got, failAt+1) {
		t.Fatalf("pages asked %v: the listing went on past the failed page %d", got, failAt)
	}
	if v := m.render(); !strings.Contains(v, "page failed") {
		t.Errorf("the status line does not say a page failed:\n%s", v)
	}

	press(t, m, "ctrl+t")
	checkIDs(n)
	if !m.complete || m.loadErr != nil {
		t.Fatalf("after ctrl+t: complete %v, loadErr %v", m.complete, m.loadErr)
	}
	seen := map[int]int{}
	for _, p := range srv.askedPages() {
		seen[p]++
	}
	for p := 1; p <= n/1000; p++ {
		if want := 1 + boolInt(p == failAt); seen[p] != want {
			t.Errorf("page %d asked %d times, want %d (asked: %v)", p, seen[p], want, srv.askedPages())
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
