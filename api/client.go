package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultTimeout         = 30 * time.Second
	DefaultPollInterval    = time.Second
	DefaultPollMaxInterval = 5 * time.Second
	DefaultMaxRetries      = 3
	DefaultRetryBaseDelay  = 200 * time.Millisecond
	DefaultMaxBodyBytes    = 8 << 20
)

// Config configures a Client. Only LibraryID is required.
type Config struct {
	// Endpoint is the API base URL; DefaultEndpoint when empty. http:// is
	// accepted for a local emulator; a trailing slash is ignored.
	Endpoint string
	// LibraryID is the media library (required).
	LibraryID string
	// SpaceID is the tenant space; "-" (single-tenant) when empty.
	SpaceID string
	// Token is the access token, sent only as the access_token query
	// parameter and never shown in logs or errors. Empty for public-read libraries.
	Token string
	// UserID, when set, is sent as user_id on every request.
	UserID string
	// HTTPClient is used for every request; when nil a client with a
	// DefaultTimeout is made. Its CheckRedirect is replaced (on a copy):
	// the client follows no redirect.
	HTTPClient *http.Client
	// PollInterval and PollMaxInterval bound WaitTask's backoff (×1.5 per poll).
	PollInterval, PollMaxInterval time.Duration
	// MaxRetries is how many times a GET is retried after a 5xx, a 429 or a
	// transport error. 0 means DefaultMaxRetries; negative disables retries.
	// POSTs are never retried: restores are not idempotent.
	MaxRetries int
	// RetryBaseDelay is the first retry's backoff; later ones double up to
	// ten times this. 0 means DefaultRetryBaseDelay.
	RetryBaseDelay time.Duration
	// Logf, when set, receives one line per HTTP exchange (method, path
	// without query, status, duration, request id). Never the token.
	Logf func(format string, args ...any)
	// MaxBodyBytes caps every response body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// PreviewTimeout bounds one Preview, both requests and the body;
	// 0 means DefaultPreviewTimeout.
	PreviewTimeout time.Duration
}

// Client talks to the SMH recycle-bin API of one library and space. It is
// immutable after New but for its token (SetToken), and safe for
// concurrent use.
type Client struct {
	base      string // scheme://host[/prefix], no trailing slash
	lib       string
	space     string
	tok       atomic.Pointer[tokenSet] // see SetToken
	userID    string
	hc        *http.Client
	poll      time.Duration
	pollMax   time.Duration
	retries   int
	retryBase time.Duration
	retryMax  time.Duration
	logf      func(format string, args ...any)
	maxBody   int64
	// listSize is the length of the last list reply: the next one is read
	// into a buffer that size rather than grown from 512 bytes.
	listSize atomic.Int64
	// previewTimeout bounds one Preview.
	previewTimeout time.Duration
}

// New checks cfg, applies defaults and returns a Client.
func New(cfg Config) (*Client, error) {
	ep := strings.TrimSpace(cfg.Endpoint)
	if ep == "" {
		ep = DefaultEndpoint
	}
	u, err := url.Parse(ep)
	if err != nil {
		// The text may hold a pasted token: scrub it like any other error.
		scrub := &Client{}
		scrub.SetToken(cfg.Token)
		return nil, scrub.redactErr(fmt.Errorf("SMH API: invalid endpoint %q: not a URL", ep))
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("SMH API: invalid endpoint %q: want an https:// URL", ep)
	case u.Host == "":
		return nil, fmt.Errorf("SMH API: invalid endpoint %q: no host", ep)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("SMH API: invalid endpoint %q: want scheme://host[/path] only, no user, query or fragment",
			u.Scheme+"://"+u.Host+u.EscapedPath())
	}
	if strings.TrimSpace(cfg.LibraryID) == "" {
		return nil, errors.New("SMH API: library ID is required")
	}
	c := &Client{
		base:      u.Scheme + "://" + u.Host + strings.TrimRight(u.EscapedPath(), "/"),
		lib:       cfg.LibraryID,
		space:     cfg.SpaceID,
		userID:    cfg.UserID,
		hc:        cfg.HTTPClient,
		poll:      orDefault(cfg.PollInterval, DefaultPollInterval),
		pollMax:   orDefault(cfg.PollMaxInterval, DefaultPollMaxInterval),
		retries:   cfg.MaxRetries,
		retryBase: orDefault(cfg.RetryBaseDelay, DefaultRetryBaseDelay),
		logf:      cfg.Logf,
		maxBody:   orDefault(cfg.MaxBodyBytes, DefaultMaxBodyBytes),

		previewTimeout: orDefault(cfg.PreviewTimeout, DefaultPreviewTimeout),
	}
	c.SetToken(cfg.Token)
	if c.space == "" {
		c.space = "-"
	}
	if c.hc == nil {
		c.hc = &http.Client{Timeout: DefaultTimeout}
	}
	c.hc = noRedirects(c.hc)
	if c.pollMax < c.poll {
		c.pollMax = c.poll
	}
	switch {
	case c.retries == 0:
		c.retries = DefaultMaxRetries
	case c.retries < 0:
		c.retries = 0
	}
	c.retryMax = 10 * c.retryBase
	return c, nil
}

