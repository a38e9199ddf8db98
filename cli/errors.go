package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"smhbin/api"
)

// Exit codes of smhbin.
const (
	exitOK      = 0 // everything worked
	exitFailure = 1 // some items were not restored, or a runtime error
	exitUsage   = 2 // bad usage, configuration or credentials
)

// tokenRejectedSentence is what users read when the server refuses the
// token. It names the grant a restore needs and both ways to set a token.
const tokenRejectedSentence = "the access token was rejected (InvalidAccessToken): get a fresh token with the restore_recycled grant and set SMH_ACCESS_TOKEN or --token-file"

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
		ae *api.APIError
	)
	switch {
	case errors.As(err, &ce):
		return ce.msg, exitUsage
	case errors.As(err, &ue):
		return ue.msg, exitUsage
	case errors.As(err, &ee):
		return ee.msg, ee.code
	case errors.As(err, &ae):
		return describeAPIError(ae, cfg)
	case errors.Is(err, context.Canceled):
		return "interrupted", exitFailure
	case errors.Is(err, context.DeadlineExceeded):
		return "the SMH API did not answer in time: check --endpoint / SMH_ENDPOINT and your network", exitFailure
	}
	var urlErr *url.Error
	var netErr net.Error
	if errors.As(err, &urlErr) || errors.As(err, &netErr) {
		endpoint := ""
		if cfg != nil {
			endpoint = " at " + cfg.Endpoint
		}
		reason := err.Error()
		if urlErr != nil {
			// url.Error repeats the whole URL, query string included.
			reason = urlErr.Err.Error()
		}
		return fmt.Sprintf("could not reach the SMH API%s (%s): check --endpoint / SMH_ENDPOINT and your network", endpoint, reason), exitFailure
	}
	return err.Error(), exitFailure
}

// isSetupCode reports the API codes that say the token, library or space
// is wrong, whichever request or item they come with.
func isSetupCode(code string) bool {
	switch code {
	case "InvalidAccessToken", "EmptyAccessToken", "AccessTokenNotMatchSpace",
		"LibraryNotFound", "EmptyLibraryId", "WrongLibraryIdOrSecret", "SpaceNotFound", "NotMultiSpaceLibrary":
		return true
	}
	return false
}

// describeAPIError maps the API's error codes to what the user should do.
// Credentials and configuration problems exit 2, like other setup mistakes.
func describeAPIError(e *api.APIError, cfg *Config) (string, int) {
	library, space := "", ""
	if cfg != nil {
		library, space = cfg.LibraryID, cfg.SpaceID
	}
	switch e.Code {
	case "InvalidAccessToken":
		return tokenRejectedSentence, exitUsage
	case "EmptyAccessToken":
		return "no access token was given (EmptyAccessToken): set SMH_ACCESS_TOKEN or --token-file", exitUsage
	case "NoPermission":
		return "the access token lacks a permission (NoPermission): restores need a token issued with the restore_recycled grant (or admin/space_admin)", exitUsage
	case "AccessTokenNotMatchSpace":
		return fmt.Sprintf("the access token is not valid for space %q (AccessTokenNotMatchSpace): check --space / SMH_SPACE_ID or get a token for that space", space), exitUsage
	case "LibraryNotFound", "EmptyLibraryId", "WrongLibraryIdOrSecret":
		return fmt.Sprintf("library %q was not found (%s): check --library / SMH_LIBRARY_ID and --endpoint", library, e.Code), exitUsage
	case "SpaceNotFound", "NotMultiSpaceLibrary":
		return fmt.Sprintf("space %q was not found (%s): check --space / SMH_SPACE_ID (use - for a single-tenant library)", space, e.Code), exitUsage
	case "OrderByNotAllowed", "OrderByTypeNotAllowed":
		return fmt.Sprintf("the server refused the sort order (%s): try another --order-by or --order", e.Code), exitUsage
	case "RecycleBinNotEnabled":
		return "the recycle bin is not enabled for this library (RecycleBinNotEnabled)", exitFailure
	}
	detail := e.Code
	if detail == "" {
		detail = "without an error code"
	}
	if e.Message != "" {
		detail += ": " + e.Message
	}
	if e.RequestID != "" {
		detail += ", request " + e.RequestID
	}
	switch {
	case e.Status == 403:
		return fmt.Sprintf("the SMH API refused access (HTTP 403 %s): check the token's grants", detail), exitUsage
	case e.Status == 404 && e.Code == "":
		return fmt.Sprintf("the SMH API answered HTTP 404 %s: check --endpoint / SMH_ENDPOINT", detail), exitUsage
	case e.Status >= 500:
		return fmt.Sprintf("the SMH API failed (HTTP %d %s): try again later", e.Status, detail), exitFailure
	}
	return fmt.Sprintf("the SMH API answered HTTP %d %s", e.Status, detail), exitFailure
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
