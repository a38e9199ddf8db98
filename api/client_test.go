package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// testToken is the secret that must never show up in errors or logs. It
// has characters that query-escaping changes, to catch both spellings.
const testToken = "acctk-S3CRET+/tok=en"

// seen is one request as the test server received it.
type seen struct {
	Method, Path string
	RawQuery     string
	Query        url.Values
	Body         string
	ContentType  string
	Header       http.Header
}

// fixture is an httptest server whose handler is a list of steps: request
// n is answered by steps[min(n, len-1)].
type fixture struct {
	t     *testing.T
	srv   *httptest.Server
	mu    sync.Mutex
	reqs  []seen
	steps []http.HandlerFunc
	logs  []string
}

func newFixture(t *testing.T, steps ...http.HandlerFunc) *fixture {
	t.Helper()
	f := &fixture{t: t, steps: steps}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, seen{
		Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Query: r.URL.Query(),
		Body: string(body), ContentType: r.Header.Get("Content-Type"), Header: r.Header.Clone(),
	})
	step := f.steps[min(n, len(f.steps)-1)]
	f.mu.Unlock()
	step(w, r)
}

// requests returns a copy of what the server has received so far.
func (f *fixture) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

func (f *fixture) logLines() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.logs...)
}

// client returns a Client for the fixture with fast retries and polling;
// edit adjusts the config first.
func (f *fixture) client(edit ...func(*Config)) *Client {
	f.t.Helper()
	cfg := Config{
		Endpoint: f.srv.URL + "/", LibraryID: "smhlib", Token: testToken,
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
		PollInterval: time.Millisecond, PollMaxInterval: 3 * time.Millisecond,
		RetryBaseDelay: time.Millisecond,
		Logf: func(format string, args ...any) {
			f.mu.Lock()
			f.logs = append(f.logs, fmt.Sprintf(format, args...))
			f.mu.Unlock()
		},
	}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		f.t.Fatalf("New: %v", err)
	}
	return c
}