func orDefault[T int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// binPath is /api/v1/recycled/{lib}/{space}[/{id}], path-escaped.
func (c *Client) binPath(id ...int64) string {
	p := "/api/v1/recycled/" + url.PathEscape(c.lib) + "/" + url.PathEscape(c.space)
	for _, n := range id {
		p += "/" + strconv.FormatInt(n, 10)
	}
	return p
}

// urlFor adds the credentials to q and joins everything into a request URL.
func (c *Client) urlFor(path string, q url.Values) string {
	if q == nil {
		q = url.Values{}
	}
	if tok := c.accessToken(); tok != "" {
		q.Set("access_token", tok)
	}
	if c.userID != "" {
		q.Set("user_id", c.userID)
	}
	return c.base + path + "?" + q.Encode()
}

// reply is a fully read HTTP response.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// requestID is the server's id for the exchange, from the usual headers.
func (r *reply) requestID() string {
	if id := r.header.Get("X-Request-Id"); id != "" {
		return id
	}
	return r.header.Get("X-Smh-Request-Id")
}

// tooLargeError is a response body over MaxBodyBytes. It is never retried:
// the server would send the same body again.
type tooLargeError struct{ max int64 }

func (e *tooLargeError) Error() string {
	if e.max%(1<<20) == 0 {
		return fmt.Sprintf("SMH API: response larger than %d MiB", e.max>>20)
	}
	return fmt.Sprintf("SMH API: response larger than %d bytes", e.max)
}

// once performs one HTTP exchange and reads the whole (bounded) body.
// wrote reports whether the server may have received the whole request,
// which is what decides if a failed POST may have been executed.
//
// It is set when the headers have been written, not at WroteRequest: that
// hook runs only after the final flush, so a reply or a cancellation can
// race ahead of it even though the server already has the request. Erring
// this way merely calls a half-written request "lost", which the caller
// reconciles; erring the other way could restore an item twice.
func (c *Client) once(ctx context.Context, method, rawURL string, body []byte) (r reply, wrote bool, err error) {
	var sent atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteHeaders: func() { sent.Store(true) },
	})
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, rd)
	if err != nil {
		return r, false, c.redactErr(err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		err = c.redactErr(err)
		c.logExchange(method, req.URL, 0, time.Since(start), "", err)
		return r, sent.Load(), err
	}
	defer resp.Body.Close()
	r = reply{status: resp.StatusCode, header: resp.Header}
	hint, _ := ctx.Value(sizeHint{}).(int64)
	watch, _ := ctx.Value(headWatch{}).(func(b []byte, prev int) bool)
	reuse, _ := ctx.Value(bodyBuffer{}).([]byte)
	if resp.StatusCode/100 != 2 {
		watch, reuse = nil, nil // an error's body names no page and is kept in its error
	}
	r.body, err = readBounded(resp, c.maxBody, hint, watch, reuse)
	if err != nil {
		err = c.redactErr(err)
		c.logExchange(method, req.URL, r.status, time.Since(start), r.requestID(), err)
		return reply{}, true, err
	}
	c.logExchange(method, req.URL, r.status, time.Since(start), r.requestID(), nil)
	return r, true, nil
}

// sizeHint, as a context value, is the body length a request expects
// (an int64), for replies that do not announce theirs.
type sizeHint struct{}

// bodyBuffer, as a context value, is a []byte whose array a successful
// reply's body may be read into (it is the caller's to give: nothing else
// may use it), so a listing reuses one page's buffer for a later page.
type bodyBuffer struct{}

// headWatch, as a context value, is a func(b []byte, prev int) bool that
// is shown a successful reply's body b as it arrives, each time more of it
// has been read (b[prev:] is what is new; prev is 0 on each attempt's
// first read), until it returns true. It must not keep the slice.
type headWatch struct{}

// readBounded reads at most max bytes of the body; more is an error, so a
// hostile or broken server cannot make us buffer without limit. The buffer
// starts at the announced length, else at hint and a little more: a list
// page of 700 KB grown from 512 bytes is copied some fifteen times. watch,
// when not nil, is called as headWatch describes; reuse, when large
// enough, is read into instead of a new buffer.
func readBounded(resp *http.Response, max, hint int64, watch func(b []byte, prev int) bool, reuse []byte) ([]byte, error) {
	if resp.ContentLength > max {
		return nil, &tooLargeError{max}
	}
	size := hint + hint/8
	if resp.ContentLength >= 0 {
		size = resp.ContentLength
	}
	want := int(min(size, max)) + bytes.MinRead
	buf := reuse[:0]
	if cap(buf) < want {
		// An eighth more, so that the buffer still fits when it is reused
		// for a page a little longer than this one.
		buf = make([]byte, 0, want+want/8)
	}
	rd := io.LimitReader(resp.Body, max+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow, as bytes.Buffer would
		}
		prev := len(buf)
		n, err := rd.Read(buf[prev:cap(buf)])
		buf = buf[:prev+n]
		if watch != nil && n > 0 && watch(buf, prev) {
			watch = nil
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > max {
		return nil, &tooLargeError{max}
	}
	return buf, nil
}

// logExchange writes the one Logf line of an exchange: the path only, since
// the query carries the token.
func (c *Client) logExchange(method string, u *url.URL, status int, d time.Duration, reqID string, err error) {
	if c.logf == nil {
		return
	}
	line := method + " " + u.EscapedPath()
	if status != 0 {
		line += " " + strconv.Itoa(status)
	}
	line += " " + d.Round(time.Millisecond).String()
	if reqID != "" {
		line += " request=" + reqID
	}
	if err != nil {
		line += " error: " + err.Error()
	}
	c.logf("%s", c.redactString(line))
}
