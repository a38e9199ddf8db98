package api

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// storage is a TLS test server standing in for the signed storage URL. It
// records every request in full (URL and headers) to check that the token
// never reaches it.
type storage struct {
	srv  *httptest.Server
	mu   sync.Mutex
	dump []string
}

func newStorage(t *testing.T, h http.HandlerFunc) *storage {
	t.Helper()
	s := &storage{}
	s.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, _ := httputil.DumpRequest(r, false)
		s.mu.Lock()
		s.dump = append(s.dump, string(d))
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *storage) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.dump...)
}

// redirectTo is the API's side of a preview: 302 to loc.
func redirectTo(loc string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
	}
}

// previewEnv is an API fixture that redirects to a storage server, and a
// client that trusts the storage server's certificate.
func previewEnv(t *testing.T, h http.HandlerFunc, timeout time.Duration) (*fixture, *storage, *Client) {
	t.Helper()
	st := newStorage(t, h)
	f := newFixture(t, redirectTo(st.srv.URL+"/recycled/7.png?sign=q-sign-algorithm%3Dsha1"))
	c := f.client(func(cfg *Config) {
		cfg.HTTPClient = st.srv.Client()
		cfg.PreviewTimeout = timeout
	})
	return f, st, c
}

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var b bytes.Buffer
	if err := enc(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func serveBytes(b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(b) }
}

func TestPreviewFormatsAndScaling(t *testing.T) {
	webpBody, err := os.ReadFile("testdata/preview.webp") // x/image's gopher-doc.1bpp.lossless.webp
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		body       []byte
		boxW, boxH int
		w, h       int
	}{
		{"png wide", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 200, 100), 40, 40, 40, 20},
		{"jpeg tall", encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }, 50, 100), 40, 40, 20, 40},
		{"gif small stays", encoded(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }, 16, 8), 40, 40, 16, 8},
		{"webp", webpBody, 32, 32, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, st, c := previewEnv(t, serveBytes(tc.body), 0)
			img, err := c.Preview(context.Background(), 7, tc.boxW, tc.boxH)
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			if b.Dx() > tc.boxW || b.Dy() > tc.boxH || (tc.w > 0 && (b.Dx() != tc.w || b.Dy() != tc.h)) {
				t.Errorf("got %dx%d, want %dx%d within %dx%d", b.Dx(), b.Dy(), tc.w, tc.h, tc.boxW, tc.boxH)
			}
			q := f.requests()[0].Query
			if !q.Has("preview") || q.Get("type") != "pic" || q.Get("width_size") != strconv.Itoa(tc.boxW) || q.Get("access_token") != testToken {
				t.Errorf("API query %v", q)
			}
			if n := len(st.requests()); n != 1 {
				t.Errorf("%d storage requests, want 1", n)
			}
		})
	}
}

// The storage URL is fetched without the token: not in its URL, not in a
// header, not in a cookie.
func TestPreviewTokenNeverReachesStorage(t *testing.T) {
	f, st, c := previewEnv(t, serveBytes(encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 4, 4)), 0)
	if _, err := c.Preview(context.Background(), 7, 8, 8); err != nil {
		t.Fatal(err)
	}
	// The log names both hops without the token or the storage signature,
	// also when the storage request fails.
	st.srv.Close()
	_, err := c.Preview(context.Background(), 7, 8, 8)
	checkReason(t, err, "request failed")
	logs := f.logLines()
	if len(logs) != 4 {
		t.Errorf("log lines %q, want 4", logs)
	}
	for _, l := range append(logs, err.Error()) {
		if strings.Contains(l, "S3CRET") || strings.Contains(l, "sign=") {
			t.Errorf("log or error line %q holds a secret", l)
		}
	}
	reqs := st.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d storage requests", len(reqs))
	}
	for _, leak := range []string{testToken, "acctk-S3CRET", "access_token"} {
		if strings.Contains(reqs[0], leak) {
			t.Errorf("storage request carries %q:\n%s", leak, reqs[0])
		}
	}
}

// The emulator's case: http to the endpoint's own loopback origin is
// accepted (a relative Location resolves to it).
func TestPreviewLoopbackOrigin(t *testing.T) {
	body := encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 4, 4)
	f := newFixture(t, redirectTo("/storage/7.png?sign=x"), serveBytes(body))
	img, err := f.client().Preview(context.Background(), 7, 8, 8)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 4 {
		t.Errorf("bounds %v", img.Bounds())
	}
	if r := f.requests()[1]; r.Query.Has("access_token") || r.Path != "/storage/7.png" {
		t.Errorf("storage request %s?%s", r.Path, r.RawQuery)
	}
}

// TestPreviewRefusesLocations: the first hop is refused before any storage
// request is made.
func TestPreviewRefusesLocations(t *testing.T) {
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	cases := []struct{ loc, want string }{
		{"http://example.com/x.png", "refused a redirect to http://example.com (only https"},
		{"ftp://example.com/x.png", "refused a redirect to ftp://example.com"},
		{"file:///etc/passwd", "refused a redirect to file:: no host"},
		{"javascript:alert(1)", "no host"},
		{other.URL + "/x.png", "refused a redirect to " + other.URL},
		{"https://user:pw@example.com/x", "with a user name"},
		{"https://example.com/x?t=" + testToken, "carries the access token"},
		{"", "has no Location"},
	}
	for _, tc := range cases {
		f := newFixture(t, redirectTo(tc.loc), respond(200, "not for you"))
		_, err := f.client().Preview(context.Background(), 7, 8, 8)
		checkReason(t, err, tc.want)
		if n := len(f.requests()); n != 1 {
			t.Errorf("%q: %d requests, want 1", tc.loc, n)
		}
	}
}

func TestPreviewAPIErrors(t *testing.T) {
	f := newFixture(t, respond(404, `{"code":"RecycledItemNotFound","message":"gone","requestId":"r1"}`))
	_, err := f.client().Preview(context.Background(), 7, 8, 8)
	checkReason(t, err, "HTTP 404 RecycledItemNotFound")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("%v is not ErrNotFound", err)
	}
	f = newFixture(t, respond(200, `{}`))
	_, err = f.client().Preview(context.Background(), 7, 8, 8)
	checkReason(t, err, "answered HTTP 200, not a redirect")
	// A transport error names neither the URL (it holds the token) nor the token.
	f.srv.Close()
	_, err = f.client().Preview(context.Background(), 7, 8, 8)
	checkReason(t, err, "request failed: ")
	if strings.Contains(err.Error(), "access_token") {
		t.Errorf("error %q shows the URL", err)
	}
}

// checkReason asserts a one-line preview error with the reason and no token.
func checkReason(t *testing.T, err error, want string) {
	t.Helper()
	var pe *PreviewError
	switch {
	case err == nil:
		t.Errorf("no error, want %q", want)
	case !errors.As(err, &pe):
		t.Errorf("%v (%T) is not a *PreviewError", err, err)
	case !strings.HasPrefix(err.Error(), "preview: ") || !strings.Contains(err.Error(), want):
		t.Errorf("error %q, want it to say %q", err, want)
	case strings.ContainsAny(err.Error(), "\n\r") || strings.Contains(err.Error(), "S3CRET"):
		t.Errorf("error %q is not one clean line", err)
	}
}
