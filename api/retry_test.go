package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"
)

// hangUp reads the request and closes the connection without a reply.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// hang never answers; it returns when the client gives up.
func hang(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

// refusedEndpoint is an http:// URL on which nothing listens.
func refusedEndpoint(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestGetRetries(t *testing.T) {
	ok := respond(200, `{"totalNum":1,"contents":[{"recycledItemId":1}]}`)
	tests := []struct {
		name     string
		steps    []http.HandlerFunc
		retries  int
		requests int
		status   int // of the final *APIError; 0 = success
		message  string
	}{
		{"502 text retried 3 times then fails", []http.HandlerFunc{respond(502, "<html>Bad Gateway</html>\n")}, 0, 4, 502, "<html>Bad Gateway</html>"},
		{"500 then 200", []http.HandlerFunc{respond(500, `{"code":"InternalServerError"}`), ok}, 0, 2, 0, ""},
		{"429 then 200", []http.HandlerFunc{respond(429, `{"code":"TooManyRequests"}`), ok}, 0, 2, 0, ""},
		{"hang-up then 200", []http.HandlerFunc{hangUp, ok}, 0, 2, 0, ""},
		{"4xx not retried", []http.HandlerFunc{respond(400, `{"code":"OrderByNotAllowed"}`), ok}, 0, 1, 400, ""},
		{"retries disabled", []http.HandlerFunc{respond(503, ""), ok}, -1, 1, 503, "Service Unavailable"},
		{"MaxRetries 1", []http.HandlerFunc{respond(500, "")}, 1, 2, 500, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.steps...)
			c := f.client(func(cfg *Config) { cfg.MaxRetries = tt.retries })
			p, err := c.List(context.Background(), ListQuery{})
			if n := len(f.requests()); n != tt.requests {
				t.Fatalf("%d requests, want %d", n, tt.requests)
			}
			if tt.status == 0 {
				if err != nil || len(p.Items) != 1 {
					t.Fatalf("got %+v, %v; want the page", p, err)
				}
				return
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.Status != tt.status || (tt.message != "" && ae.Message != tt.message) {
				t.Fatalf("err = %#v, want HTTP %d %q", err, tt.status, tt.message)
			}
		})
	}
}

func TestGetTransportErrorRetried(t *testing.T) {
	var logs int
	c, err := New(Config{Endpoint: refusedEndpoint(t), LibraryID: "lib", Token: testToken,
		RetryBaseDelay: time.Millisecond, Logf: func(string, ...any) { logs++ }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Info(context.Background(), 1)
	var ne *net.OpError
	if !errors.As(err, &ne) || logs != 4 {
		t.Fatalf("err = %v after %d attempts; want a dial error after 4", err, logs)
	}
}

func TestPostNeverRetried(t *testing.T) {
	tests := []struct {
		name  string
		h     http.HandlerFunc
		lost  bool
		check func(error) bool
	}{
		{"500", respond(500, `{"code":"InternalServerError"}`), false, func(err error) bool {
			var ae *APIError
			return errors.As(err, &ae) && ae.Status == 500
		}},
		{"502 text", respond(502, "bad gateway"), false, func(err error) bool {
			var ae *APIError
			return errors.As(err, &ae) && ae.Message == "bad gateway"
		}},
		{"hang-up after sending", hangUp, true, nil},
		{"hangs past the client timeout", hang, true, func(err error) bool {
			var ne net.Error
			return errors.As(err, &ne) && ne.Timeout()
		}},
		{"body over the limit", respond(200, `{"result":[],"pad":"0123456789012345678901234567890123456789"}`), true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.h)
			c := f.client(func(cfg *Config) {
				cfg.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond}
				cfg.MaxBodyBytes = 32
			})
			_, err := c.RestoreBatch(context.Background(), []int64{1}, OriginalPath)
			if err == nil || errors.Is(err, ErrResponseLost) != tt.lost || (tt.check != nil && !tt.check(err)) {
				t.Fatalf("err = %v; want lost=%v", err, tt.lost)
			}
			if n := len(f.requests()); n != 1 {
				t.Fatalf("%d requests, want exactly 1", n)
			}
		})
	}
}

func TestPostNotSent(t *testing.T) {
	c, err := New(Config{Endpoint: refusedEndpoint(t), LibraryID: "lib", Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RestoreBatch(context.Background(), []int64{1}, OriginalPath)
	var ne *net.OpError
	if err == nil || errors.Is(err, ErrResponseLost) || !errors.As(err, &ne) {
		t.Fatalf("connection refused: err = %v; want the dial error, not ErrResponseLost", err)
	}

	f := newFixture(t, respond(200, `{"result":[]}`))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = f.client().RestoreBatch(ctx, []int64{1}, OriginalPath)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrResponseLost) || len(f.requests()) != 0 {
		t.Fatalf("cancelled before sending: err = %v, %d requests", err, len(f.requests()))
	}
}

func TestPostDeadlineAfterSending(t *testing.T) {
	got := make(chan struct{})
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		close(got)
		hang(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-got
		cancel()
	}()
	_, err := f.client().RestoreBatch(ctx, []int64{1}, OriginalPath)
	if !errors.Is(err, ErrResponseLost) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want ErrResponseLost wrapping context.Canceled", err)
	}
}

func TestBackoffBounds(t *testing.T) {
	c, err := New(Config{LibraryID: "lib"})
	if err != nil {
		t.Fatal(err)
	}
	for attempt := range 70 {
		want := min(c.retryBase<<min(attempt, 16), c.retryMax)
		if attempt >= 16 {
			want = c.retryMax
		}
		for range 20 {
			if d := c.backoff(attempt); d < want/2 || d > want {
				t.Fatalf("attempt %d: backoff %v outside [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}
