package cli

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/creack/pty"

	"smhbin/api/fakesmh"
)

// TestStartupDoesNotWaitOnTheTerminal runs the TUI on a pty whose other
// end reads everything and answers nothing: no background colour, no
// cursor position, no keyboard-enhancement reply. The first rows must
// still appear. Bubble Tea v1 asked for the background colour at start-up
// and waited seconds for a terminal that never answered; the deadline
// here is generous, the point is that nothing waits on an answer.
func TestStartupDoesNotWaitOnTheTerminal(t *testing.T) {
	_, env := emulator(t, fakesmh.Options{Items: -1}, fakesmh.NewRecord("docs", "startup-probe.txt"))
	env["TERM"] = "xterm-256color"
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	out := newSyncBuffer("startup-probe.txt")
	go func() { _, _ = io.Copy(out, ptmx) }() // read only: never answer a query

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	start := time.Now()
	go func() { done <- run(ctx, nil, getenvFrom(env), tty, tty, &stderr) }()
	select {
	case <-out.seen:
		t.Logf("first row after %s", time.Since(start))
	case code := <-done:
		t.Fatalf("smhbin ended (exit %d) before showing a row; stderr %q", code, stderr.String())
	case <-time.After(5 * time.Second):
		t.Fatal("no row within 5 s of start-up against a terminal that answers no query")
	}
	cancel() // as a signal does: the program quits
	select {
	case <-done:
		t.Logf("ended after %s", time.Since(start))
	case <-time.After(10 * time.Second):
		t.Fatal("smhbin did not end after its context was cancelled")
	}
}