// respond answers with a status, optional headers (key, value pairs) and a body.
func respond(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if !strings.HasPrefix(strings.TrimSpace(body), "{") && !strings.HasPrefix(strings.TrimSpace(body), "[") {
			w.Header().Set("Content-Type", "text/plain")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		base    string
		space   string
		wantErr string
	}{
		{"defaults", Config{LibraryID: "lib"}, DefaultEndpoint, "-", ""},
		{"emulator over http, trailing slash", Config{Endpoint: "http://127.0.0.1:8080/", LibraryID: "lib", SpaceID: "space1"}, "http://127.0.0.1:8080", "space1", ""},
		{"path prefix kept", Config{Endpoint: "https://proxy.example/smh//", LibraryID: "lib"}, "https://proxy.example/smh", "-", ""},
		{"no library", Config{Endpoint: "https://x.example"}, "", "", "library ID is required"},
		{"blank library", Config{LibraryID: "  "}, "", "", "library ID is required"},
		{"unparsable", Config{Endpoint: "http://[::1", LibraryID: "lib"}, "", "", "invalid endpoint"},
		{"wrong scheme", Config{Endpoint: "ftp://x.example", LibraryID: "lib"}, "", "", "want an https:// URL"},
		{"no scheme", Config{Endpoint: "api.tencentsmh.cn", LibraryID: "lib"}, "", "", "want an https:// URL"},
		{"query", Config{Endpoint: "https://x.example/?access_token=" + testToken, LibraryID: "lib"}, "", "", "scheme://host[/path] only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), testToken) {
					t.Fatalf("token in error %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.base != tt.base || c.space != tt.space {
				t.Fatalf("base, space = %q, %q; want %q, %q", c.base, c.space, tt.base, tt.space)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	c, err := New(Config{LibraryID: "lib"})
	if err != nil {
		t.Fatal(err)
	}
	if c.hc.Timeout != DefaultTimeout || c.poll != time.Second || c.pollMax != 5*time.Second ||
		c.retries != 3 || c.retryBase != 200*time.Millisecond || c.retryMax != 2*time.Second || c.maxBody != 8<<20 {
		t.Fatalf("defaults not applied: %+v", c)
	}
	off, err := New(Config{LibraryID: "lib", MaxRetries: -1})
	if err != nil || off.retries != 0 {
		t.Fatalf("MaxRetries -1: retries = %d, err %v; want 0", off.retries, err)
	}
}

func TestCredentialsOnlyInQuery(t *testing.T) {
	f := newFixture(t, respond(200, `{"totalNum":0,"contents":[]}`))
	c := f.client(func(cfg *Config) { cfg.UserID = "u 1" })
	if _, err := c.List(context.Background(), ListQuery{}); err != nil {
		t.Fatal(err)
	}
	r := f.requests()[0]
	if r.Query.Get("access_token") != testToken || r.Query.Get("user_id") != "u 1" {
		t.Fatalf("query = %q, want the token and user_id", r.RawQuery)
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			if strings.Contains(v, testToken) {
				t.Fatalf("token sent in header %s", k)
			}
		}
	}
	if r.Path != "/api/v1/recycled/smhlib/-" {
		t.Fatalf("path = %q", r.Path)
	}
}

func TestLogLine(t *testing.T) {
	f := newFixture(t, respond(200, `{"contents":[]}`, "X-Request-Id", "req-77"))
	c := f.client()
	if _, err := c.List(context.Background(), ListQuery{Limit: 5, Marker: "9"}); err != nil {
		t.Fatal(err)
	}
	logs := f.logLines()
	if len(logs) != 1 {
		t.Fatalf("got %d log lines, want 1: %q", len(logs), logs)
	}
	for _, want := range []string{"GET", "/api/v1/recycled/smhlib/-", "200", "request=req-77"} {
		if !strings.Contains(logs[0], want) {
			t.Errorf("log %q lacks %q", logs[0], want)
		}
	}
	if strings.ContainsAny(logs[0], "?") || strings.Contains(logs[0], "limit") {
		t.Errorf("log %q shows the query string", logs[0])
	}
}

func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name     string
		h        http.HandlerFunc
		want     APIError
		sentinel error
	}{
		{"invalid token", respond(403, `{"code":"InvalidAccessToken","message":"token expired","requestId":"r1"}`),
			APIError{Status: 403, Code: "InvalidAccessToken", Message: "token expired", RequestID: "r1"}, ErrUnauthorized},
		{"other 403 is not unauthorized", respond(403, `{"code":"NoPermission","message":"no"}`),
			APIError{Status: 403, Code: "NoPermission", Message: "no"}, nil},
		{"not found", respond(404, `{"code":"RecycledItemNotFound","message":"gone","RequestId":"r2"}`),
			APIError{Status: 404, Code: "RecycledItemNotFound", Message: "gone", RequestID: "r2"}, ErrNotFound},
		{"X-Request-Id fallback", respond(409, `{"code":"SameNameDirectoryOrFileExists","message":"exists"}`, "X-Request-Id", "hdr-1"),
			APIError{Status: 409, Code: "SameNameDirectoryOrFileExists", Message: "exists", RequestID: "hdr-1"}, nil},
		{"smhRequestId", respond(400, `{"code":"ParamInvalid","smhRequestId":"smh-9"}`, "X-Request-Id", "hdr-2"),
			APIError{Status: 400, Code: "ParamInvalid", RequestID: "smh-9"}, nil},
		{"x-smh-request-id header", respond(400, `{"code":"ParamInvalid","message":"m"}`, "x-smh-request-id", "hdr-3"),
			APIError{Status: 400, Code: "ParamInvalid", Message: "m", RequestID: "hdr-3"}, nil},
		{"text body cleaned", respond(400, "  <html>\r\n\tBad\x1b[31m gateway\x00 </html>\n"),
			APIError{Status: 400, Message: "<html> Bad[31m gateway </html>"}, nil},
		{"empty body", respond(400, ""), APIError{Status: 400, Message: "Bad Request"}, nil},
		{"long text capped", respond(400, strings.Repeat("é", 300)),
			APIError{Status: 400, Message: strings.Repeat("é", 100)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.h)
			_, err := f.client().Info(context.Background(), 5)
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if *ae != tt.want {
				t.Fatalf("got %+v\nwant %+v", *ae, tt.want)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Fatalf("errors.Is(%v, %v) = false", err, tt.sentinel)
			}
			if tt.sentinel == nil && (errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrNotFound)) {
				t.Fatalf("%v matches a sentinel it should not", err)
			}
		})
	}
}

func TestBodyTooLarge(t *testing.T) {
	big := `{"contents":[],"pad":"` + strings.Repeat("x", 2000) + `"}`
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			f := newFixture(t, func(w http.ResponseWriter, _ *http.Request) {
				if !chunked {
					w.Header().Set("Content-Length", fmt.Sprint(len(big)))
				}
				_, _ = io.WriteString(w, big)
			})
			c := f.client(func(cfg *Config) { cfg.MaxBodyBytes = 1000 })
			_, err := c.List(context.Background(), ListQuery{})
			if err == nil || !strings.Contains(err.Error(), "response larger than 1000 bytes") {
				t.Fatalf("err = %v, want a size error", err)
			}
			if n := len(f.requests()); n != 1 {
				t.Fatalf("%d requests: an oversized reply must not be retried", n)
			}
		})
	}
	if got := (&tooLargeError{8 << 20}).Error(); !strings.Contains(got, "response larger than 8 MiB") {
		t.Fatalf("default size error = %q", got)
	}
}
