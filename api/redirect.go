package api

import (
	"fmt"
	"net/http"
	"net/url"
)

// noRedirects returns a copy of hc that never follows a redirect. The SMH
// recycle-bin API does not redirect these calls, and following one would
// carry the access_token query to whatever host the Location names
// (possibly over plain http) and would re-send a restore POST, body and
// all, to it. The 3xx reply itself comes back to do, which turns it into
// a RedirectError.
func noRedirects(hc *http.Client) *http.Client {
	cp := *hc
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// RedirectError is a 3xx reply, which smhbin refuses to follow. It names
// the status and the target host only: the Location's path and query may
// carry the token back.
type RedirectError struct {
	Status int
	Host   string // the Location's scheme://host, "" when absent or unreadable
}

func (e *RedirectError) Error() string {
	s := fmt.Sprintf("SMH API: HTTP %d redirect", e.Status)
	if e.Host != "" {
		s += " to " + e.Host
	}
	return s + " refused (the recycle-bin API never redirects; check the endpoint)"
}

// redirectError builds the error for a 3xx reply to a request for base.
func redirectError(r *reply, base *url.URL) *RedirectError {
	e := &RedirectError{Status: r.status}
	loc := r.header.Get("Location")
	if loc == "" {
		return e
	}
	u, err := url.Parse(loc)
	if err != nil {
		return e
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Host != "" {
		e.Host = cleanText(u.Scheme+"://"+u.Host, maxErrorText)
	}
	return e
}

// baseURL is the parsed endpoint, for resolving a relative Location.
func (c *Client) baseURL() *url.URL {
	u, _ := url.Parse(c.base)
	return u
}
