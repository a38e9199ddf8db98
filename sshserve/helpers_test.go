package sshserve

import (
	"context"
	"io"
	"net"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/api"
	"smhbin/api/fakesmh"
	"smhbin/sshserve/sshtest"
	"smhbin/ui"
)

// testItems is the size of the bin served in the serve tests.
const testItems = 30

// testToken is the emulator's token in tests; it is not a real secret.
const testToken = "test-token-0123456789"

// serverSetup describes a test server: who may connect, and how.
type serverSetup struct {
	full, readOnly []gossh.Signer // nil full and readOnly and authorized: any key (insecure demo)
	authorized     string         // an authorized_keys file to use instead of full
	maxSessions    int
	edit           func(*Config) // changes the server's configuration; nil: the defaults
}

// testServer is a running Server over an emulated library.
type testServer struct {
	addr    string
	hostKey gossh.PublicKey
	log     *sshtest.Screen
	cancel  context.CancelFunc
	done    chan struct{} // closed when Serve has returned
	err     error         // what Serve returned, once done is closed
}

// testClient is an API client for an emulator with testItems items,
// library "smhtest" and token testToken.
func testClient(t *testing.T) *api.Client {
	t.Helper()
	emu := httptest.NewServer(fakesmh.New(fakesmh.Options{LibraryID: "smhtest", SpaceID: "-", Token: testToken, Items: testItems, Seed: 7}))
	t.Cleanup(emu.Close)
	client, err := api.New(api.Config{Endpoint: emu.URL, LibraryID: "smhtest", SpaceID: "-", Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// testOptions is the UI of every test session, as cli builds it.
func testOptions(client *api.Client) func(context.Context, io.Writer, func(string) string) ui.Options {
	return func(ctx context.Context, out io.Writer, getenv func(string) string) ui.Options {
		return ui.Options{
			Context:   ctx,
			Client:    client,
			Styles:    ui.StylesFor(getenv, false),
			Library:   "smhtest",
			Clipboard: ui.OSC52Clipboard(out, getenv),
		}
	}
}

// startServer runs a Server on a free loopback port until the test ends,
// serving an emulator with testItems items.
func startServer(t *testing.T, set serverSetup) *testServer {
	t.Helper()
	client := testClient(t)
	var keys *Keyring
	if set.full != nil || set.readOnly != nil || set.authorized != "" {
		ro := ""
		if set.readOnly != nil {
			ro = sshtest.WriteKeysFile(t, "read-only.keys", set.readOnly...)
		}
		if set.authorized == "" {
			set.authorized = sshtest.WriteKeysFile(t, "authorized.keys", set.full...)
		}
		var err error
		if keys, err = LoadKeyring(set.authorized, ro); err != nil {
			t.Fatal(err)
		}
	}
	signer, _, err := EnsureHostKey(filepath.Join(t.TempDir(), "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	if set.maxSessions == 0 {
		set.maxSessions = 4
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := sshtest.NewScreen()
	conf := Config{
		Listener:         ln,
		HostKey:          signer,
		Keys:             keys,
		IdleTimeout:      time.Minute,
		MaxSessions:      set.maxSessions,
		MaxConnections:   16,
		HandshakeTimeout: sshtest.WaitLimit,
		ShutdownWait:     5 * time.Second,
		Library:          "smhtest",
		Client:           client,
		Options:          testOptions(client),
		Log:              log,
	}
	if set.edit != nil {
		set.edit(&conf)
	}
	srv, err := New(conf)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{addr: srv.Addr(), hostKey: signer.PublicKey(), log: log, cancel: cancel, done: make(chan struct{})}
	go func() {
		ts.err = srv.Serve(ctx)
		close(ts.done)
	}()
	t.Cleanup(func() {
		cancel()
		ts.waitStopped(t)
	})
	return ts
}

// waitStopped waits for Serve to return and reports its error.
func (ts *testServer) waitStopped(t *testing.T) {
	t.Helper()
	select {
	case <-ts.done:
		if ts.err != nil {
			t.Errorf("serve: %v", ts.err)
		}
	case <-time.After(sshtest.WaitLimit):
		t.Error("the server did not stop")
	}
}

// dial connects to ts as user with key.
func (ts *testServer) dial(t *testing.T, user string, key gossh.Signer) (*gossh.Client, error) {
	t.Helper()
	return sshtest.Dial(t, ts.addr, ts.hostKey, user, key)
}

// login connects as user with key, opens a cols×rows terminal and waits
// for the whole test bin to be listed.
func (ts *testServer) login(t *testing.T, user string, key gossh.Signer, cols, rows int) (*gossh.Client, *sshtest.Terminal) {
	t.Helper()
	c, err := ts.dial(t, user, key)
	if err != nil {
		t.Fatalf("%s: %v", user, err)
	}
	term := sshtest.OpenTerminal(t, c, cols, rows)
	term.Out.WaitFor(t, 0, loaded)
	return c, term
}

// toggleHelp opens and closes the help: each redraws the whole window.
func toggleHelp(t *testing.T, term *sshtest.Terminal) {
	t.Helper()
	mark := term.Out.Mark()
	term.Press(t, "?")
	term.Out.WaitFor(t, mark, "closes this help")
	mark = term.Out.Mark()
	term.Press(t, "?")
	term.Out.WaitFor(t, mark, loaded)
}
