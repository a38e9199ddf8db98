package cli

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"smhbin/explain"
)

// Exit codes of smhbin.
const (
	exitOK      = 0 // everything worked
	exitFailure = 1 // some items were not restored, or a runtime error
	exitUsage   = 2 // bad usage, configuration or credentials
)

// exitError carries an exit code. An empty msg means the command has
// already told the user what happened (a restore summary, say).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageError is a mistake in the command line: exit 2 and a pointer to
// --help rather than the whole usage text.
type usageError struct {
	msg     string
	cmdPath string
}

func (e *usageError) Error() string { return e.msg }

// describe turns any error reaching the top into one sentence for people
// and an exit code. cfg (may be nil) names the library and space in the
// sentence and lets the token be scrubbed defensively from any text.
func describe(err error, cfg *Config) (string, int) {
	msg, code := describeRaw(err, cfg)
	if cfg != nil && len(cfg.Token) >= 6 {
		// The client redacts tokens from its errors; this is a second
		// belt so that no path can print one.
		msg = strings.ReplaceAll(msg, cfg.Token, "[token]")
	}
	return cleanText(msg), code
}

func describeRaw(err error, cfg *Config) (string, int) {
	var (
		ce *configError
		ue *usageError
		ee *exitError
	)
	switch {
	case errors.As(err, &ce):
		return ce.msg, exitUsage
	case errors.As(err, &ue):
		return ue.msg, exitUsage
	case errors.As(err, &ee):
		return ee.msg, ee.code
	}
	msg, setup := explain.Error(err, where(cfg))
	if setup {
		return msg, exitUsage
	}
	return msg, exitFailure
}

// where names the endpoint, library and space of cfg (may be nil) for
// explain's sentences.
func where(cfg *Config) explain.Where {
	if cfg == nil {
		return explain.Where{}
	}
	return explain.Where{Endpoint: cfg.Endpoint, Library: cfg.LibraryID, Space: cfg.SpaceID}
}

// listenError says why a listen address (flag --addr) cannot be used: a
// port out of range, one already in use, an address not on this machine.
// It is a configuration error, and deliberately does not wrap the
// *net.OpError, which describe would take for an unreachable SMH API.
func listenError(addr string, err error) error {
	reason := err.Error()
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		reason = oe.Err.Error() // without "listen tcp <addr>:", said once below
	}
	return &configError{msg: fmt.Sprintf("cannot listen on %s: %s; choose another --addr", cleanText(addr), reason)}
}
