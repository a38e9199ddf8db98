// Package sshtest holds the client side of smhbin's SSH server tests: a
// real golang.org/x/crypto/ssh client, a terminal session on it and a
// screen that collects what the session printed.
package sshtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// WaitLimit bounds every wait in the SSH server tests.
const WaitLimit = 30 * time.Second

// NewClientKey makes an ed25519 key pair for an SSH client.
func NewClientKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// WriteKeysFile writes an authorized_keys file listing signers' public keys.
func WriteKeysFile(t *testing.T, name string, signers ...gossh.Signer) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("# keys for the serve tests\n\n")
	for _, s := range signers {
		b.Write(gossh.MarshalAuthorizedKey(s.PublicKey()))
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Dial connects to addr as user with key, checking the server's host key.
// The connection is closed when the test ends.
func Dial(t *testing.T, addr string, hostKey gossh.PublicKey, user string, key gossh.Signer) (*gossh.Client, error) {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(hostKey),
		Timeout:         WaitLimit,
	})
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}

// Terminal is one interactive SSH session, as a user at a terminal sees it.
type Terminal struct {
	Sess  *gossh.Session
	stdin io.Writer
	Out   *Screen
	ended chan error // receives the session's end (nil: exit status 0)
}

// OpenTerminal starts a shell session with a cols×rows pty.
func OpenTerminal(t *testing.T, c *gossh.Client, cols, rows int) *Terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		t.Fatal(err)
	}
	out := NewScreen()
	// Hostile sizes (65535×65535) get no emulator: the server clamps what
	// it draws, and the test only reads the byte stream.
	if cols*rows <= 1000*500 {
		out.emu = vt.NewEmulator(cols, rows)
		// The emulator answers terminal queries through a pipe; drain it
		// so a query in the stream never blocks Write.
		go func() { _, _ = io.Copy(io.Discard, out.emu) }()
		// Ending the answer pipe ends the drain. Emulator.Close would
		// race with the blocked Read over its closed flag.
		t.Cleanup(func() {
			if c, ok := out.emu.InputPipe().(io.Closer); ok {
				_ = c.Close()
			}
		})
	}
	sess.Stdout, sess.Stderr = out, out
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	term := &Terminal{Sess: sess, stdin: stdin, Out: out, ended: make(chan error, 1)}
	go func() { term.ended <- sess.Wait() }()
	return term
}

// Press types keys at the terminal.
func (term *Terminal) Press(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(term.stdin, keys); err != nil {
		t.Fatalf("typing %q: %v", keys, err)
	}
}

// WaitEnd waits for the session to end and returns how it ended.
func (term *Terminal) WaitEnd(t *testing.T) error {
	t.Helper()
	select {
	case err := <-term.ended:
		return err
	case <-time.After(WaitLimit):
		t.Fatalf("the session did not end; screen:\n%s", term.Out.Tail())
		return nil
	}
}

// Screen collects what a session printed and wakes waiters on each write.
// A terminal's screen also replays the bytes into a terminal emulator: the
// renderer sends only the cells that changed ("1 marked" → "2 marked" is a
// single "2"), so text a user plainly sees may never appear whole in the
// byte stream.
type Screen struct {
	mu      sync.Mutex
	raw     bytes.Buffer
	emu     *vt.Emulator // nil for a log
	changed chan struct{}
}

// NewScreen makes an empty Screen.
func NewScreen() *Screen { return &Screen{changed: make(chan struct{}, 1)} }

// Write records p and wakes a waiter.
func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	n, err := s.raw.Write(p)
	if s.emu != nil {
		_, _ = s.emu.Write(p)
	}
	s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return n, err
}

// Mark is a position in the output, to look only at what comes after it.
func (s *Screen) Mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.Len()
}

// RawSince is the output after mark, escape sequences included.
func (s *Screen) RawSince(mark int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.raw.Bytes()[mark:])
}

// TextSince is the output after mark without escape sequences.
func (s *Screen) TextSince(mark int) string { return ansi.Strip(s.RawSince(mark)) }

// Shown is what the terminal shows now ("" for a log).
func (s *Screen) Shown() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.emu == nil {
		return ""
	}
	return s.emu.String()
}

// Tail is the screen as it stands, or for a log its last 2,000 bytes of
// text, for failure messages.
func (s *Screen) Tail() string {
	if shown := s.Shown(); shown != "" {
		return shown
	}
	text := s.TextSince(0)
	return text[max(0, len(text)-2000):]
}

// WaitFor waits until the text after mark contains want, or the screen
// shows it.
func (s *Screen) WaitFor(t *testing.T, mark int, want string) {
	t.Helper()
	deadline := time.After(WaitLimit)
	for !strings.Contains(s.TextSince(mark), want) && !strings.Contains(s.Shown(), want) {
		select {
		case <-s.changed:
		case <-deadline:
			t.Fatalf("%q never appeared; screen ends with:\n%s", want, s.Tail())
		}
	}
}
