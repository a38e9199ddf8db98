// Package explain turns the errors of package api into one sentence for
// people: what went wrong, with the server's code, then what to do. The
// CLI and the TUI both use it, so they say the same thing. It knows the
// flag and variable names a user sets (SMH_ACCESS_TOKEN, --endpoint), and
// nothing of terminals: callers sanitize the text they print.
package explain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"

	"smhbin/api"
)

// TokenRejected is the sentence for a refused token. It names the grant a
// restore needs and both ways to set a token.
const TokenRejected = "the access token was rejected (InvalidAccessToken): get a fresh token with the restore_recycled grant and set SMH_ACCESS_TOKEN or --token-file"

// Where names what the request went to, for the sentence. Empty fields are
// left out.
type Where struct {
	Endpoint, Library, Space string
}

// Error returns the sentence for err and whether it shows a setup problem
// (token, grant, library, space, endpoint or sort order): one that trying
// again will not fix. The CLI exits 2 for those.
func Error(err error, w Where) (sentence string, setup bool) {
	var (
		ae     *api.APIError
		re     *api.RedirectError
		urlErr *url.Error
		netErr net.Error
	)
	switch {
	case errors.As(err, &ae):
		return apiError(ae, w)
	case errors.As(err, &re):
		return fmt.Sprintf("the SMH API%s answered with a redirect (HTTP %d%s), which smhbin never follows: check --endpoint / SMH_ENDPOINT",
			at(w.Endpoint), re.Status, prefixed(" to ", re.Host)), true
	case errors.Is(err, api.ErrEndlessListing):
		return err.Error(), false
	case errors.Is(err, context.Canceled):
		return "interrupted", false
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "the SMH API did not answer in time: check --endpoint / SMH_ENDPOINT and your network", false
	case errors.As(err, &urlErr) || errors.As(err, &netErr):
		reason := err.Error()
		if urlErr != nil {
			reason = innermost(urlErr).Error() // *url.Error leads with the method and the whole URL
		}
		return fmt.Sprintf("could not reach the SMH API%s (%s): check --endpoint / SMH_ENDPOINT and your network", at(w.Endpoint), reason), false
	}
	return err.Error(), false
}

// IsSetupCode reports the API codes that say the token, library or space
// is wrong, whichever request or item they come with.
func IsSetupCode(code string) bool {
	switch code {
	case api.CodeInvalidAccessToken, api.CodeEmptyAccessToken, api.CodeAccessTokenNotMatchSpace,
		api.CodeLibraryNotFound, api.CodeEmptyLibraryID, api.CodeWrongLibraryIDOrSecret,
		api.CodeSpaceNotFound, api.CodeNotMultiSpaceLibrary:
		return true
	}
	return false
}

// apiError maps the API's error codes to what the user should do.
func apiError(e *api.APIError, w Where) (string, bool) {
	switch e.Code {
	case api.CodeInvalidAccessToken:
		return TokenRejected, true
	case api.CodeEmptyAccessToken:
		return "no access token was given (EmptyAccessToken): set SMH_ACCESS_TOKEN or --token-file", true
	case api.CodeNoPermission:
		return "the access token lacks a permission (NoPermission): restores need a token issued with the restore_recycled grant (or admin/space_admin)", true
	case api.CodeAccessTokenNotMatchSpace:
		return fmt.Sprintf("the access token is not valid for space%s (AccessTokenNotMatchSpace): check --space / SMH_SPACE_ID or get a token for that space", quoted(w.Space)), true
	case api.CodeLibraryNotFound, api.CodeEmptyLibraryID, api.CodeWrongLibraryIDOrSecret:
		return fmt.Sprintf("library%s was not found (%s): check --library / SMH_LIBRARY_ID and --endpoint", quoted(w.Library), e.Code), true
	case api.CodeSpaceNotFound, api.CodeNotMultiSpaceLibrary:
		return fmt.Sprintf("space%s was not found (%s): check --space / SMH_SPACE_ID (use - for a single-tenant library)", quoted(w.Space), e.Code), true
	case api.CodeOrderByNotAllowed, api.CodeOrderByTypeNotAllowed:
		return fmt.Sprintf("the server refused the sort order (%s): try another --order-by or --order", e.Code), true
	case api.CodeRecycleBinNotEnabled:
		return "the recycle bin is not enabled for this library (RecycleBinNotEnabled)", false
	}
	// Code first: a status line that cuts the sentence keeps the code.
	detail := "HTTP " + strconv.Itoa(e.Status) + " " + e.Code
	if e.Code == "" {
		detail += "without an error code"
	}
	detail += prefixed(": ", e.Message) + prefixed(" (request ", e.RequestID)
	if e.RequestID != "" {
		detail += ")"
	}
	switch {
	case e.Status == 401:
		return detail + ": the SMH API refused the access token; get a fresh token and set SMH_ACCESS_TOKEN or --token-file", true
	case e.Status == 403:
		return detail + ": the SMH API refused access; check the token's grants", true
	case e.Status == 404 && e.Code == "":
		return detail + ": check --endpoint / SMH_ENDPOINT", true
	case e.Status >= 500:
		return detail + ": the SMH API failed; try again later", false
	}
	return detail + " from the SMH API", false
}

// innermost is the last error of err's chain, e.g. "connection refused"
// under a dial error under a *url.Error.
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

func at(endpoint string) string { return prefixed(" at ", endpoint) }

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" %q", s)
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}
