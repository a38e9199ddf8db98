package sshserve

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/sshserve/sshtest"
	"smhbin/ui"
)

// sgrMouse is the SGR (1006) report a terminal sends for button b at the
// 0-based cell x, y: a press, or a release when up.
func sgrMouse(b, x, y int, up bool) string {
	end := "M"
	if up {
		end = "m"
	}
	return fmt.Sprintf("\x1b[<%d;%d;%d%s", b, x+1, y+1, end)
}

// SGR button codes: the left button, and the wheel's notches.
const (
	sgrLeft      = 0
	sgrWheelDown = 65
)

// waitScreen waits until the terminal's screen satisfies ok.
func waitScreen(t *testing.T, term *sshtest.Terminal, what string, ok func(lines []string) bool) {
	t.Helper()
	deadline := time.Now().Add(sshtest.WaitLimit)
	for !ok(strings.Split(term.Out.Shown(), "\n")) {
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed; screen:\n%s", what, term.Out.Tail())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cursorRow is the screen line of the row under the cursor (-1: none).
func cursorRow(lines []string) int {
	for y, l := range lines {
		if y >= 2 && strings.HasPrefix(l, "▸") {
			return y
		}
	}
	return -1
}

// TestServeMouse: a session's terminal reports the mouse as SGR sequences;
// the wheel moves the cursor, a click puts it on the clicked row and a
// click in the mark column marks that row.
func TestServeMouse(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	_, term := ts.login(t, "alice", alice, 100, 30)
	if raw := term.Out.RawSince(0); !strings.Contains(raw, "\x1b[?1002h") || !strings.Contains(raw, "\x1b[?1006h") {
		t.Fatalf("the session did not turn on SGR mouse reporting: %q", raw[:min(len(raw), 200)])
	}
	waitScreen(t, term, "the cursor on the first row", func(l []string) bool { return cursorRow(l) == 2 })

	term.Press(t, sgrMouse(sgrWheelDown, 20, 5, false))
	waitScreen(t, term, "the cursor three rows down after a wheel notch", func(l []string) bool { return cursorRow(l) == 5 })

	term.Press(t, sgrMouse(sgrLeft, 20, 12, false)+sgrMouse(sgrLeft, 20, 12, true))
	waitScreen(t, term, "the cursor on the clicked row", func(l []string) bool { return cursorRow(l) == 12 })

	term.Press(t, sgrMouse(sgrLeft, 1, 8, false)+sgrMouse(sgrLeft, 1, 8, true))
	waitScreen(t, term, "a mark on the row clicked in the mark column", func(l []string) bool {
		return cursorRow(l) == 8 && strings.HasPrefix(l[8], "▸●") && strings.Contains(strings.Join(l, "\n"), "1 marked")
	})
}

// TestServeNoMouse: with mouse support off (mouse = false, --no-mouse) a
// session never asks its terminal for mouse reports, so the user's own
// terminal keeps text selection.
func TestServeNoMouse(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}, edit: func(c *Config) {
		opts := c.Options
		c.Options = func(ctx context.Context, out io.Writer, getenv func(string) string) ui.Options {
			o := opts(ctx, out, getenv)
			o.NoMouse = true
			return o
		}
	}})
	_, term := ts.login(t, "alice", alice, 100, 30)
	if raw := term.Out.RawSince(0); strings.Contains(raw, "\x1b[?1000h") || strings.Contains(raw, "\x1b[?1002h") || strings.Contains(raw, "\x1b[?1003h") {
		t.Fatal("a session with the mouse off turned on mouse reporting")
	}
}
