package ui

import (
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/preview"
)

// TestPreviewTransientErrorRetried: a thumbnail that failed because the
// server was in trouble is not asked again while the failure is fresh,
// and is once the cursor is on the row after preview.RetryAfter; then
// the thumbnail replaces the reason.
func TestPreviewTransientErrorRetried(t *testing.T) {
	m, bin, clock := previewModel(t, 10, true, &api.PreviewError{Reason: "SMH API: HTTP 503", Err: &api.APIError{Status: 503}})
	rest(m, clock, "down", nil)
	if out := m.render(); !strings.Contains(out, "HTTP 503") {
		t.Fatalf("no reason in the pane:\n%s", out)
	}
	rest(m, clock, "up", nil)
	rest(m, clock, "down", nil) // back within the back-off: no new request
	if n := bin.calls.Load(); n != 2 {
		t.Fatalf("%d requests, want 2: a fresh failure was fetched again", n)
	}
	bin.err = nil // the server recovers
	rest(m, clock, "up", nil)
	*clock = clock.Add(preview.RetryAfter)
	rest(m, clock, "down", nil)
	if n := bin.calls.Load(); n != 3 {
		t.Fatalf("%d requests, want 3: the failure was not retried after the back-off", n)
	}
	if out := m.render(); !strings.Contains(out, "▀") || strings.Contains(out, "HTTP 503") {
		t.Fatalf("the retried thumbnail is not drawn:\n%s", out)
	}
}

// TestPreviewHostileErrorNeverRetried: an answer that would fail the same
// way again (too big, not an image, a decompression bomb) stays failed,
// however long the user browses.
func TestPreviewHostileErrorNeverRetried(t *testing.T) {
	m, bin, clock := previewModel(t, 10, true, &api.PreviewError{Reason: "PNG image of 100000x100000 pixels is over the 8192x8192 limit"})
	rest(m, clock, "down", nil)
	rest(m, clock, "up", nil)
	*clock = clock.Add(time.Hour)
	rest(m, clock, "down", nil)
	if n := bin.calls.Load(); n != 2 {
		t.Fatalf("%d requests, want 2: a hostile answer was fetched again", n)
	}
	if out := m.render(); !strings.Contains(out, "thumbnail  preview: PNG image") {
		t.Fatalf("the reason is gone from the pane:\n%s", out)
	}
}
