package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// retryingClient is testClient with two quick retries of a failed GET.
func retryingClient(t *testing.T, h http.Handler) *api.Client {
	t.Helper()
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok", MaxRetries: 2,
		RetryBaseDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pageBody is page number n (0-based) of a listing of pages × 3 items, in
// SMH's field order: nextMarker before contents.
func pageBody(n, pages int) (head, rest string) {
	head = `{"totalNum":` + strconv.Itoa(pages*3)
	if n+1 < pages {
		head += `,"nextMarker":` + strconv.Itoa(n+1)
	}
	head += `,"contents":[`
	var b strings.Builder
	for i := range 3 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"recycledItemId":%d,"name":"n%d","originalPath":["a"]}`, n*3+i+1, n*3+i)
	}
	return head, b.String() + `]}`
}

// The next page is asked for as soon as the marker has arrived at the head
// of the reply, while the rest of that reply is still on its way.
func TestWalkAsksBeforeTheBodyEnds(t *testing.T) {
	const pages = 4
	var arrived [pages + 1]chan struct{} // closed when page n is asked for
	for i := range arrived {
		arrived[i] = make(chan struct{})
	}
	var overlapped atomic.Int64
	c := testClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("marker"))
		close(arrived[n])
		head, rest := pageBody(n, pages)
		_, _ = io.WriteString(w, head)
		w.(http.Flusher).Flush()
		if n+1 < pages {
			// Hold the rest of the page until the next one is asked for.
			select {
			case <-arrived[n+1]:
				overlapped.Add(1)
			case <-time.After(5 * time.Second):
			}
		}
		_, _ = io.WriteString(w, rest)
	}))
	ids, err := walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 3}}))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != pages*3 || ids[0] != 1 || ids[len(ids)-1] != pages*3 {
		t.Fatalf("ids %v", ids)
	}
	for i := range ids {
		if ids[i] != int64(i+1) {
			t.Fatalf("id %d is %d: out of order", i, ids[i])
		}
	}
	if got := overlapped.Load(); got != pages-1 {
		t.Errorf("%d of %d next pages were asked for while the page before was still arriving", got, pages-1)
	}
}

// A GET retried after its replies broke off mid-body shows its head
// three times, here while the caller is still busy with the page before; the
// walk neither hangs nor loses its order.
func TestWalkRetriedHeadStaysExact(t *testing.T) {
	const pages = 3
	var firstTries atomic.Int64
	hs := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("marker"))
		head, rest := pageBody(n, pages)
		if n == 1 && firstTries.Add(1) <= 2 {
			w.Header().Set("Content-Length", strconv.Itoa(len(head)+len(rest)))
			_, _ = io.WriteString(w, head)
			w.(http.Flusher).Flush()
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // the body breaks off after the marker
			}
			return
		}
		_, _ = io.WriteString(w, head+rest)
	})
	c := retryingClient(t, hs)
	done := make(chan struct{})
	var ids []int64
	var err error
	go func() {
		defer close(done)
		w := c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 3}})
		defer w.Close()
		for {
			p, perr := w.Next()
			if perr != nil {
				if !errors.Is(perr, io.EOF) {
					err = perr
				}
				return
			}
			for _, it := range p.Items {
				ids = append(ids, it.ID)
			}
			time.Sleep(200 * time.Millisecond) // busy: both heads of page 2 arrive meanwhile
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the walk hung after a retried page")
	}
	if err != nil {
		t.Fatal(err)
	}
	if firstTries.Load() != 3 {
		t.Errorf("page 2 was asked for %d times, want 3 (two retries)", firstTries.Load())
	}
	if len(ids) != pages*3 {
		t.Fatalf("ids %v", ids)
	}
	for i := range ids {
		if ids[i] != int64(i+1) {
			t.Fatalf("id %d is %d: out of order", i, ids[i])
		}
	}
}

// A page that breaks off after its head has already sent the next request
// ends the walk: its error comes after every page before it, the request
// sent early is cancelled, and no page after it is returned.
func TestWalkHeadThenBrokenPageStopsInOrder(t *testing.T) {
	const pages, broken = 6, 3
	var earlyAsked atomic.Int64
	c := testClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("marker"))
		head, rest := pageBody(n, pages)
		if n == broken+1 {
			earlyAsked.Add(1)
		}
		if n != broken {
			_, _ = io.WriteString(w, head+rest)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(head)+len(rest)))
		_, _ = io.WriteString(w, head)
		w.(http.Flusher).Flush()
		// Break off only once the next page has been asked for, so the
		// early request is surely in flight when the error comes.
		deadline := time.Now().Add(5 * time.Second)
		for earlyAsked.Load() == 0 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}))
	ids, err := walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 3}}))
	if err == nil {
		t.Fatal("the broken page was not reported")
	}
	if earlyAsked.Load() != 1 {
		t.Fatalf("the page after the broken one was asked for %d times, want once (early)", earlyAsked.Load())
	}
	if len(ids) != broken*3 {
		t.Fatalf("%d ids before the error, want the %d of the pages before it: %v", len(ids), broken*3, ids)
	}
	for i := range ids {
		if ids[i] != int64(i+1) {
			t.Fatalf("id %d is %d: out of order", i, ids[i])
		}
	}
}

// A head that names one marker while the reply, decoded whole, names
// another (the key twice: the last one counts, as in encoding/json): the
// early request is dropped and the listing follows the decoded marker.
func TestWalkHeadLureIsCorrected(t *testing.T) {
	const pages = 4
	var lured atomic.Int64
	c := testClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mk := r.URL.Query().Get("marker")
		if mk == "999" {
			lured.Add(1)
			_, _ = io.WriteString(w, `{"totalNum":1,"contents":[{"recycledItemId":999999}]}`)
			return
		}
		n, _ := strconv.Atoi(mk)
		head, rest := pageBody(n, pages)
		if n+1 < pages {
			head = strings.Replace(head, `"nextMarker":`+strconv.Itoa(n+1), `"nextMarker":999`, 1)
			rest = strings.TrimSuffix(rest, "}") + `,"nextMarker":` + strconv.Itoa(n+1) + `}`
		}
		_, _ = io.WriteString(w, head)
		w.(http.Flusher).Flush()
		// The rest comes once the lure has been followed, so that the
		// early request is surely made before the decode corrects it.
		deadline := time.Now().Add(5 * time.Second)
		for n+1 < pages && lured.Load() <= int64(n) && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		_, _ = io.WriteString(w, rest)
	}))
	ids, err := walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 3}}))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != pages*3 {
		t.Fatalf("ids %v", ids)
	}
	for i := range ids {
		if ids[i] != int64(i+1) {
			t.Fatalf("id %d is %d: the lure's page got in", i, ids[i])
		}
	}
	if lured.Load() != pages-1 {
		t.Errorf("the lure was followed %d times, want %d (once a page, early)", lured.Load(), pages-1)
	}
}

// A decoded page's body is read into again for a later page (a 700 KB
// buffer per page made a 100k listing collect its garbage forty times),
// and the pages already returned keep their items intact.
func TestWalkReusesBodiesSafely(t *testing.T) {
	const n, limit = 30_000, 1000
	// The emulator's pages, recorded once and replayed as they are, so
	// that the server allocates next to nothing while the client is
	// measured.
	emu := fakesmh.New(fakesmh.Options{Items: n, LibraryID: "lib", Token: "tok"})
	bodies := map[string][]byte{}
	for mk := ""; ; {
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/recycled/lib/-?access_token=tok&limit=1000&marker="+mk, nil))
		body := rec.Body.Bytes()
		bodies[mk] = body
		next, known := "", false
		if _, rest, ok := bytes.Cut(body, []byte(`"nextMarker":`)); ok {
			next, known = string(rest[:bytes.IndexAny(rest, ",}")]), true
		}
		if !known {
			break
		}
		mk = next
	}
	c := testClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := bodies[r.URL.Query().Get("marker")]
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	var pages []api.Page
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	w := c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: limit}})
	for {
		p, err := w.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	w.Close()
	runtime.ReadMemStats(&after)
	want := emu.IDs()
	got := 0
	for _, p := range pages {
		for _, it := range p.Items {
			r, ok := emu.Item(it.ID)
			if it.ID != want[got] || !ok || it.Name != r.Name || !slices.Equal(it.OriginalPath, r.OriginalPath) {
				t.Fatalf("item %d (id %d, %q) is not what the server listed: a later page overwrote it", got, it.ID, it.Name)
			}
			got++
		}
	}
	if got != n {
		t.Fatalf("%d items, want %d", got, n)
	}
	// A body is ≈ 745 KB and its decoded items ≈ 400 KB: without reuse
	// every page allocates both.
	perPage := (after.TotalAlloc - before.TotalAlloc) / uint64(len(pages))
	t.Logf("%d KB allocated per page", perPage>>10)
	if perPage > 800<<10 {
		t.Errorf("%d KB allocated per page: bodies are not reused", perPage>>10)
	}
}
