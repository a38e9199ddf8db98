package ui

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"go.uber.org/goleak"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// syncOutput collects a program's output for a test to poll.
type syncOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *syncOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *syncOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitOutput polls the raw output until it holds want, failing after a
// deadline. Only for a program's first paint, which writes whole lines;
// later changes go out as changed cells, so waits for them use waitFrame.
func waitOutput(t *testing.T, out *syncOutput, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the program never showed %q", want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestQuitEndsEveryGoroutine runs the real program loop, wired as
// `smhbin` wires it (a context cancelled once the program returns), against
// the emulator over HTTP, and checks that nothing the product started is
// left running after quitting: mid-listing, after a restore, and when
// force-quitting mid-restore. No goroutine of the product is ignored; the
// client's idle connections and the server are closed first, so their
// goroutines need no ignoring either.
func TestQuitEndsEveryGoroutine(t *testing.T) {
	cases := []struct {
		name    string
		latency time.Duration
		items   int
		play    func(t *testing.T, p *tea.Program, frame *atomic.Pointer[string])
	}{
		{"quit while pages load", 30 * time.Millisecond, 400, func(t *testing.T, p *tea.Program, frame *atomic.Pointer[string]) {
			waitFrame(t, frame, "loaded ")
			p.Send(keyMsg("q"))
		}},
		{"quit after a restore", 0, -1, func(t *testing.T, p *tea.Program, frame *atomic.Pointer[string]) {
			waitFrame(t, frame, "10 items")
			for _, k := range []string{" ", " ", "r", "y"} {
				p.Send(keyMsg(k))
			}
			waitFrame(t, frame, "restored 1 of 2")
			p.Send(keyMsg("q"))
		}},
		{"force quit mid-restore", 200 * time.Millisecond, -1, func(t *testing.T, p *tea.Program, frame *atomic.Pointer[string]) {
			waitFrame(t, frame, "10 items")
			for _, k := range []string{"a", "r", "y"} {
				p.Send(keyMsg(k))
			}
			waitFrame(t, frame, "restoring 0/")
			p.Send(keyMsg("ctrl+\\"))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
			srv := fakesmh.New(fakesmh.Options{Items: tc.items, Now: testNow, LibraryID: "testlib", Token: faultToken,
				Latency: tc.latency, AsyncThreshold: -1})
			if tc.items < 0 {
				srv.Add(fixtureRecords()...)
			}
			hs := httptest.NewServer(srv)
			transport := &http.Transport{}
			c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "testlib", Token: faultToken,
				HTTPClient: &http.Client{Transport: transport, Timeout: 10 * time.Second}})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			m := New(Options{Context: ctx, Client: c, Restorer: api.NewEngine(c, api.EngineOptions{ChunkSize: 1, Concurrency: 2}),
				Styles: asciiStyles(), Library: "testlib", PageSize: 20, Now: func() time.Time { return testNow }})
			out := &syncOutput{}
			frame := new(atomic.Pointer[string])
			p := tea.NewProgram(frameTap{inner: m, frame: frame}, tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignals(), tea.WithContext(ctx),
				tea.WithWindowSize(100, 30))
			done := make(chan error, 1)
			go func() {
				_, err := p.Run()
				done <- err
			}()
			tc.play(t, p, frame)
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("program: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the program did not end after the quit key")
			}
			cancel() // as runTUI does once the program has returned
			if strings.Contains(out.String(), faultToken) {
				t.Fatal("the token was written to the terminal")
			}
			// The engine's requests end with the context; wait for the
			// server to have seen them go before closing it.
			hs.Close()
			transport.CloseIdleConnections()
		})
	}
}
