package api

import (
	"bytes"
	"net/url"
	"reflect"
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
	if err == nil || len(c.tokens()) == 0 {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		err = &url.Error{Op: ue.Op, URL: c.redactURL(ue.URL), Err: c.redactErr(ue.Err)}
	}
	if msg := err.Error(); c.holdsToken(msg) {
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
	for _, tok := range c.tokens() {
		s = strings.ReplaceAll(s, tok, redacted)
		if esc := url.QueryEscape(tok); esc != tok {
			s = strings.ReplaceAll(s, esc, redacted)
		}
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

// clean is deferred by every exported Client method: it is the one place
// where what the server sent is made safe to show. The token is removed
// from the error's text, whatever path the error took, and from every
// string of the decoded reply v (names, paths, codes, messages, metadata):
// a server that echoes the request back, query string included, must not
// put the token on a screen or in a JSON file. List replies take the same
// path through cleanPage, which can tell from the bytes when to skip it.
func (c *Client) clean(v any, err *error) {
	*err = c.redactErr(*err)
	if len(c.tokens()) > 0 {
		c.scrubValue(reflect.ValueOf(v))
	}
}

// cleanPage is clean for a list reply decoded from body. Scrubbing every
// string of a 1,000-item page costs more than decoding it, so it is
// skipped when the token cannot be in the page: the token is ASCII and
// neither it nor its query-escaped form is in the bytes, and the bytes
// hold no escape. Every decoded string is then a piece of the bytes, with
// at most invalid UTF-8 replaced by U+FFFD, which no ASCII text contains.
func (c *Client) cleanPage(p *Page, body []byte, err *error) {
	*err = c.redactErr(*err)
	if c.pageClean(body) {
		return
	}
	c.scrubValue(reflect.ValueOf(p))
}

// pageClean reports that no token this client has held (see SetToken)
// can be in a page decoded from body.
func (c *Client) pageClean(body []byte) bool {
	if bytes.IndexByte(body, '\\') >= 0 {
		return len(c.tokens()) == 0
	}
	for _, tok := range c.tokens() {
		if !isASCII(tok) || bytes.Contains(body, []byte(tok)) || bytes.Contains(body, []byte(url.QueryEscape(tok))) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// scrubValue redacts, in place, every string reachable from v through
// pointers, exported struct fields, slices and maps.
func (c *Client) scrubValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			c.scrubValue(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				c.scrubValue(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			c.scrubValue(v.Index(i))
		}
	case reflect.Map:
		c.scrubMap(v)
	case reflect.String:
		if s := v.String(); v.CanSet() && c.holdsToken(s) {
			v.SetString(c.redactString(s))
		}
	}
}

// scrubMap redacts a map of strings (Info.MetaData), keys and values.
func (c *Client) scrubMap(m reflect.Value) {
	if m.Type().Key().Kind() != reflect.String || m.Type().Elem().Kind() != reflect.String {
		return
	}
	for _, k := range m.MapKeys() {
		val := m.MapIndex(k).String()
		if !c.holdsToken(k.String()) && !c.holdsToken(val) {
			continue
		}
		m.SetMapIndex(k, reflect.Value{})
		m.SetMapIndex(reflect.ValueOf(c.redactString(k.String())).Convert(m.Type().Key()),
			reflect.ValueOf(c.redactString(val)).Convert(m.Type().Elem()))
	}
}

// holdsToken reports whether s contains the token, raw or query-escaped.
func (c *Client) holdsToken(s string) bool {
	for _, tok := range c.tokens() {
		if strings.Contains(s, tok) || strings.Contains(s, url.QueryEscape(tok)) {
			return true
		}
	}
	return false
}
