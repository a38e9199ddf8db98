package fakesmh_test

import (
	"bytes"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"smhbin/api/fakesmh"
)

// noFollow reads redirects instead of following them.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// previewLocation asks for item id's preview and returns the redirect.
func (e *env) previewLocation(id int64, width string) string {
	e.t.Helper()
	resp, err := noFollow.Get(e.ts.URL + itemPath(id) + "?preview=1&type=pic&width_size=" + width + "&access_token=" + e.tok)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		e.t.Fatalf("preview %d: %d", id, resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

func get(t *testing.T, u string) (int, string, []byte) {
	t.Helper()
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

func TestPreviewThumbnails(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{Seed: 3})
	e.srv.Add(fixture(30, nil, "videos", "Team trip.mp4"))
	loc := e.previewLocation(3, "64") // photos/old/IMG_0001.jpg
	if !strings.HasPrefix(loc, e.ts.URL+"/storage/") || strings.Contains(loc, e.tok) {
		t.Fatalf("Location %q: want the emulator's own origin, without the token", loc)
	}
	status, ctype, body := get(t, loc) // no token: the URL is signed
	if status != http.StatusOK || ctype != "image/png" {
		t.Fatalf("storage: %d %s %.80q", status, ctype, body)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(body))
	if err != nil || cfg.Width != 64 || cfg.Height != 48 {
		t.Fatalf("thumbnail: %v, %dx%d", err, cfg.Width, cfg.Height)
	}
	// Deterministic: the same item gives the same bytes, another item not.
	if _, _, again := get(t, e.previewLocation(3, "64")); !bytes.Equal(again, body) {
		t.Error("the same thumbnail differs between two requests")
	}
	_, _, video := get(t, e.previewLocation(30, "64"))
	if bytes.Equal(video, body) {
		t.Error("two items share a thumbnail")
	}
	if _, err := png.Decode(bytes.NewReader(video)); err != nil {
		t.Errorf("video thumbnail: %v", err)
	}
	// A forged or expired signature is refused.
	if status, _, _ := get(t, strings.Replace(loc, "sign=", "sign=0", 1)); status != http.StatusForbidden {
		t.Errorf("forged signature: %d", status)
	}
	if status, _, _ := get(t, strings.Replace(loc, "expires=", "expires=1", 1)); status != http.StatusForbidden {
		t.Errorf("changed expiry: %d", status)
	}
	if status, _, _ := get(t, e.ts.URL+"/storage/smhdemo/recycled/3.png?w=64&expires=99999999999"); status != http.StatusForbidden {
		t.Errorf("unsigned: %d", status)
	}
	// Documents keep the (fake) COS URL; directories have no preview.
	if loc := e.previewLocation(1, "64"); !strings.HasPrefix(loc, "https://") {
		t.Errorf("document preview: %q", loc)
	}
}

func TestThumbnailWidthClamped(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	for _, c := range []struct {
		width string
		want  int
	}{{"1", 16}, {"100000", 512}, {"", 160}, {"abc", 160}} {
		_, _, body := get(t, e.previewLocation(3, c.width))
		cfg, err := png.DecodeConfig(bytes.NewReader(body))
		if err != nil || cfg.Width != c.want {
			t.Errorf("width_size=%q: %v, %d wide, want %d", c.width, err, cfg.Width, c.want)
		}
	}
}
