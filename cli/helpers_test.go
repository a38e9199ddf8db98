package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"smhbin/api/fakesmh"
)

// testToken is the emulator's token in tests; it is not a real secret.
const testToken = "test-token-0123456789"

// emulator starts an in-process SMH emulator with opts (library "smhtest",
// token testToken) and extra records, and returns it with the environment
// that points smhbin at it.
func emulator(t *testing.T, opts fakesmh.Options, recs ...fakesmh.Record) (*fakesmh.Server, map[string]string) {
	t.Helper()
	return emulatorWith(t, opts, nil, recs...)
}

// emulatorWith is emulator with a middleware around the handler, for
// tests that need to inject faults or observe requests.
func emulatorWith(t *testing.T, opts fakesmh.Options, wrap func(http.Handler) http.Handler, recs ...fakesmh.Record) (*fakesmh.Server, map[string]string) {
	t.Helper()
	opts.LibraryID, opts.SpaceID, opts.Token = "smhtest", "-", testToken
	srv := fakesmh.New(opts)
	srv.Add(recs...)
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return srv, map[string]string{
		envEndpoint: ts.URL,
		envLibrary:  "smhtest",
		envToken:    testToken,
	}
}

// result is what one smhbin invocation printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs smhbin with args against env (nothing else of the real
// environment) and stdin.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	return runCLICtx(t, context.Background(), env, stdin, args...)
}

func runCLICtx(t *testing.T, ctx context.Context, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(ctx, args, getenvFrom(env), strings.NewReader(stdin), &stdout, &stderr)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

func getenvFrom(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

// syncBuffer is a bytes.Buffer safe to read while a command writes to it,
// with a channel closed once its content contains a given string.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	waitFor string
	seen    chan struct{}
	once    sync.Once
}

func newSyncBuffer(waitFor string) *syncBuffer {
	return &syncBuffer{waitFor: waitFor, seen: make(chan struct{})}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.waitFor != "" && strings.Contains(b.buf.String(), b.waitFor) {
		b.once.Do(func() { close(b.seen) })
	}
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func copyEnv(env map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(env)+len(kv)/2)
	for k, v := range env {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}
