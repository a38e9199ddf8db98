package preview_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
	"smhbin/preview"
)

// TestTransientFromEmulatorFaults: the previews that fail because the
// server is in trouble, produced with the emulator's fault knobs and read
// through the real client, are the ones worth asking again.
func TestTransientFromEmulatorFaults(t *testing.T) {
	s := fakesmh.New(fakesmh.Options{Items: -1})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := api.New(api.Config{Endpoint: srv.URL, LibraryID: fakesmh.DefaultLibraryID, Token: s.Token(),
		PreviewTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ids := s.Add(fakesmh.NewRecord("photos", "IMG_2765.jpg"))
	isPreview := func(r *http.Request) bool { return r.URL.Query().Has("preview") }
	for _, tc := range []struct {
		name  string
		fault fakesmh.Fault
	}{
		{"500 from the API", fakesmh.Fault{Fail: isPreview}},
		{"no answer before the timeout", fakesmh.Fault{Hang: isPreview}},
	} {
		s.SetFault(tc.fault)
		_, err := c.Preview(context.Background(), ids[0], 40, 40)
		if err == nil || !preview.Transient(err) {
			t.Errorf("%s: %v, Transient = false", tc.name, err)
		}
	}
	s.SetFault(fakesmh.Fault{})
	if _, err := c.Preview(context.Background(), ids[0], 40, 40); err != nil {
		t.Fatalf("after the faults: %v", err)
	}
}

// TestTransientStorageStatus: after the API's redirect, a storage server
// answering 503 or 429 is worth asking again; one answering 403 or 404 is
// not.
func TestTransientStorageStatus(t *testing.T) {
	s := fakesmh.New(fakesmh.Options{Items: -1})
	status := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".png") && status != 0 { // the storage URL the API redirects to
			w.WriteHeader(status)
			return
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := api.New(api.Config{Endpoint: srv.URL, LibraryID: fakesmh.DefaultLibraryID, Token: s.Token()})
	if err != nil {
		t.Fatal(err)
	}
	ids := s.Add(fakesmh.NewRecord("photos", "IMG_2765.jpg"))
	for _, tc := range []struct {
		status    int
		transient bool
	}{{503, true}, {502, true}, {429, true}, {403, false}, {404, false}} {
		status = tc.status
		_, err := c.Preview(context.Background(), ids[0], 40, 40)
		if err == nil || preview.Transient(err) != tc.transient {
			t.Errorf("storage HTTP %d: %v, Transient = %v, want %v", tc.status, err, preview.Transient(err), tc.transient)
		}
		if err != nil && !strings.Contains(err.Error(), strconv.Itoa(tc.status)) {
			t.Errorf("storage HTTP %d: the reason %q does not name the status", tc.status, err)
		}
	}
}

// TestTransientRefusesHostileAnswers: answers that would fail the same
// way again are not retried.
func TestTransientRefusesHostileAnswers(t *testing.T) {
	for _, err := range []error{
		&api.PreviewError{Reason: "image larger than 4 MiB"},
		&api.PreviewError{Reason: "not a PNG, JPEG, GIF or WebP image"},
		&api.PreviewError{Reason: "PNG image of 100000x100000 pixels is over the 8192x8192 limit"},
		&api.PreviewError{Reason: "refused a redirect to http://example.com"},
		&api.PreviewError{Reason: "SMH API: HTTP 404", Err: &api.APIError{Status: 404, Code: "FileNotFound"}},
		errors.New("something else"),
		nil,
	} {
		if preview.Transient(err) {
			t.Errorf("Transient(%v) = true", err)
		}
	}
	for _, err := range []error{
		&api.PreviewError{Reason: "SMH API: HTTP 503", Err: &api.APIError{Status: 503}},
		&api.PreviewError{Reason: "SMH API: HTTP 429", Err: &api.APIError{Status: 429}},
		&api.PreviewError{Reason: "timed out after 5s", Err: context.DeadlineExceeded},
		fmt.Errorf("wrapped: %w", context.DeadlineExceeded),
	} {
		if !preview.Transient(err) {
			t.Errorf("Transient(%v) = false", err)
		}
	}
}
