package sshserve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/sshserve/sshtest"
)

// loaded is the status line once the whole test bin is listed.
const loaded = "30 items"

func TestServeSessionShowsTheBinAndQuits(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	_, term := ts.login(t, "alice", alice, 120, 40)
	term.Out.WaitFor(t, 0, "NAME")
	raw := term.Out.RawSince(0)
	if !strings.Contains(raw, "\x1b[38;5;") || strings.Contains(raw, "\x1b[38;2;") {
		t.Error("TERM=xterm-256color without COLORTERM should get 256 colours, not truecolor")
	}
	if text := term.Out.TextSince(0); strings.Contains(text, "READ-ONLY") || !strings.Contains(text, "smhtest") {
		t.Errorf("a full-access session's title should name the library without READ-ONLY:\n%s", term.Out.Tail())
	}

	term.Press(t, "q")
	if err := term.WaitEnd(t); err != nil {
		t.Errorf("q should end the session with status 0, got %v", err)
	}
	ts.log.WaitFor(t, 0, "access=full")
	log := ts.log.TextSince(0)
	for _, want := range []string{`user="alice"`, "key=" + gossh.FingerprintSHA256(alice.PublicKey()), "remote=127.0.0.1:", "duration="} {
		if !strings.Contains(log, want) {
			t.Errorf("session log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, testToken) {
		t.Error("the log shows the access token")
	}
}

func TestServeRefusesUnknownKey(t *testing.T) {
	alice, mallory := sshtest.NewClientKey(t), sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	if _, err := ts.dial(t, "mallory", mallory); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unlisted key got in (err %v)", err)
	}
	ts.log.WaitFor(t, 0, "key refused")
	if !strings.Contains(ts.log.TextSince(0), gossh.FingerprintSHA256(mallory.PublicKey())) {
		t.Errorf("the refusal does not name the key:\n%s", ts.log.TextSince(0))
	}
}

func TestServeReadOnlyKeyCannotRestore(t *testing.T) {
	alice, auditor := sshtest.NewClientKey(t), sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}, readOnly: []gossh.Signer{auditor}})
	_, term := ts.login(t, "auditor", auditor, 120, 40)
	term.Out.WaitFor(t, 0, "READ-ONLY")
	// Bubble Tea reads runs of letters as one key, but a space ends a run:
	// "r " is r, then space, so once the mark shows, r has been handled.
	term.Press(t, "r ")
	term.Out.WaitFor(t, 0, "1 marked")
	mark := term.Out.Mark()
	term.Press(t, "?")
	term.Out.WaitFor(t, mark, "read-only mode") // the help says why r is off
	if strings.Contains(term.Out.TextSince(0), "destination") {
		t.Errorf("r opened the restore dialog in a read-only session:\n%s", term.Out.Tail())
	}
	mark = term.Out.Mark()
	term.Press(t, "?")
	term.Out.WaitFor(t, mark, "marked")
	// Export would write on the server's disk: it is off over SSH (the key
	// is disabled, so it does nothing and is not offered).
	mark = term.Out.Mark()
	term.Press(t, "E ")
	term.Out.WaitFor(t, mark, "2 marked")
	if out := term.Out.TextSince(mark); strings.Contains(out, "exported") || strings.Contains(out, "E export") {
		t.Errorf("export is offered or ran over SSH:\n%s", term.Out.Tail())
	}
	term.Press(t, "q")
	if err := term.WaitEnd(t); err != nil {
		t.Errorf("session end: %v", err)
	}
	ts.log.WaitFor(t, 0, "access=read-only")
}

func TestServeSessionsAreIndependent(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	c1, err := ts.dial(t, "alice", alice)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := ts.dial(t, "alice", alice)
	if err != nil {
		t.Fatal(err)
	}
	one, two := sshtest.OpenTerminal(t, c1, 120, 40), sshtest.OpenTerminal(t, c2, 120, 40)
	one.Out.WaitFor(t, 0, loaded)
	two.Out.WaitFor(t, 0, loaded)

	one.Press(t, " ")
	one.Out.WaitFor(t, 0, "1 marked")
	// Closing the help redraws the whole browser, status line included.
	toggleHelp(t, two)
	// "1 marked" is the status line's count; the help screen itself
	// mentions marked:yes in its filter grammar.
	if strings.Contains(two.Out.TextSince(0), "1 marked") {
		t.Errorf("a mark in one session shows in another:\n%s", two.Out.Tail())
	}
}

func TestServeWindowChangeRedraws(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	_, term := ts.login(t, "alice", alice, 100, 30)
	if strings.Contains(term.Out.TextSince(0), "╭") {
		t.Fatal("the details pane shows at 100 columns; this test needs it hidden")
	}
	mark := term.Out.Mark()
	if err := term.Sess.WindowChange(40, 130); err != nil {
		t.Fatal(err)
	}
	// At 120 columns and more the details pane opens beside the table.
	term.Out.WaitFor(t, mark, "╭")
}

