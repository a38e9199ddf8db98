package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Pane geometry and how long any one expected screen may take to appear.
const (
	paneWidth   = 100
	paneHeight  = 30
	waitTimeout = 15 * time.Second
	session     = "smhbin"
)

// tmuxConf: a plain pane with no status bar that stays readable after the
// program exits (remain-on-exit) so its exit status can be checked, no
// escape delay so a lone Esc reaches the program at once, and sh for the
// pane's command whatever the user's $SHELL (shellQuote is for sh).
const tmuxConf = `set -g default-terminal tmux-256color
set -g default-shell /bin/sh
set -g status off
set -g remain-on-exit on
set -s escape-time 0
set -g history-limit 100
`

// term is a private tmux server with one session running the program.
type term struct {
	t      *testing.T
	tmux   string
	sock   string
	conf   string
	secret string // must never appear on screen
}

// newTerm starts a tmux server on its own socket in a temp directory and
// runs argv in a paneWidth×paneHeight session with the extra environment
// env. TERM is set by env(1) in the pane's command: tmux sets TERM for its
// panes from default-terminal and does not reliably let new-session -e
// override it. Cleanup kills the server.
func newTerm(t *testing.T, tmuxPath, secret string, env []string, argv ...string) *term {
	t.Helper()
	dir := t.TempDir()
	tm := &term{t: t, tmux: tmuxPath, sock: filepath.Join(dir, "tmux.sock"), conf: filepath.Join(dir, "tmux.conf"), secret: secret}
	if err := os.WriteFile(tm.conf, []byte(tmuxConf), 0o600); err != nil {
		t.Fatal(err)
	}
	words := []string{"exec env -u NO_COLOR TERM=xterm-256color"}
	for _, w := range slices.Concat(env, argv) {
		words = append(words, shellQuote(w))
	}
	t.Cleanup(func() {
		// An error here means the server is gone already, which is the goal.
		_, _ = tm.run("kill-server")
	})
	if _, err := tm.run("new-session", "-d", "-s", session,
		"-x", strconv.Itoa(paneWidth), "-y", strconv.Itoa(paneHeight), strings.Join(words, " ")); err != nil {
		t.Fatalf("tmux new-session: %v", err)
	}
	size, err := tm.run("display-message", "-p", "-t", session, "#{pane_width}x#{pane_height}")
	if err != nil {
		t.Fatalf("tmux display-message: %v", err)
	}
	if want := fmt.Sprintf("%dx%d", paneWidth, paneHeight); strings.TrimSpace(size) != want {
		t.Fatalf("pane is %s, want %s", strings.TrimSpace(size), want)
	}
	return tm
}

// run runs one tmux command against the private server. -u makes tmux
// treat the pane as UTF-8 whatever the locale, so CJK names survive.
func (tm *term) run(args ...string) (string, error) {
	cmd := exec.Command(tm.tmux, append([]string{"-u", "-S", tm.sock, "-f", tm.conf}, args...)...)
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// keys sends tmux key names (Space, Enter, Escape) one after another.
func (tm *term) keys(names ...string) {
	tm.t.Helper()
	if _, err := tm.run(append([]string{"send-keys", "-t", session}, names...)...); err != nil {
		tm.t.Fatal(err)
	}
}

// typeText sends s literally, one keystroke per character.
func (tm *term) typeText(s string) {
	tm.t.Helper()
	if _, err := tm.run("send-keys", "-t", session, "-l", s); err != nil {
		tm.t.Fatal(err)
	}
}

// capture reads the visible screen and checks it never shows the secret.
func (tm *term) capture() screen {
	tm.t.Helper()
	out, err := tm.run("capture-pane", "-p", "-t", session)
	if err != nil {
		tm.t.Fatal(err)
	}
	if tm.secret != "" && strings.Contains(out, tm.secret) {
		tm.t.Fatalf("the access token appears on screen:\n%s", out)
	}
	s := screen{lines: strings.Split(strings.TrimSuffix(out, "\n"), "\n")}
	return s
}

// waitFor polls the screen until cond holds, failing the test with the
// last screen after waitTimeout. It never sleeps longer than a poll.
func (tm *term) waitFor(what string, cond func(screen) bool) screen {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s := tm.capture()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			exited, status, sig := tm.exitState()
			tm.t.Fatalf("timed out after %v waiting for %s (program exited: %v, status %d, signal %q); last screen:\n%s",
				waitTimeout, what, exited, status, sig, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// exitState reads whether the program in the pane has exited and how.
//
// tmux marks a pane dead when its terminal closes, which is a moment
// before the process exits; status and signal stay empty until tmux reaps
// it. A tmux built with libutempter can miss that SIGCHLD altogether (its
// helper swaps the handler while the pane's record is removed, see
// tmux/tmux#311), leaving a zombie and an unknown status for good. A
// spare SIGCHLD to our own server makes it reap.
func (tm *term) exitState() (exited bool, status int, signal string) {
	tm.t.Helper()
	out, err := tm.run("display-message", "-p", "-t", session, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}")
	if err != nil {
		tm.t.Fatal(err)
	}
	f := strings.Split(strings.TrimSpace(out), "|")
	if len(f) != 4 {
		tm.t.Fatalf("unexpected pane state %q", out)
	}
	switch {
	case f[0] != "1":
		return false, 0, ""
	case f[1] == "" && f[2] == "":
		_ = exec.Command("kill", "-CHLD", f[3]).Run()
		return false, 0, ""
	case f[1] == "":
		return true, -1, f[2]
	}
	code, err := strconv.Atoi(f[1])
	if err != nil {
		tm.t.Fatalf("pane_dead_status %q: %v", f[1], err)
	}
	return true, code, ""
}

// waitExit waits for the program to exit and returns its status, failing
// the test if a signal killed it.
func (tm *term) waitExit() int {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		if exited, code, sig := tm.exitState(); exited {
			if sig != "" {
				tm.t.Fatalf("the program was killed by signal %s; screen:\n%s", sig, tm.capture())
			}
			return code
		}
		if time.Now().After(deadline) {
			state, _ := tm.run("display-message", "-p", "-t", session, "dead=#{pane_dead} status=#{pane_dead_status} signal=#{pane_dead_signal} pid=#{pane_pid}")
			tm.t.Fatalf("the program did not exit within %v (%s); screen:\n%s", waitTimeout, strings.TrimSpace(state), tm.capture())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// shellQuote quotes s for sh, which tmux runs the pane's command with.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
