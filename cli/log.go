package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"charm.land/log/v2"

	"smhbin/safe"
)

// logTimeFormat puts milliseconds in log lines: requests take a few.
const logTimeFormat = "2006-01-02T15:04:05.000Z07:00"

// debugLog is the --log file: timestamped lines about requests (method,
// path, status, duration, request id), page loads and restores. The api
// client leaves the query string, and so the token, out of its lines; the
// writer also blanks any token it was told about, as a second belt.
// A nil *debugLog logs nothing, so callers need no checks.
type debugLog struct {
	f *os.File
	w *scrubWriter
	l *log.Logger

	// The UI's lines go through a queue written by one goroutine, so the
	// Bubble Tea loop never waits on the disk.
	mu     sync.Mutex
	queue  chan func()
	done   chan struct{}
	closed bool
}

// openDebugLog opens (appends to) the log file at path, creating it with
// mode 0600 since it names the library's files.
func openDebugLog(path string) (*debugLog, []string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, configErrorf("cannot open the log file: %v", describePathError(err))
	}
	var warnings []string
	if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
		warnings = append(warnings, fmt.Sprintf("warning: log file %s is readable by others (mode %04o); run chmod 600 on it", safe.Text(path), st.Mode().Perm()))
	}
	w := &scrubWriter{w: f}
	l := log.NewWithOptions(w, log.Options{
		Level:           log.DebugLevel,
		ReportTimestamp: true,
		TimeFormat:      logTimeFormat,
	})
	return &debugLog{f: f, w: w, l: l}, warnings, nil
}

// hide makes the log blank out secret wherever it would appear.
func (d *debugLog) hide(secret string) {
	if d != nil {
		d.w.hide(secret)
	}
}

// printf writes one informational line.
func (d *debugLog) printf(format string, args ...any) {
	if d != nil {
		d.l.Infof(format, args...)
	}
}

// logf returns a Logf for a component (api.Config.Logf, ui.Options.Logf)
// whose lines carry prefix; nil when there is no log, which both read as
// "do not log".
func (d *debugLog) logf(prefix string) func(format string, args ...any) {
	if d == nil {
		return nil
	}
	l := d.l.WithPrefix(prefix)
	return func(format string, args ...any) { l.Debugf(format, args...) }
}

// asyncLogf is logf for callers that must not block on I/O (the UI's
// Update): lines are queued and written by a goroutine. When the queue is
// full a line is dropped rather than stalling the interface.
func (d *debugLog) asyncLogf(prefix string) func(format string, args ...any) {
	if d == nil {
		return nil
	}
	write := d.logf(prefix)
	d.mu.Lock()
	if d.queue == nil && !d.closed {
		q, done := make(chan func(), 1024), make(chan struct{})
		d.queue, d.done = q, done
		go func() { // reads its own copies: Close resets the fields
			defer close(done)
			for f := range q {
				f()
			}
		}()
	}
	d.mu.Unlock()
	return func(format string, args ...any) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.closed {
			return
		}
		select {
		case d.queue <- func() { write(format, args...) }: // nil after Close: dropped
		default:
		}
	}
}

// Close drains the queued lines and closes the log file.
func (d *debugLog) Close() error {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	d.closed = true
	q := d.queue
	d.queue = nil // a second Close must not close it again
	d.mu.Unlock()
	if q != nil {
		close(q)
		<-d.done
	}
	return d.f.Close()
}

// scrubWriter replaces secrets in what it writes. Each log line arrives
// in one Write, so a secret is never split across calls.
type scrubWriter struct {
	mu      sync.Mutex
	w       io.Writer
	secrets []string
}

func (s *scrubWriter) hide(secret string) {
	if len(secret) < 6 {
		return // too short to tell from ordinary text; the client redacts anyway
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secrets = append(s.secrets, secret)
}

func (s *scrubWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := string(p)
	for _, sec := range s.secrets {
		out = strings.ReplaceAll(out, sec, "[token]")
	}
	// Names and messages from the server are untrusted: a log read with
	// cat or tail must not carry their escape sequences to the terminal.
	lines := strings.Split(out, "\n")
	for i := range lines {
		lines[i] = safe.Text(lines[i])
	}
	out = strings.Join(lines, "\n")
	if _, err := io.WriteString(s.w, out); err != nil {
		return 0, err
	}
	return len(p), nil
}
