package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoTokenOnTheCommandLine: the real binary refuses --token in any
// position, without echoing the value, and exits 2.
func TestNoTokenOnTheCommandLine(t *testing.T) {
	t.Parallel()
	bin, _ := needBinary(t)
	const secret = "cmdline-Secret-7731"
	for _, args := range [][]string{
		{"--token", secret, "list"},
		{"--token=" + secret},
		{"list", "--token", secret},
	} {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Env = cleanEnv()
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Errorf("%q: %v, want exit status 2", args, err)
		}
		if !strings.Contains(stderr.String(), "unknown flag") {
			t.Errorf("%q: stderr %q, want the flag refused", args, stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), secret) {
			t.Errorf("%q: the value was echoed: %q", args, stderr.String())
		}
	}
}

// TestTokenStaysOffScreenArgvAndStderr runs the TUI from the environment
// with its stderr sent to a file, restores an item, and checks that the
// token is on none of the screens, not in the process's argv, and not in
// anything it wrote to stderr. A second run with a rejected token checks
// the same while the UI shows what to do.
func TestTokenStaysOffScreenArgvAndStderr(t *testing.T) {
	t.Parallel()
	bin, tmuxPath := needBinary(t)
	emu := startEmulator(t, bin, "--items", "40", "--seed", "3")
	items := emu.list(t)
	presses, chosen := plan(t, items, 1)

	for _, tc := range []struct {
		name, token string
	}{{"accepted token", emu.token}, {"rejected token", "rejected-Secret-5e0c"}} {
		t.Run(tc.name, func(t *testing.T) {
			errFile := filepath.Join(t.TempDir(), "stderr")
			vars := []string{"SMH_ENDPOINT=" + emu.endpoint, "SMH_LIBRARY_ID=" + emu.library, "SMH_ACCESS_TOKEN=" + tc.token}
			// sh -c redirects the program's stderr and then becomes it.
			tm := newTerm(t, tmuxPath, tc.token, vars, "/bin/sh", "-c", `exec "$0" 2>"$1"`, bin, errFile)
			if tc.token == emu.token {
				waitLoaded(tm, emu)
			} else {
				// A rejected token at start fills the screen with the
				// cause and the next step (the start-error panel).
				tm.waitFor("the token error", func(s screen) bool {
					return s.contains("Could not load the recycle bin") && s.contains("the access token was rejected (InvalidAccessToken)")
				})
			}
			checkArgv(t, tm, tc.token)
			if tc.token == emu.token {
				markFromTop(tm, presses, chosen, items)
				tm.typeText("r")
				tm.waitFor("the restore dialog", func(s screen) bool { return s.contains("y/enter restore") })
				tm.typeText("y")
				tm.waitFor("the restore summary", func(s screen) bool {
					p, ok := s.progress()
					return ok && strings.HasPrefix(p, " restored ")
				})
			}
			quit(t, tm)
			b, err := os.ReadFile(errFile)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), tc.token) {
				t.Fatalf("the token is in the program's stderr:\n%s", b)
			}
		})
	}
}

// checkArgv reads the running program's command line from /proc and
// checks that the token is not on it (it travels in the environment).
func checkArgv(t *testing.T, tm *term, token string) {
	t.Helper()
	pid := tm.pid()
	argv, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if errors.Is(err, os.ErrNotExist) {
		t.Log("no /proc: argv not checked")
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(argv, []byte("smhbin")) {
		t.Fatalf("pid %d runs %q, not smhbin", pid, argv)
	}
	if bytes.Contains(argv, []byte(token)) {
		t.Fatalf("the token is on the command line: %q", argv)
	}
}
