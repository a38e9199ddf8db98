package ui

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strconv"

	"smhbin/api"
	"smhbin/safe"
)

// pageErrorText is the status-bar line for a failed page: what failed,
// the API code, and what to do. Loaded rows stay on screen. A rejected
// token is not worth retrying: the advice is to restart with a new one.
func (m *Model) pageErrorText() string {
	if errors.Is(m.loadErr, api.ErrUnauthorized) {
		return "page failed: " + errorText(m.loadErr)
	}
	return "page failed: " + errorText(m.loadErr) + " — ctrl+t retries it, ctrl+r reloads"
}

// errorText turns an error into a short sentence with the API code. What
// to do comes first, since the status line cuts the end of long text.
func errorText(err error) string {
	var (
		ae *api.APIError
		ne net.Error
		ue *url.Error
	)
	switch {
	case errors.As(err, &ae):
		s := "HTTP " + strconv.Itoa(ae.Status)
		if ae.Code != "" {
			s += " " + ae.Code
		}
		switch {
		case errors.Is(err, api.ErrUnauthorized):
			s = "token rejected: restart with a fresh SMH_ACCESS_TOKEN or --token-file (" + s + ")"
		case ae.Code == "NoPermission":
			s += " (the token lacks the needed grant)"
		case ae.Message != "":
			s += " " + ae.Message
		}
		if ae.RequestID != "" {
			s += " [request " + ae.RequestID + "]"
		}
		return safe.Text(s)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "the server did not answer in time"
	case errors.As(err, &ue):
		// *url.Error leads with the method and the whole URL, which
		// would push the reason off the status line.
		return "network error: " + safe.Text(innermost(ue).Error())
	}
	return safe.Text(err.Error())
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
