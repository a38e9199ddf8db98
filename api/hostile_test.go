package api_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// TestRedirectIsNeverFollowed: a restore POST answered 307 to another
// host is not re-sent there (the body and the token would go with it), the
// item is not reported restored, and the error names the status and the
// host but never the token. A GET answered 302 to an http:// host is not
// followed either (no downgrade) and not retried.
func TestRedirectIsNeverFollowed(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"result":[{"status":200,"recycledItemId":1,"path":["a"]}]}`)
	}))
	defer other.Close()
	var here atomic.Int32
	e := newFaultEnv(t, fakesmh.Options{Items: 5}, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			here.Add(1)
			code := http.StatusTemporaryRedirect
			if r.Method == http.MethodGet {
				code = http.StatusFound
			}
			http.Redirect(w, r, other.URL+r.URL.RequestURI(), code)
		})
	}, nil)

	last := restoreAll(t, e.client, api.EngineOptions{SettleDelay: -1}, []int64{1})
	if ev := last[1]; ev.Kind == api.Restored || ev.Code != api.CodeRedirected || ev.Status != 307 {
		t.Errorf("restore answered 307 ended %+v, want Failed %s 307", ev, api.CodeRedirected)
	}
	_, err := e.client.List(context.Background(), api.ListQuery{})
	noSecret(t, err)
	host := strings.TrimPrefix(other.URL, "http://")
	if err == nil || !strings.Contains(err.Error(), "302") || !strings.Contains(err.Error(), host) {
		t.Errorf("list answered 302: %v; want the status and the target host", err)
	}
	for _, ev := range last {
		if strings.Contains(ev.Message, faultToken) {
			t.Errorf("token in %q", ev.Message)
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("%d requests reached the redirect target, want none", n)
	}
	if n := here.Load(); n != 2 {
		t.Errorf("%d requests to the endpoint, want 2 (a 3xx is not retried)", n)
	}
}

// TestRestore500AfterApplyIsChecked: a server that applies a batch and
// then answers 500 must not have its items called failed: every 5xx is
// checked with item info, and the applied items are reported restored.
func TestRestore500AfterApplyIsChecked(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: 60, Seed: 4, AsyncThreshold: -1}, nil, nil)
	ids := restorableIDs(t, e, 30)
	e.srv.SetFault(fakesmh.Fault{StatusAfterRestore: http.StatusInternalServerError})
	last := restoreAll(t, e.client, api.EngineOptions{ChunkSize: 10, SettleDelay: time.Millisecond}, ids)
	for _, id := range ids {
		ev := last[id]
		if e.srv.RestoreCount(id) == 1 && ev.Kind != api.Restored {
			t.Errorf("item %d was restored but reported %v %s %q", id, ev.Kind, ev.Code, ev.Message)
		}
		if ev.Kind == api.Failed {
			t.Errorf("item %d reported failed after a 500: %+v", id, ev)
		}
	}
	noDoubleRestore(t, e.srv, ids)
}

// TestRestoreMissingRowsAreChecked: a 200/207 reply that leaves rows out
// says nothing about those items; they are checked, never called failed.
func TestRestoreMissingRowsAreChecked(t *testing.T) {
	e := newFaultEnv(t, fakesmh.Options{Items: 60, Seed: 4, AsyncThreshold: -1}, nil, nil)
	ids := restorableIDs(t, e, 30)
	e.srv.SetFault(fakesmh.Fault{DropRows: 5})
	last := restoreAll(t, e.client, api.EngineOptions{ChunkSize: 10, SettleDelay: time.Millisecond}, ids)
	for _, id := range ids {
		if ev := last[id]; ev.Kind != api.Restored {
			t.Errorf("item %d (restored by the server) reported %v %s %q", id, ev.Kind, ev.Code, ev.Message)
		}
	}
	noDoubleRestore(t, e.srv, ids)
}

// restorableIDs returns n ids the emulator would restore without error.
func restorableIDs(t *testing.T, e *faultEnv, n int) []int64 {
	t.Helper()
	var ids []int64
	for _, id := range e.srv.IDs() {
		if r, ok := e.srv.Item(id); ok && r.CanRestore && !r.ParentMissing && !r.SymlinkBroken && len(ids) < n {
			ids = append(ids, id)
		}
	}
	if len(ids) < n {
		t.Fatalf("only %d restorable items", len(ids))
	}
	return ids
}

// TestEndlessListingStops: each way a server can page forever is stopped
// after a few requests with ErrEndlessListing, keeping what was listed.
// (Before the guard, a repeated marker was caught only by the CLI, and the
// other three ran until an outside limit.)
func TestEndlessListingStops(t *testing.T) {
	for _, tc := range []struct {
		mode     string
		maxPages int
	}{
		{fakesmh.EndlessRepeatMarker, 3},
		{fakesmh.EndlessEmptyPages, 2},
		{fakesmh.EndlessSameItems, 2},
		{fakesmh.EndlessPastTotal, 12}, // 10 counted: 1,010 items is past "far past"
	} {
		t.Run(tc.mode, func(t *testing.T) {
			e := newFaultEnv(t, fakesmh.Options{Items: 5}, nil, nil)
			e.srv.SetFault(fakesmh.Fault{Endless: tc.mode})
			ids, err := listAll(e.client, 100)
			if !errors.Is(err, api.ErrEndlessListing) {
				t.Fatalf("listing ended with %v after %d ids, want ErrEndlessListing", err, len(ids))
			}
			if n := len(e.srv.Requests()); n > tc.maxPages {
				t.Errorf("%d requests, want at most %d", n, tc.maxPages)
			}
		})
	}
}
