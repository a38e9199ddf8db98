package fakesmh_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"smhbin/api/fakesmh"
)

func TestTokenIsChecked(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 10, Token: "s3cr3t-xyz"})
	for _, u := range []string{e.ts.URL + binPath, e.ts.URL + binPath + "?access_token=wrong", e.ts.URL + taskPath + "1?access_token="} {
		r := e.send(http.MethodGet, u, "")
		if r.status != http.StatusForbidden || r.errCode(t) != "InvalidAccessToken" {
			t.Errorf("%s: %d %s", path(u), r.status, r.body)
		}
	}
	if r := e.call(http.MethodGet, binPath, "", ""); r.status != http.StatusOK {
		t.Errorf("right token: %d", r.status)
	}
	e.srv.SetToken("rotated")
	if r := e.call(http.MethodGet, binPath, "", ""); r.status != http.StatusForbidden {
		t.Errorf("old token after SetToken: %d", r.status)
	}
	e.tok = "rotated"
	if r := e.call(http.MethodGet, binPath, "", ""); r.status != http.StatusOK {
		t.Errorf("new token: %d", r.status)
	}
}

func TestTokenExpiresAfter(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 10, TokenExpiresAfter: 2})
	want := []int{200, 200, 403, 403}
	for i, w := range want {
		if r := e.call(http.MethodGet, binPath, "", ""); r.status != w {
			t.Fatalf("request %d: %d, want %d", i+1, r.status, w)
		} else if w == 403 && r.errCode(t) != "InvalidAccessToken" {
			t.Errorf("expired token code: %s", r.body)
		}
	}
	tok := e.send(http.MethodPost, e.ts.URL+"/api/v1/token?library_id=smhdemo&library_secret=sec", "")
	if tok.status != http.StatusOK {
		t.Fatalf("renewal: %d %s", tok.status, tok.body)
	}
	for i, w := range []int{200, 200, 403} {
		if r := e.call(http.MethodGet, binPath, "", ""); r.status != w {
			t.Errorf("after renewal, request %d: %d, want %d", i+1, r.status, w)
		}
	}
}

func TestFailEvery(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{FailEvery: 3})
	var got []int
	for i := range 6 {
		r := e.call(http.MethodPost, itemPath(int64(i+1)), "restore&restore_path_strategy=fallbackToRoot", "")
		got = append(got, r.status)
		if r.status == 500 && r.errCode(t) != "InternalServerError" {
			t.Errorf("500 body: %s", r.body)
		}
	}
	want := "[200 200 500 404 403 500]" // items 4 and 5 are a broken link and forbidden
	if fmt.Sprint(got) != want {
		t.Errorf("statuses %v, want %s", got, want)
	}
	if e.srv.RestoreCount(3) != 0 || e.srv.RestoreCount(6) != 0 {
		t.Error("a request answered 500 acted anyway")
	}
	// SetFault restarts the count.
	e.srv.SetFault(fakesmh.Fault{FailEvery: 2})
	if a, b := e.call(http.MethodGet, binPath, "", "").status, e.call(http.MethodGet, binPath, "", "").status; a != 200 || b != 500 {
		t.Errorf("after SetFault: %d %d, want 200 500", a, b)
	}
	e.srv.SetFault(fakesmh.Fault{Fail: func(r *http.Request) bool { return r.Method == http.MethodPost }})
	if a, b := e.call(http.MethodGet, binPath, "", "").status, e.call(http.MethodPost, itemPath(3), "restore", "").status; a != 200 || b != 500 {
		t.Errorf("Fail on POST: GET %d POST %d", a, b)
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// lastLogged returns the last logged request on a path, if any.
func lastLogged(s *fakesmh.Server, p string) (fakesmh.Request, bool) {
	reqs := s.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].Path == p {
			return reqs[i], true
		}
	}
	return fakesmh.Request{}, false
}

func TestHangUntilCancelled(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	e.srv.SetFault(fakesmh.Fault{Hang: func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/v1/task/") }})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.ts.URL+taskPath+"1?access_token="+e.tok, nil)
		resp, err := e.ts.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	waitFor(t, "the hung request to arrive", func() bool { return e.srv.Stats().Requests == 1 })
	if r := e.call(http.MethodGet, binPath, "", ""); r.status != http.StatusOK {
		t.Errorf("other requests are served meanwhile: %d", r.status)
	}
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("hung request got a reply")
	}
	waitFor(t, "the hung request to end", func() bool { _, ok := lastLogged(e.srv, taskPath+"1"); return ok })
	if r, _ := lastLogged(e.srv, taskPath+"1"); r.Status != 0 {
		t.Errorf("hung request logged with status %d, want 0", r.Status)
	}
}

func TestLatencyRespectsCancel(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.ts.URL+itemPath(2)+"?restore&access_token="+e.tok, nil)
	if resp, err := e.ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("got a reply despite an hour of latency")
	}
	waitFor(t, "the cancelled request to end", func() bool { _, ok := lastLogged(e.srv, itemPath(2)); return ok })
	if e.srv.RestoreCount(2) != 0 {
		t.Error("a request cancelled during its latency acted anyway")
	}
	quick := fixtureEnv(t, fakesmh.Options{Latency: time.Millisecond})
	if r := quick.call(http.MethodGet, binPath, "", ""); r.status != 200 {
		t.Errorf("small latency: %d", r.status)
	}
}