func TestServeWithoutPtyGetsOneLine(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	c, err := ts.dial(t, "alice", alice)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	sess.Stdout, sess.Stderr = &stdout, &stderr
	err = sess.Run("")
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("want exit status 1, got %v", err)
	}
	if got := stdout.String() + stderr.String(); got != noPtyMessage+"\n" {
		t.Errorf("output %q, want the one line %q", got, noPtyMessage)
	}
}

func TestServeSessionCap(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}, maxSessions: 1})
	c, first := ts.login(t, "alice", alice, 100, 30)

	second := sshtest.OpenTerminal(t, c, 100, 30)
	var exit *gossh.ExitError
	if err := second.WaitEnd(t); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("the session over the cap: want exit status 1, got %v", err)
	}
	if got := second.Out.TextSince(0); !strings.Contains(got, "busy (1 sessions") || strings.Count(got, "\n") != 1 {
		t.Errorf("the session over the cap should read one line about it, got %q", got)
	}

	first.Press(t, "q")
	if err := first.WaitEnd(t); err != nil {
		t.Fatal(err)
	}
	third := sshtest.OpenTerminal(t, c, 100, 30)
	third.Out.WaitFor(t, 0, loaded) // the first session's place was given back
}

func TestServeShutdownTellsSessions(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	c, term := ts.login(t, "alice", alice, 100, 30)
	mark := term.Out.Mark()
	ts.cancel()
	var exit *gossh.ExitError
	if err := term.WaitEnd(t); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("a session ended by shutdown: want exit status 1, got %v", err)
	}
	if !strings.Contains(term.Out.TextSince(mark), ShutdownMessage) {
		t.Errorf("the session was not told of the shutdown:\n%s", term.Out.Tail())
	}
	c.Close() // the client hangs up, as ssh does when its session ends
	ts.waitStopped(t)
	if _, err := ts.dial(t, "alice", alice); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

// A key whose line says restrict (without a later pty) or no-pty is
// refused a terminal, as sshd refuses it, and so cannot use smhbin; with
// restrict,pty it can.
func TestServeRestrictForbidsATerminal(t *testing.T) {
	restricted, noPty, allowed := sshtest.NewClientKey(t), sshtest.NewClientKey(t), sshtest.NewClientKey(t)
	line := func(options string, s gossh.Signer) string {
		return options + " " + string(gossh.MarshalAuthorizedKey(s.PublicKey()))
	}
	keys := filepath.Join(t.TempDir(), "authorized_keys")
	text := line("restrict", restricted) + line("no-pty", noPty) + line("restrict,pty", allowed)
	if err := os.WriteFile(keys, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, serverSetup{authorized: keys})
	for name, key := range map[string]gossh.Signer{"restrict": restricted, "no-pty": noPty} {
		c, err := ts.dial(t, "bob", key)
		if err != nil {
			t.Fatalf("%s: the key should connect: %v", name, err)
		}
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err == nil {
			t.Errorf("%s: the key got a terminal", name)
		}
		var out strings.Builder
		sess.Stdout, sess.Stderr = &out, &out
		var exit *gossh.ExitError
		if err := sess.Run(""); !errors.As(err, &exit) || exit.ExitStatus() != 1 || out.String() != ptyForbiddenMessage+"\n" {
			t.Errorf("%s: want exit 1 and %q, got %v and %q", name, ptyForbiddenMessage, err, out.String())
		}
	}
	ts.log.WaitFor(t, 0, "terminal refused (key option no-pty or restrict)")
	c, err := ts.dial(t, "alice", allowed)
	if err != nil {
		t.Fatal(err)
	}
	sshtest.OpenTerminal(t, c, 100, 30).Out.WaitFor(t, 0, loaded)
}

// Shutdown waits for every session handler, so each session's log line
// comes before "stopped" even when a handler is slow to finish after its
// client has hung up.
func TestServeShutdownWaitsForSessionLogs(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	slow := func(c *Config) { c.afterSession = func() { time.Sleep(300 * time.Millisecond) } }
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}, edit: slow})
	c, term := ts.login(t, "alice", alice, 100, 30)
	ts.cancel()
	term.Out.WaitFor(t, 0, ShutdownMessage)
	c.Close()
	ts.waitStopped(t)
	log := ts.log.TextSince(0)
	session, stopped := strings.Index(log, "access=full"), strings.Index(log, "stopped")
	if session < 0 || stopped < 0 || session > stopped {
		t.Errorf("the session's line should come before \"stopped\":\n%s", log)
	}
}
