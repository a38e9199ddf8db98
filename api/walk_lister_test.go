package api_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"smhbin/api"
)

// offsetLister serves n items in pages whose markers are offsets; it
// fails the first request for offset failAt, and blocks a request for
// offset hangAt until its context ends. called receives each offset asked.
type offsetLister struct {
	n, failAt, hangAt int
	mu                sync.Mutex
	failed            bool
	called            chan int
}

func (l *offsetLister) List(ctx context.Context, q api.ListQuery) (api.Page, error) {
	from, _ := strconv.Atoi(string(q.Marker))
	l.called <- from
	l.mu.Lock()
	fail := from == l.failAt && !l.failed
	l.failed = l.failed || fail
	l.mu.Unlock()
	switch {
	case fail:
		return api.Page{}, errors.New("boom")
	case from == l.hangAt:
		<-ctx.Done()
		return api.Page{}, ctx.Err()
	}
	p := api.Page{TotalNum: int64(l.n)}
	for i := from; i < min(from+q.Limit, l.n); i++ {
		p.Items = append(p.Items, api.Item{ID: int64(1)<<53 + 1 + int64(i)})
	}
	if to := from + q.Limit; to < l.n {
		p.NextMarker = api.Marker(strconv.Itoa(to))
	}
	return p, nil
}

// TestWalkListerOverlapsInOrder: over a Lister that is not a *Client, the
// walker asks for page n+1 before the caller asks for it, returns every
// id once in order, and stops at a failed page with nothing after it.
func TestWalkListerOverlapsInOrder(t *testing.T) {
	l := &offsetLister{n: 5000, failAt: 3000, hangAt: -1, called: make(chan int, 100)}
	w := api.WalkLister(context.Background(), l, api.WalkOptions{Query: api.ListQuery{Limit: 1000}})
	defer w.Close()
	var ids []int64
	var err error
	for page := 0; ; page++ {
		select {
		case got := <-l.called:
			if got != page*1000 {
				t.Fatalf("request %d for offset %d, want %d", page, got, page*1000)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("page %d was not asked for before Next", page)
		}
		var p api.Page
		if p, err = w.Next(); err != nil {
			break
		}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		// The next request is on its way before Next is called again.
	}
	if err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v, want the failed page's", err)
	}
	if len(ids) != 3000 {
		t.Fatalf("%d ids before the failed page, want 3000", len(ids))
	}
	for i, id := range ids {
		if id != int64(1)<<53+1+int64(i) {
			t.Fatalf("id %d is %d: order or exactness lost", i, id)
		}
	}
	select {
	case off := <-l.called:
		t.Fatalf("offset %d asked after the failed page", off)
	default:
	}
}

// TestWalkRequestTimeoutAndGuard: RequestTimeout bounds each request, and
// a walk that continues a listing with its Guard refuses an id that
// listing already had.
func TestWalkRequestTimeoutAndGuard(t *testing.T) {
	l := &offsetLister{n: 5000, failAt: -1, hangAt: 1000, called: make(chan int, 100)}
	w := api.WalkLister(context.Background(), l, api.WalkOptions{Query: api.ListQuery{Limit: 1000}, RequestTimeout: 20 * time.Millisecond})
	defer w.Close()
	first, err := w.Next()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Next(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the request's deadline", err)
	}

	guard := &api.PageGuard{}
	if err := guard.Check(first); err != nil {
		t.Fatal(err)
	}
	l = &offsetLister{n: 5000, failAt: -1, hangAt: -1, called: make(chan int, 100)}
	again := api.WalkLister(context.Background(), l, api.WalkOptions{Query: api.ListQuery{Limit: 1000}, Guard: guard})
	defer again.Close()
	if _, err := again.Next(); !errors.Is(err, api.ErrEndlessListing) {
		t.Fatalf("err = %v, want the shared guard to refuse ids listed before", err)
	}
}
