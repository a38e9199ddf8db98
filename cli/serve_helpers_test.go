package cli

import (
	"bytes"
	"context"
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
	gossh "golang.org/x/crypto/ssh"

	"smhbin/api/fakesmh"
)

// waitLimit bounds every wait in the serve tests.
const waitLimit = 10 * time.Second

// testItems is the size of the bin served in the serve tests.
const testItems = 30

// newClientKey makes an ed25519 key pair for an SSH client.
func newClientKey(t *testing.T) gossh.Signer {
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

// writeKeysFile writes an authorized_keys file listing signers' public keys.
func writeKeysFile(t *testing.T, name string, signers ...gossh.Signer) string {
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

// serverSetup describes a test server: who may connect, and how.
type serverSetup struct {
	full, readOnly []gossh.Signer // nil full and readOnly: any key (insecure demo)
	maxSessions    int
	args           []string // the server's flags; nil: the defaults
}

// testServer is a running sshServer over an emulated library.
type testServer struct {
	addr    string
	hostKey gossh.PublicKey
	log     *screen
	cancel  context.CancelFunc
	done    chan struct{} // closed when serve has returned
	err     error         // what serve returned, once done is closed
}

// startServer runs an sshServer on a free loopback port until the test
// ends, serving an emulator with testItems items.
func startServer(t *testing.T, set serverSetup) *testServer {
	t.Helper()
	_, env := emulator(t, fakesmh.Options{Items: testItems, Seed: 7})
	cfg := resolveConfig(t, env, set.args...)
	client, err := newClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var keys *keyring
	if set.full != nil || set.readOnly != nil {
		ro := ""
		if set.readOnly != nil {
			ro = writeKeysFile(t, "read-only.keys", set.readOnly...)
		}
		if keys, err = loadKeyring(writeKeysFile(t, "authorized.keys", set.full...), ro); err != nil {
			t.Fatal(err)
		}
	}
	signer, _, err := ensureHostKey(filepath.Join(t.TempDir(), "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	if set.maxSessions == 0 {
		set.maxSessions = 4
	}
	log := newScreen()
	srv, err := newSSHServer(serverConfig{
		Addr:         "127.0.0.1:0",
		HostKey:      signer,
		Keys:         keys,
		IdleTimeout:  time.Minute,
		MaxSessions:  set.maxSessions,
		ShutdownWait: 5 * time.Second,
		App:          cfg,
		Client:       client,
		Log:          newServeLog(log),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{addr: srv.Addr(), hostKey: signer.PublicKey(), log: log, cancel: cancel, done: make(chan struct{})}
	go func() {
		ts.err = srv.serve(ctx)
		close(ts.done)
	}()
	t.Cleanup(func() {
		cancel()
		ts.waitStopped(t)
	})
	return ts
}

// waitStopped waits for serve to return and reports its error.
func (ts *testServer) waitStopped(t *testing.T) {
	t.Helper()
	select {
	case <-ts.done:
		if ts.err != nil {
			t.Errorf("serve: %v", ts.err)
		}
	case <-time.After(waitLimit):
		t.Error("the server did not stop")
	}
}

// dial connects to ts as user with key, checking the server's host key.
// The connection is closed when the test ends.
func (ts *testServer) dial(t *testing.T, user string, key gossh.Signer) (*gossh.Client, error) {
	t.Helper()
	c, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey),
		Timeout:         waitLimit,
	})
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}

// terminal is one interactive SSH session, as a user at a terminal sees it.
type terminal struct {
	sess  *gossh.Session
	stdin io.Writer
	out   *screen
	ended chan error // receives the session's end (nil: exit status 0)
}

// openTerminal starts a shell session with a cols×rows pty.
func openTerminal(t *testing.T, c *gossh.Client, cols, rows int) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		t.Fatal(err)
	}
	out := newScreen()
	sess.Stdout, sess.Stderr = out, out
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	term := &terminal{sess: sess, stdin: stdin, out: out, ended: make(chan error, 1)}
	go func() { term.ended <- sess.Wait() }()
	return term
}

// press types keys at the terminal.
func (term *terminal) press(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(term.stdin, keys); err != nil {
		t.Fatalf("typing %q: %v", keys, err)
	}
}

// waitEnd waits for the session to end and returns how it ended.
func (term *terminal) waitEnd(t *testing.T) error {
	t.Helper()
	select {
	case err := <-term.ended:
		return err
	case <-time.After(waitLimit):
		t.Fatalf("the session did not end; screen:\n%s", term.out.tail())
		return nil
	}
}

// screen collects what a session printed and wakes waiters on each write.
type screen struct {
	mu      sync.Mutex
	raw     bytes.Buffer
	changed chan struct{}
}

func newScreen() *screen { return &screen{changed: make(chan struct{}, 1)} }

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	n, err := s.raw.Write(p)
	s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return n, err
}

// mark is a position in the output, to look only at what comes after it.
func (s *screen) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.Len()
}

// rawSince is the output after mark, escape sequences included.
func (s *screen) rawSince(mark int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.raw.Bytes()[mark:])
}

// textSince is the output after mark without escape sequences.
func (s *screen) textSince(mark int) string { return ansi.Strip(s.rawSince(mark)) }

func (s *screen) tail() string {
	text := s.textSince(0)
	return text[max(0, len(text)-2000):]
}

// waitFor waits until the text after mark contains want.
func (s *screen) waitFor(t *testing.T, mark int, want string) {
	t.Helper()
	deadline := time.After(waitLimit)
	for !strings.Contains(s.textSince(mark), want) {
		select {
		case <-s.changed:
		case <-deadline:
			t.Fatalf("%q never appeared; screen ends with:\n%s", want, s.tail())
		}
	}
}
