package sshserve

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"smhbin/safe"
)

// authorize is the only authentication method offered: a public key that
// the keyring lists (any key with --insecure-demo). Refusals are logged so
// that an operator can see who knocked.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.conf.Keys == nil {
		return true
	}
	if _, ok := s.conf.Keys.lookup(key); ok {
		return true
	}
	s.log.printf("key refused user=%q key=%s remote=%s", safe.Text(ctx.User()), gossh.FingerprintSHA256(key), ctx.RemoteAddr())
	return false
}

// readOnly says whether the session may only browse. It is decided from
// the key the session authenticated with: with golang.org/x/crypto ≥ 0.31
// the last key accepted by authorize is that key (CVE-2024-45337), so a
// client cannot borrow a full-access key it merely named.
func (s *Server) readOnly(sess ssh.Session) bool {
	if s.conf.Keys == nil || s.conf.ReadOnly {
		return true
	}
	a, ok := s.conf.Keys.lookup(sess.PublicKey())
	return !ok || a.readOnly
}

// ptyForbidden says whether the key a session authenticated with may not
// have a terminal (no-pty, or restrict without a later pty).
func (s *Server) ptyForbidden(ctx ssh.Context) bool {
	if s.conf.Keys == nil {
		return false
	}
	key, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	a, ok := s.conf.Keys.lookup(key)
	return !ok || a.noPty
}

// allowPty answers pty requests: refused, as sshd refuses them, for a key
// whose authorized_keys options forbid a terminal.
func (s *Server) allowPty(ctx ssh.Context, _ ssh.Pty) bool {
	if s.ptyForbidden(ctx) {
		s.log.printf("terminal refused (key option no-pty or restrict) user=%q remote=%s", safe.Text(ctx.User()), ctx.RemoteAddr())
		return false
	}
	return true
}

// logSession writes one line per session once it ends. It is the
// outermost middleware, so it also counts the handlers running.
func (s *Server) logSession(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.table.begin()
		defer s.table.end() // after the log line: shutdown waits for it
		start := time.Now()
		next(sess)
		if s.conf.afterSession != nil {
			s.conf.afterSession()
		}
		access := "full"
		if s.readOnly(sess) {
			access = "read-only"
		}
		fp := "none"
		if k := sess.PublicKey(); k != nil {
			fp = gossh.FingerprintSHA256(k)
		}
		s.log.printf("session user=%q key=%s remote=%s access=%s duration=%s",
			safe.Text(sess.User()), fp, sess.RemoteAddr(), access, time.Since(start).Round(time.Millisecond))
	}
}

// What a client without a terminal reads: it asked for none, or its key
// may not have one.
const (
	noPtyMessage        = "smhbin needs an interactive terminal: connect with ssh -t"
	ptyForbiddenMessage = "smhbin needs an interactive terminal, and this key's authorized_keys options (no-pty, or restrict without pty) forbid one"
)

// requirePty turns away sessions without a terminal with one line and exit
// status 1 (wish's activeterm prints a generic message instead).
func (s *Server) requirePty(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			s.log.printf("session refused (no terminal) user=%q remote=%s", safe.Text(sess.User()), sess.RemoteAddr())
			if s.ptyForbidden(sess.Context()) {
				refuse(sess, ptyForbiddenMessage)
			} else {
				refuse(sess, noPtyMessage)
			}
			return
		}
		next(sess)
	}
}

// limitSessions counts sessions and turns away those beyond MaxSessions.
func (s *Server) limitSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if !s.table.enter() {
			s.log.printf("session refused (%d sessions already) user=%q remote=%s", s.conf.MaxSessions, safe.Text(sess.User()), sess.RemoteAddr())
			refuse(sess, fmt.Sprintf("smhbin: the server is busy (%d sessions, its most); try again later", s.conf.MaxSessions))
			return
		}
		defer s.table.leave()
		next(sess)
	}
}

// refuse writes one line to the session's stderr and ends it with status 1.
func refuse(sess ssh.Session, line string) {
	fmt.Fprintln(sess.Stderr(), line)
	_ = sess.Exit(1)
}

// sessionEnv is getenv over the client's environment: the variables its
// ssh sent (OpenSSH sends only those named by SendEnv, usually LANG and
// LC_*; rarely COLORTERM, so truecolor is not assumed) and TERM from the
// pty request. Nothing of the server's own environment shows through.
func sessionEnv(environ []string, term string) func(string) string {
	env := make(map[string]string, len(environ)+1)
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	if term != "" {
		env["TERM"] = term
	}
	return func(k string) string { return env[k] }
}

// sessionEnviron is the session's environment as the program sees it:
// the variables the client sent and TERM from the pty request, which
// Bubble Tea reads to pick its input and output sequences.
func sessionEnviron(environ []string, term string) []string {
	return append(slices.Clip(environ), "TERM="+term)
}

// serveLog writes timestamped lines for the operator. Lines never include
// the access token: nothing that reaches it holds one.
type serveLog struct {
	mu  sync.Mutex
	w   io.Writer
	now func() time.Time
}

func newServeLog(w io.Writer) *serveLog { return &serveLog{w: w, now: time.Now} }

func (l *serveLog) printf(format string, args ...any) {
	line := l.now().UTC().Format(time.RFC3339) + " smhbin serve: " + fmt.Sprintf(format, args...) + "\n"
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = io.WriteString(l.w, line)
}
