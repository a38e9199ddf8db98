// Package sshserve is smhbin's SSH server: public-key authentication
// against authorized_keys files, one terminal UI per session over a shared
// API client and restore engine, session limits and a graceful shutdown.
// It knows nothing of the command line; cli/serve.go parses the flags.
package sshserve

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"smhbin/api"
	"smhbin/safe"
	"smhbin/ui"
)

// Config is everything a Server needs, resolved and checked by the caller.
type Config struct {
	// Listener is where connections arrive. The caller binds it, so that a
	// bad listen address is reported before anything else starts.
	Listener    net.Listener
	HostKey     gossh.Signer
	Keys        *Keyring // nil accepts any key (--insecure-demo)
	IdleTimeout time.Duration
	MaxSessions int
	// MaxConnections bounds the connections open at once, authenticated
	// or not; a quarter of them (at least one) may be still authenticating.
	MaxConnections int
	// HandshakeTimeout is how long a connection has to authenticate.
	HandshakeTimeout time.Duration
	ShutdownWait     time.Duration // how long clients get to hang up at shutdown

	Library  string // the library id, named in the start-up line
	Demo     bool   // the library is the embedded demo emulator
	ReadOnly bool   // every session only browses, whatever its key
	// AllowDelete lets sessions with a read-write key delete items for
	// good and empty the bin (serve --allow-delete). Off by default: a
	// shared UI should not destroy data unless the operator asked for it.
	AllowDelete bool

	// Client is the one API client all sessions share; its token never
	// leaves the server.
	Client *api.Client
	// Options builds a session's UI options over Client for the session's
	// context, output and environment. The server sets ReadOnly, Restorer
	// and ExportDir itself.
	Options func(ctx context.Context, out io.Writer, getenv func(string) string) ui.Options
	// Log receives the operator's log lines.
	Log io.Writer

	// afterSession, when set, runs as each session handler ends, before
	// its log line: tests use it to widen the window in which shutdown
	// could lose that line.
	afterSession func()
}

// Server serves the terminal UI over SSH: one Bubble Tea program per
// session, all sharing one API client and one restore engine.
type Server struct {
	conf   Config
	log    *serveLog
	engine *api.Engine // shared, so its ledger spans sessions: no id is restored twice
	srv    *ssh.Server
	ln     net.Listener
	table  *sessionTable
	conns  *connLimiter
}

// New builds the server on c.Listener.
func New(c Config) (*Server, error) {
	if c.MaxSessions < 1 || c.MaxConnections < 1 || c.HandshakeTimeout <= 0 {
		// Zero values would turn every client away or none.
		return nil, fmt.Errorf("sshserve: MaxSessions (%d) and MaxConnections (%d) must be at least 1, HandshakeTimeout (%s) positive", c.MaxSessions, c.MaxConnections, c.HandshakeTimeout)
	}
	s := &Server{
		conf:   c,
		log:    newServeLog(c.Log),
		engine: api.NewEngine(c.Client, api.EngineOptions{}),
		table:  newSessionTable(c.MaxSessions),
	}
	conns := newConnLimiter(c.MaxConnections, c.HandshakeTimeout, s.log)
	s.conns = conns
	s.ln = listener{Listener: c.Listener, l: conns}
	// wish composes middlewares so that the last one listed runs first:
	// log → pty check → session cap → the program.
	srv, err := wish.NewServer(
		wish.WithVersion("smhbin"),
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithIdleTimeout(c.IdleTimeout),
		wish.WithMiddleware(s.program, s.limitSessions, s.requirePty, s.logSession),
		func(srv *ssh.Server) error {
			srv.AddHostKey(c.HostKey)
			srv.PtyCallback = s.allowPty
			srv.ConnCallback = conns.track
			srv.ServerConfigCallback = conns.serverConfig
			return nil
		},
	)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SSH server: %w", err)
	}
	s.srv = srv
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve accepts connections until ctx is cancelled, then shuts down: every
// session is told and ends, clients get ShutdownWait to hang up, and the
// connections left after that are cut.
func (s *Server) Serve(ctx context.Context) error {
	c := s.conf
	what := "library " + safe.Text(c.Library)
	if c.Demo {
		what = "the demo library"
	}
	var access string
	switch {
	case c.Keys == nil:
		access = "ANY key, read-only (--insecure-demo)"
	case c.ReadOnly:
		access = fmt.Sprintf("%d keys, all read-only (--read-only)", len(c.Keys.keys))
	default:
		access = fmt.Sprintf("%d keys, %d of them read-only", len(c.Keys.keys), c.Keys.readOnly)
	}
	if c.AllowDelete && c.Keys != nil && !c.ReadOnly {
		access += "; deleting allowed (--allow-delete)"
	}
	s.log.printf("serving %s on ssh://%s (host key %s; %s)", what, s.Addr(), hostKeyFingerprint(c.HostKey), access)

	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("the SSH server stopped: %w", err)
	case <-ctx.Done():
	}
	s.shutdown()
	<-errc
	s.log.printf("stopped")
	return nil
}

// shutdown ends every session and waits, up to ShutdownWait, for clients
// to hang up and for every session handler to return, so that no
// session's log line comes after "stopped" (or is lost with the process).
// Connections left after the wait are cut; their handlers then end at
// once and get a last moment to log.
func (s *Server) shutdown() {
	s.log.printf("shutting down: ending %d sessions", s.table.closeAll())
	wait, cancel := context.WithTimeout(context.Background(), s.conf.ShutdownWait)
	defer cancel()
	// Not srv.Shutdown: it Waits on a WaitGroup that a connection finishing
	// its handshake may Add to at the same moment (a data race in
	// charm.land/ssh). The limiter counts every connection, so wait on it
	// and then Close, which takes the server's lock.
	_ = s.ln.Close() // no new connections
	s.conns.closePending()
	if !s.conns.waitClosed(wait) {
		s.log.printf("clients still connected after %s: closing their connections", s.conf.ShutdownWait)
	}
	_ = s.srv.Close()
	if wait.Err() != nil {
		var cancelLast context.CancelFunc
		wait, cancelLast = context.WithTimeout(context.Background(), lastMoment)
		defer cancelLast()
	}
	if n := s.table.waitHandlers(wait); n > 0 {
		s.log.printf("%d session handlers still running after %s: not waiting for them", n, s.conf.ShutdownWait)
	}
}

// lastMoment is how long handlers get to end once their connections have
// been cut at the end of ShutdownWait.
const lastMoment = time.Second
