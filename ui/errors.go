package ui

import (
	"context"
	"errors"
	"strconv"

	"smhbin/api"
	"smhbin/ui/safe"
)

// pageErrorText is the status-bar line for a failed page: what failed,
// the API code, and what to do. Loaded rows stay on screen.
func (m *Model) pageErrorText() string {
	return "page failed: " + errorText(m.loadErr) + " — ctrl+t retries it, ctrl+r reloads"
}

// errorText turns an error into a short sentence with the API code.
func errorText(err error) string {
	var ae *api.APIError
	switch {
	case errors.As(err, &ae):
		s := "HTTP " + strconv.Itoa(ae.Status)
		if ae.Code != "" {
			s += " " + ae.Code
		}
		switch {
		case errors.Is(err, api.ErrUnauthorized):
			s += " (token expired or invalid: restart with a fresh SMH_ACCESS_TOKEN or --token-file)"
		case ae.Code == "NoPermission":
			s += " (the token lacks the needed grant)"
		case ae.Message != "":
			s += " " + ae.Message
		}
		if ae.RequestID != "" {
			s += " [request " + ae.RequestID + "]"
		}
		return safe.Text(s)
	case errors.Is(err, context.DeadlineExceeded):
		return "the server did not answer in time"
	}
	return safe.Text(err.Error())
}
