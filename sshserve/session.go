package sshserve

import (
	"context"
	"errors"
	"fmt"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"

	"smhbin/safe"
	"smhbin/ui"
)

// ShutdownMessage is what a session reads when the server stops under it.
const ShutdownMessage = "smhbin: server shutting down"

// program is the middleware that runs the terminal UI for a session.
//
// It is written here rather than taken from wish/v2/bubbletea, whose
// resize goroutine forwards the client's window sizes unclamped (see
// windowSize) and reads a window channel that closes when a connection
// outlives its session (ssh ControlMaster), and which knows nothing of
// the session table that shutdown ends programs through. The colour
// profile, as with wish v2, comes from the session's environment and the
// program downsamples to it: styles hold no per-session renderer.
func (s *Server) program(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.runProgram(sess)
		next(sess)
	}
}

// runProgram gives the session its own model — its own size, colours,
// clipboard and context — over the shared client and engine, and runs it
// until the user quits, the connection drops or the server shuts down.
func (s *Server) runProgram(sess ssh.Session) {
	pty, winch, _ := sess.Pty()
	getenv := sessionEnv(sess.Environ(), pty.Term)
	readOnly := s.readOnly(sess)

	// Cancelled when the program ends or the connection drops. A restore
	// the session started is hard-aborted then; the UI only lets its user
	// quit mid-restore with the force-quit key, and tells them what was
	// left unsettled (ExitNote below).
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()

	out := ui.LockOutput(sess)
	opts := s.conf.Options(ctx, out, getenv)
	// Sessions share the server's engine so that its ledger keeps two of
	// them from restoring one id twice.
	opts.ReadOnly = readOnly
	// E would write files into the server's working directory on behalf of
	// remote users; over SSH, exporting is `smhbin list --csv` on their side.
	opts.ExportDir = "-"
	if !readOnly {
		opts.Restorer = s.engine
	}
	switch {
	case !readOnly && s.conf.AllowDelete:
		opts.Deleter = s.engine // the same ledger as restores
	case !readOnly:
		opts.DeleteOff = "the server runs without --allow-delete"
	}
	m := ui.New(opts)
	// The program starts at the pty's size (clamped) rather than drawing a
	// frame at 80×24 and another when the size arrives; an emulated pty
	// has no terminal for Bubble Tea to ask.
	size := windowSize(pty.Window)
	p := tea.NewProgram(m,
		tea.WithInput(sess), tea.WithOutput(out), tea.WithContext(ctx),
		tea.WithEnvironment(sessionEnviron(sess.Environ(), pty.Term)),
		tea.WithColorProfile(ui.ProfileFromEnv(getenv, opts.Styles.Target.NoColor)),
		tea.WithWindowSize(size.Width, size.Height),
		// The server's signals stop the server (through ctx), not each program.
		tea.WithoutSignalHandler(),
	)
	if !s.table.attach(p) {
		refuse(sess, ShutdownMessage)
		return
	}
	go forwardResizes(winch, p)
	_, err := p.Run()
	s.table.detach(p)
	closing := s.table.isClosing()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		s.log.printf("session program failed user=%q remote=%s: %v", safe.Text(sess.User()), sess.RemoteAddr(), err)
	}
	if note := m.ExitNote(); note != "" {
		fmt.Fprintln(sess.Stderr(), "smhbin: "+note)
	}
	if closing {
		refuse(sess, ShutdownMessage)
	}
}

// forwardResizes delivers the client's window changes to p. It reads until
// the session's requests end, even after p has ended (Send is then a
// no-op): the ssh package blocks on a window change nobody reads.
func forwardResizes(winch <-chan ssh.Window, p *tea.Program) {
	for w := range winch {
		p.Send(windowSize(w))
	}
}

// windowSize is the client's window clamped to ui.MaxWidth × ui.MaxHeight
// (500×250). Every size a client sends passes here, the pty request's
// and each window change's: the program's renderer sizes its buffers
// from the message before the model sees it, and a client may claim up to
// 4294967295×4294967295.
func windowSize(w ssh.Window) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: min(max(w.Width, 0), ui.MaxWidth), Height: min(max(w.Height, 0), ui.MaxHeight)}
}

// sessionTable counts sessions for the cap, tracks running programs so
// that shutdown can end them, and counts session handlers so that
// shutdown can wait for them.
type sessionTable struct {
	mu       sync.Mutex
	max, n   int
	programs map[*tea.Program]struct{}
	closing  bool
	handlers int           // session handlers running, admitted or not
	idle     chan struct{} // closed when handlers drops to 0; nil until waited on
}

func newSessionTable(max int) *sessionTable {
	return &sessionTable{max: max, programs: map[*tea.Program]struct{}{}}
}

// enter admits one more session unless the cap is reached.
func (t *sessionTable) enter() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n >= t.max {
		return false
	}
	t.n++
	return true
}

// leave is called once for every successful enter.
func (t *sessionTable) leave() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n--
}

// attach records a program about to run; false once shutdown has begun,
// so that a session arriving late does not outlive the server.
func (t *sessionTable) attach(p *tea.Program) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		return false
	}
	t.programs[p] = struct{}{}
	return true
}

func (t *sessionTable) detach(p *tea.Program) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.programs, p)
}

func (t *sessionTable) isClosing() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.closing
}

// closeAll starts the shutdown: no program may attach any more and every
// running one is asked to quit. Quit waits for the program's event loop,
// which a client that stopped reading can hold up, so each is asked from
// its own goroutine. It returns how many programs were running.
func (t *sessionTable) closeAll() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closing = true
	for p := range t.programs {
		go p.Quit()
	}
	return len(t.programs)
}

// begin counts a session handler that started; end, one that returned.
// (A sync.WaitGroup would not do: a handler may start while shutdown
// waits, which WaitGroup forbids once its count has reached zero.)
func (t *sessionTable) begin() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handlers++
}

func (t *sessionTable) end() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handlers--
	if t.handlers == 0 && t.idle != nil {
		close(t.idle)
		t.idle = nil
	}
}

// waitHandlers waits until no session handler runs or ctx ends, and
// returns how many were still running.
func (t *sessionTable) waitHandlers(ctx context.Context) int {
	t.mu.Lock()
	if t.handlers == 0 {
		t.mu.Unlock()
		return 0
	}
	if t.idle == nil {
		t.idle = make(chan struct{})
	}
	idle := t.idle
	t.mu.Unlock()
	select {
	case <-idle:
		return 0
	case <-ctx.Done():
		t.mu.Lock()
		defer t.mu.Unlock()
		return t.handlers
	}
}
