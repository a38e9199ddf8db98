package api

// tokenSet is the access token in use and every token it replaced: a
// reply to a request sent with an old token is still scrubbed of it.
type tokenSet struct {
	cur string
	all []string // non-empty tokens, current included
}

// accessToken is the token requests are sent with ("" when none).
func (c *Client) accessToken() string {
	if ts := c.tok.Load(); ts != nil {
		return ts.cur
	}
	return ""
}

// tokens is every token this client has held, for redaction.
func (c *Client) tokens() []string {
	if ts := c.tok.Load(); ts != nil {
		return ts.all
	}
	return nil
}

// SetToken replaces the access token for requests sent from now on, e.g.
// after the user refreshed the token file. Requests already in flight
// keep the old one; errors and replies are scrubbed of both.
func (c *Client) SetToken(token string) {
	for {
		old := c.tok.Load()
		next := &tokenSet{cur: token}
		if old != nil {
			next.all = append(next.all, old.all...)
		}
		if token != "" {
			next.all = append(next.all, token)
		}
		if c.tok.CompareAndSwap(old, next) {
			return
		}
	}
}