// A listing is rendered while its latency elapses; a change to the bin
// meanwhile must still show, and the reply must not leave early.
func TestLatencyListingSeesChangesMadeMeanwhile(t *testing.T) {
	const latency = 300 * time.Millisecond
	e := newEnv(t, fakesmh.Options{Items: 50, Latency: latency})
	type result struct {
		p       listPage
		elapsed time.Duration
	}
	got := make(chan result, 1)
	go func() {
		start := time.Now()
		p := e.list("limit=10")
		got <- result{p, time.Since(start)}
	}()
	waitFor(t, "the listing to arrive", func() bool { return e.srv.Stats().Requests == 1 })
	time.Sleep(latency / 3) // well inside the wait, after the page was rendered
	r := fakesmh.NewRecord("new", "deleted-just-now.txt")
	r.RemovalTime = refNow.Add(time.Minute) // newest: first in the server order
	id := e.srv.Add(r)[0]
	res := <-got
	if res.elapsed < latency {
		t.Errorf("reply after %v, before the %v latency", res.elapsed, latency)
	}
	if len(res.p.Contents) == 0 || res.p.Contents[0].id(t) != id {
		t.Fatalf("first item %+v, want the item added during the wait (%d)", res.p.Contents[:1], id)
	}
	if res.p.TotalNum.String() != "51" {
		t.Errorf("totalNum %s, want 51", res.p.TotalNum)
	}
	// Unchanged, the prepared page is what is sent.
	if p := e.list("limit=10"); p.Contents[0].id(t) != id || len(p.Contents) != 10 {
		t.Errorf("second listing: %d items, first %v", len(p.Contents), p.Contents[0])
	}
}

// A flood of concurrent listings renders at most eight pages ahead of
// their latency (each holds ≈ 745 KB while it waits); the rest render when
// their wait ends, and every reply is still the page it asked for.
func TestLatencyPreparesABoundedNumberOfListings(t *testing.T) {
	const clients = 30
	e := newEnv(t, fakesmh.Options{Items: 200, Latency: 2 * time.Second})
	want := e.srv.IDs()
	var wg sync.WaitGroup
	errs := make(chan string, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			offset := i % 5 * 10 // five different pages, by marker
			raw := "limit=10"
			if offset > 0 {
				raw += "&marker=" + strconv.FormatInt(want[offset-1], 10)
			}
			// Raw HTTP: the env's helpers fail the test, which only its
			// own goroutine may do.
			resp, err := e.ts.Client().Get(e.ts.URL + binPath + "?access_token=" + e.tok + "&" + raw)
			if err != nil {
				errs <- fmt.Sprintf("client %d: %v", i, err)
				return
			}
			defer resp.Body.Close()
			var p listPage
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || resp.StatusCode != http.StatusOK {
				errs <- fmt.Sprintf("client %d: status %d, %v", i, resp.StatusCode, err)
				return
			}
			if len(p.Contents) != 10 || p.Contents[0].ID.String() != strconv.FormatInt(want[offset], 10) {
				errs <- fmt.Sprintf("client %d: %d items, want 10 from %d", i, len(p.Contents), want[offset])
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := e.srv.Stats().Prepared; got < 1 || got > 8 {
		t.Errorf("%d listings rendered ahead of their wait, want 1–8", got)
	}
}

func TestResetAfterRestore(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{AsyncThreshold: 2, TaskDuration: time.Hour})
	e.srv.SetFault(fakesmh.Fault{ResetAfterRestore: true})
	post := func(p, body string) error {
		resp, err := e.ts.Client().Post(e.ts.URL+p+"?restore&access_token="+e.tok, "application/json", strings.NewReader(body))
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := post(itemPath(2), ""); err == nil {
		t.Error("single restore: got a reply")
	}
	if err := post(binPath, "[8]"); err == nil {
		t.Error("batch restore: got a reply")
	}
	if err := post(binPath, "[10, 11, 1]"); err == nil {
		t.Error("async batch restore: got a reply")
	}
	if e.srv.RestoreCount(2) != 1 || e.srv.RestoreCount(8) != 1 || e.srv.PendingTasks() != 1 {
		t.Error("the server did not act before dropping the connection")
	}
	if r, _ := lastLogged(e.srv, itemPath(2)); r.Status != 0 {
		t.Errorf("dropped reply logged with status %d", r.Status)
	}
	if r := e.call(http.MethodGet, itemPath(2), "info", ""); r.status != http.StatusNotFound {
		t.Errorf("info of the restored item: %d, want 404", r.status)
	}
}

func TestRequestLogOmitsToken(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{Token: "tok-9f8e7d"})
	e.call(http.MethodGet, binPath, "limit=5&order_by=name", "")
	e.call(http.MethodPost, binPath, "restore", "[1,2]")
	e.send(http.MethodGet, e.ts.URL+binPath+"?access_token=bad-tok-1234", "")
	reqs := e.srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests logged, want 3", len(reqs))
	}
	want := []struct {
		method, query, body string
		status              int
	}{
		{"GET", "limit=5&order_by=name", "", 200},
		{"POST", "restore=", "[1,2]", 200},
		{"GET", "", "", 403},
	}
	for i, w := range want {
		r := reqs[i]
		if r.Method != w.method || r.Path != binPath || r.Query.Encode() != w.query || r.Body != w.body || r.Status != w.status || r.RequestID == "" || r.Time.IsZero() {
			t.Errorf("log %d = %+v, want %+v", i, r, w)
		}
	}
	e.send(http.MethodPost, e.ts.URL+"/api/v1/token/smhdemo/"+e.tok, "")
	e.send(http.MethodGet, e.ts.URL+"/api/v1/token?library_id=smhdemo&library_secret=tok-secret", "")
	if r, ok := lastLogged(e.srv, "/api/v1/token/smhdemo/REDACTED"); !ok || r.Status != 200 {
		t.Errorf("token renewal not logged with a redacted path: %+v", e.srv.Requests())
	}
	for i, r := range e.srv.Requests() {
		if s := fmt.Sprintf("%+v", r); strings.Contains(s, "tok-") {
			t.Errorf("log %d contains a secret: %s", i, s)
		}
	}
}
