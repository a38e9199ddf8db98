package cli

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"smhbin/explain"
	"smhbin/safe"
)

// Exit codes of smhbin, as gh's: a script can tell a token to refresh
// (4) from a mistake to fix (2) and a failure to retry (1).
const (
	exitOK      = 0 // everything worked
	exitFailure = 1 // some items were not restored, or a runtime error
	exitUsage   = 2 // bad usage or configuration, a missing grant, an unknown library or space
	exitAuth    = 4 // no access token, or the server rejected it (invalid or expired)
)

// exitCodesHelp documents the exit codes in the root command's help, one
// indented line each, which the help keeps as a table.
const exitCodesHelp = `Exit codes:

  0  everything listed, every item restored
  1  some items were not restored, or a runtime error (network, server)
  2  bad usage or configuration, a missing grant, an unknown library or space
  4  no access token, or it was rejected or has expired: renew it and rerun`

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

// authError is a missing access token, found before any request: exit 4.
type authError struct{ msg string }

func (e *authError) Error() string { return e.msg }

// exitCode maps any error reaching the top to smhbin's exit code. It is
// the one place that decides them, for every command.
func exitCode(err error) int {
	var (
		ee *exitError
		ae *authError
		ce *configError
		ue *usageError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ae), isAuthFailure(err):
		return exitAuth
	case errors.As(err, &ce), errors.As(err, &ue):
		return exitUsage
	}
	if _, setup := explain.Error(err, explain.Where{}); setup {
		return exitUsage
	}
	return exitFailure
}

// isAuthFailure reports the server's refusals that a fresh access token
// fixes: InvalidAccessToken (a wrong or expired token), EmptyAccessToken
// and any HTTP 401. A token that lacks a grant (NoPermission) or belongs
// to another space is a setup problem instead (exit 2): a token renewed
// the same way would be refused again.
func isAuthFailure(err error) bool { return explain.IsAuth(err) }

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
	return safe.Text(msg), code
}

func describeRaw(err error, cfg *Config) (string, int) {
	var (
		ce *configError
		ue *usageError
		ee *exitError
		ae *authError
	)
	var msg string
	switch {
	case errors.As(err, &ce):
		msg = ce.msg
	case errors.As(err, &ue):
		msg = ue.msg
	case errors.As(err, &ee):
		msg = ee.msg
	case errors.As(err, &ae):
		msg = ae.msg
	default:
		msg, _ = explain.Error(err, where(cfg))
	}
	return msg, exitCode(err)
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
	return &configError{msg: fmt.Sprintf("cannot listen on %s: %s; choose another --addr", safe.Text(addr), reason)}
}
