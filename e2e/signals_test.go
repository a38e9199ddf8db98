package e2e

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalsEndGracefully sends SIGTERM and SIGHUP to the terminal UI and
// to serve, each running in a tmux pane: the program exits with status 0
// (not killed by the signal), the UI leaves the alternate screen, and
// serve writes its last log line.
func TestSignalsEndGracefully(t *testing.T) {
	t.Parallel()
	bin, tmuxPath := needBinary(t)
	hostKey := filepath.Join(t.TempDir(), "host_key")
	programs := []struct {
		name  string
		argv  []string
		ready func(screen) bool
		done  func(*term, screen) string // what is wrong once it exited, or ""
	}{
		{
			"tui", []string{bin, "--demo"},
			func(s screen) bool { return s.header() >= 0 },
			func(tm *term, s screen) string {
				if alt, _ := tm.run("display-message", "-p", "-t", session, "#{alternate_on}"); strings.TrimSpace(alt) != "0" {
					return "the terminal was left in the alternate screen"
				}
				if s.header() >= 0 {
					return "the UI is still on screen"
				}
				return ""
			},
		},
		{
			"serve", []string{bin, "serve", "--insecure-demo", "--addr", "127.0.0.1:0", "--host-key", hostKey},
			func(s screen) bool { return s.contains("ssh://") },
			func(_ *term, s screen) string {
				if !s.contains("smhbin serve: stopped") {
					return "serve did not say it stopped"
				}
				return ""
			},
		},
	}
	for _, p := range programs {
		for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
			t.Run(p.name+"/"+sig.String(), func(t *testing.T) {
				tm := newTerm(t, tmuxPath, "", nil, p.argv...)
				tm.waitFor(p.name+" to start", p.ready)
				sent := time.Now()
				signalPane(t, tm, sig)
				if code := tm.waitExit(); code != 0 {
					t.Fatalf("exit status %d after %s; screen:\n%s", code, sig, tm.capture())
				}
				t.Logf("exited %s after %s", time.Since(sent).Round(time.Millisecond), sig)
				if s := tm.capture(); p.done(tm, s) != "" {
					t.Errorf("%s after %s; screen:\n%s", p.done(tm, s), sig, s)
				}
			})
		}
	}
}
