package api

import (
	"net/url"
	"strings"
)

// redacted replaces the access token wherever it could leak.
const redacted = "REDACTED"

// redactErr removes the token from err. Go's *url.Error prints the whole
// request URL, query and access_token included, so it is rebuilt with a
// redacted URL (once does this before any wrapping); any other error whose
// text still holds the token is wrapped in one that prints the scrubbed
// text. errors.Is/As keep working.
func (c *Client) redactErr(err error) error {
	if err == nil || c.token == "" {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		err = &url.Error{Op: ue.Op, URL: c.redactURL(ue.URL), Err: c.redactErr(ue.Err)}
	}
	if msg := err.Error(); strings.Contains(msg, c.token) || strings.Contains(msg, url.QueryEscape(c.token)) {
		return &redactedError{msg: c.redactString(msg), err: err}
	}
	return err
}

// redactURL replaces the access_token value of a URL.
func (c *Client) redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return c.redactString(raw)
	}
	q := u.Query()
	if q.Has("access_token") {
		q.Set("access_token", redacted)
		u.RawQuery = q.Encode()
	}
	return c.redactString(u.String())
}

// redactString is the last line of defence: it removes the token, raw or
// query-escaped, from any text.
func (c *Client) redactString(s string) string {
	if c.token == "" {
		return s
	}
	s = strings.ReplaceAll(s, c.token, redacted)
	if esc := url.QueryEscape(c.token); esc != c.token {
		s = strings.ReplaceAll(s, esc, redacted)
	}
	return s
}

// redactedError prints a scrubbed message while keeping the original chain
// for errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
