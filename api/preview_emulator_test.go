package api_test

import (
	"context"
	"errors"
	"testing"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// The emulator's previews go through the real path: the API's 302 to its
// own loopback origin, a token-free fetch, decoding and scaling.
func TestEmulatorPreview(t *testing.T) {
	s, c := emulator(t, fakesmh.Options{Items: -1})
	dir := fakesmh.NewRecord("docs", "drafts")
	dir.Type = fakesmh.TypeDir
	ids := s.Add(fakesmh.NewRecord("photos", "IMG_2765.jpg"), fakesmh.NewRecord("clips", "trip.mov"), dir)
	for _, id := range ids[:2] {
		img, err := c.Preview(context.Background(), id, 40, 40)
		if err != nil {
			t.Fatalf("preview %d: %v", id, err)
		}
		if b := img.Bounds(); b.Dx() != 40 || b.Dy() != 30 {
			t.Errorf("preview %d: %v, want 40x30", id, b)
		}
	}
	if _, err := c.Preview(context.Background(), ids[2], 40, 40); !errors.Is(err, api.ErrNotFound) {
		t.Errorf("directory preview: %v", err)
	}
}
