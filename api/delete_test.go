package api_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// delEmulator starts fakesmh with opts (an empty bin unless opts.Items
// says otherwise) behind an optional middleware, with a client.
func delEmulator(t *testing.T, opts fakesmh.Options, wrap func(http.Handler) http.Handler, tune ...func(*api.Config)) (*fakesmh.Server, *api.Client) {
	t.Helper()
	if opts.Items == 0 {
		opts.Items = -1
	}
	var edit func(*api.Config)
	if len(tune) > 0 {
		edit = tune[0]
	}
	env := newFaultEnv(t, opts, wrap, edit)
	return env.srv, env.client
}

// addFiles puts n deletable files in the bin and returns their ids.
func addFiles(s *fakesmh.Server, n int) []int64 {
	recs := make([]fakesmh.Record, n)
	for i := range recs {
		recs[i] = fakesmh.NewRecord("docs", "f"+strconv.Itoa(i)+".txt")
		recs[i].Size = 1000
	}
	return s.Add(recs...)
}

// deleteRequests is the log's delete, batch delete and empty requests.
func deleteRequests(s *fakesmh.Server) []fakesmh.Request {
	var out []fakesmh.Request
	for _, r := range s.Requests() {
		if r.Method == http.MethodDelete || r.Query.Has("delete") {
			out = append(out, r)
		}
	}
	return out
}

// assertSentOnce fails if the log shows an id in more than one delete.
func assertSentOnce(t *testing.T, s *fakesmh.Server) {
	t.Helper()
	for id, n := range s.DeleteSends() {
		if n > 1 {
			t.Errorf("id %d was sent in %d delete requests", id, n)
		}
	}
}

func TestClientDeletes(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{}, nil)
	ids := addFiles(s, 4)
	ctx := context.Background()

	if err := c.DeleteOne(ctx, ids[0]); err != nil {
		t.Fatalf("DeleteOne: %v", err)
	}
	if err := c.DeleteOne(ctx, ids[0]); !errors.Is(err, api.ErrNotFound) {
		t.Fatalf("DeleteOne of a deleted id: err = %v, want ErrNotFound", err)
	}
	if err := c.DeleteBatch(ctx, ids[1:3]); err != nil {
		t.Fatalf("DeleteBatch: %v", err)
	}
	if s.InBin(ids[1]) || s.InBin(ids[2]) || !s.InBin(ids[3]) {
		t.Fatal("DeleteBatch deleted the wrong items")
	}
	if err := c.Empty(ctx); err != nil {
		t.Fatalf("Empty: %v", err)
	}
	if n := s.Stats().InBin; n != 0 {
		t.Fatalf("%d items left after Empty", n)
	}
	reqs := deleteRequests(s)
	want := []struct{ method, path, body string }{
		{"DELETE", "/api/v1/recycled/smhdemo/-/" + itoa(ids[0]), ""},
		{"DELETE", "/api/v1/recycled/smhdemo/-/" + itoa(ids[0]), ""},
		{"POST", "/api/v1/recycled/smhdemo/-", "[" + itoa(ids[1]) + "," + itoa(ids[2]) + "]"},
		{"DELETE", "/api/v1/recycled/smhdemo/-", ""},
	}
	if len(reqs) != len(want) {
		t.Fatalf("%d delete requests, want %d: %+v", len(reqs), len(want), reqs)
	}
	for i, w := range want {
		r := reqs[i]
		if r.Method != w.method || r.Path != w.path || r.Body != w.body {
			t.Errorf("request %d = %s %s %q, want %s %s %q", i, r.Method, r.Path, r.Body, w.method, w.path, w.body)
		}
	}
	if got := reqs[2].Query.Get("delete"); got != "1" {
		t.Errorf("batch delete sent delete=%q, want 1", got)
	}
	if err := c.DeleteBatch(ctx, nil); err != nil || len(deleteRequests(s)) != len(want) {
		t.Fatalf("an empty batch must send nothing: err %v", err)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestClientDeleteNeverRetried: a 500 or a lost reply to a delete is
// returned as is, after exactly one request.
func TestClientDeleteNeverRetried(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{}, nil)
	ids := addFiles(s, 3)
	ctx := context.Background()

	s.SetFault(fakesmh.Fault{DeletePartial: 1})
	err := c.DeleteBatch(ctx, ids[:2])
	var ae *api.APIError
	if !errors.As(err, &ae) || ae.Status != 500 {
		t.Fatalf("partial batch delete: err = %v, want an HTTP 500 APIError", err)
	}
	if s.InBin(ids[0]) || !s.InBin(ids[1]) {
		t.Fatal("DeletePartial 1 should delete the first id only")
	}
	s.SetFault(fakesmh.Fault{ResetAfterDelete: true})
	if err := c.DeleteOne(ctx, ids[2]); !errors.Is(err, api.ErrResponseLost) {
		t.Fatalf("reset after delete: err = %v, want ErrResponseLost", err)
	}
	if n := len(deleteRequests(s)); n != 2 {
		t.Fatalf("%d delete requests, want 2 (no retry)", n)
	}
	assertSentOnce(t, s)
}

func TestClientDeleteNoPermission(t *testing.T) {
	s, c := delEmulator(t, fakesmh.Options{NoDeleteGrant: true}, nil)
	ids := addFiles(s, 2)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"one":   func() error { return c.DeleteOne(ctx, ids[0]) },
		"batch": func() error { return c.DeleteBatch(ctx, ids) },
		"empty": func() error { return c.Empty(ctx) },
	} {
		var ae *api.APIError
		if err := call(); !errors.As(err, &ae) || ae.Status != 403 || ae.Code != api.CodeNoPermission {
			t.Errorf("%s: err = %v, want 403 NoPermission", name, err)
		}
	}
	if n := s.Stats().InBin; n != 2 {
		t.Fatalf("a token without the grant deleted items: %d left of 2", n)
	}
}

// TestClientDeleteLenientReplies: any 2xx is success, whatever its body.
func TestClientDeleteLenientReplies(t *testing.T) {
	for _, reply := range []struct {
		status int
		body   string
	}{{204, ""}, {200, ""}, {200, "{}"}, {202, `{"taskId":3}`}} {
		var got *http.Request
		var body []byte
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = r
			body, _ = io.ReadAll(r.Body)
			w.WriteHeader(reply.status)
			io.WriteString(w, reply.body)
		}))
		c, err := api.New(api.Config{Endpoint: srv.URL, LibraryID: "lib", Token: "tok-secret"})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.DeleteBatch(context.Background(), []int64{9007199254740993, 2}); err != nil {
			t.Errorf("HTTP %d %q: err = %v, want success", reply.status, reply.body, err)
		}
		if got.Method != http.MethodPost || got.Header.Get("Content-Type") != "application/json" ||
			string(body) != "[9007199254740993,2]" || got.URL.Query().Get("delete") != "1" {
			t.Errorf("sent %s %s %q %q", got.Method, got.URL.Path, got.Header.Get("Content-Type"), body)
		}
		srv.Close()
	}
}

func TestItemDeletable(t *testing.T) {
	for _, tc := range []struct {
		it   api.Item
		want bool
	}{
		{api.Item{}, true}, // no authorityList: the server decides
		{api.Item{HasAuthority: true, Authority: api.Authority{CanDelete: true}}, true},
		{api.Item{HasAuthority: true, Authority: api.Authority{CanRestore: true}}, false},
	} {
		if got := tc.it.Deletable(); got != tc.want {
			t.Errorf("%+v: Deletable() = %v, want %v", tc.it, got, tc.want)
		}
	}
}
