package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"smhbin/internal/imgfit"
)

// Preview limits. The storage URL a preview redirects to is outside the
// API's control, so whatever it sends is treated as hostile.
const (
	// PreviewMaxBytes caps the thumbnail body: a real one is tens of KB.
	PreviewMaxBytes = 4 << 20
	// PreviewMaxSide and PreviewMaxPixels cap the dimensions an image may
	// claim before it is decoded, so that a small file cannot expand into
	// gigabytes of pixels (a decompression bomb).
	PreviewMaxSide   = 4096
	PreviewMaxPixels = 16 << 20
	// DefaultPreviewTimeout bounds a whole preview: the API call, the
	// storage request and reading the body. A thumbnail that takes longer
	// is not worth waiting for in a details pane.
	DefaultPreviewTimeout = 8 * time.Second
)

// PreviewError is why a preview could not be shown, as one line that names
// neither the token nor the signed storage URL's path or query.
type PreviewError struct {
	Reason string
	Err    error // the underlying error, for errors.Is; may be nil
}

func (e *PreviewError) Error() string { return "preview: " + e.Reason }
func (e *PreviewError) Unwrap() error { return e.Err }

func previewErr(err error, format string, args ...any) *PreviewError {
	return &PreviewError{Reason: fmt.Sprintf(format, args...), Err: err}
}

// Preview fetches the thumbnail of item id and scales it down to fit in
// maxW×maxH pixels (never up), keeping its aspect ratio.
//
// The API answers 302 with a signed storage URL. Preview follows exactly
// that one redirect, itself: the target must be https (or, for the local
// emulator, the endpoint's own loopback origin), it is fetched by a client
// that never sends the access token and follows no further redirect, its
// body is capped at PreviewMaxBytes, only PNG, JPEG, GIF and WebP are
// decoded, and only once their claimed size is within PreviewMaxSide and
// PreviewMaxPixels. The whole call is bounded by the client's preview
// timeout. Errors are *PreviewError (or wrap one).
func (c *Client) Preview(ctx context.Context, id int64, maxW, maxH int) (image.Image, error) {
	if maxW <= 0 || maxH <= 0 {
		return nil, previewErr(nil, "empty box %dx%d", maxW, maxH)
	}
	ctx, cancel := context.WithTimeout(ctx, c.previewTimeout)
	defer cancel()
	target, err := c.previewLocation(ctx, id, maxW)
	if err != nil {
		return nil, c.previewFailure(ctx, err)
	}
	body, err := c.fetchStorage(ctx, target)
	if err != nil {
		return nil, c.previewFailure(ctx, err)
	}
	img, err := decodePreview(body)
	if err != nil {
		return nil, err
	}
	return imgfit.Fit(img, maxW, maxH), nil
}

// previewFailure turns a failure into one line: a deadline says how long
// was waited, a transport error loses its URL (the signed storage URL is
// long and not the user's business), and the token is scrubbed anyway.
func (c *Client) previewFailure(ctx context.Context, err error) error {
	var pe *PreviewError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return previewErr(context.DeadlineExceeded, "timed out after %s", c.previewTimeout)
	case errors.Is(err, context.Canceled):
		return previewErr(context.Canceled, "cancelled")
	case errors.As(err, &pe):
		return c.redactErr(err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return c.redactErr(previewErr(err, "request failed: %v", err))
}

// previewLocation asks the API for the preview and returns the checked
// target of its redirect. The API client follows no redirect (see
// noRedirects), so the 302 comes back here instead of taking the
// access_token query to the storage host.
func (c *Client) previewLocation(ctx context.Context, id int64, width int) (*url.URL, error) {
	q := url.Values{"preview": {"1"}, "type": {"pic"}, "width_size": {strconv.Itoa(width)}}
	rawURL := c.urlFor(c.binPath(id), q)
	r, _, err := c.once(ctx, http.MethodGet, rawURL, nil)
	switch {
	case err != nil:
		return nil, err
	case r.status >= 400:
		ae := newAPIError(&r, c.redactString)
		return nil, previewErr(ae, "%s", ae.Error())
	case r.status < 300:
		return nil, previewErr(nil, "the API answered HTTP %d, not a redirect to the image", r.status)
	}
	from, err := url.Parse(rawURL)
	if err != nil {
		return nil, c.redactErr(err)
	}
	return c.checkLocation(from, r.header.Get("Location"))
}

// checkLocation accepts a redirect target only if it is https, or http to
// the endpoint's own origin when that is a loopback address (the
// emulator); never one that carries the token back.
func (c *Client) checkLocation(from *url.URL, loc string) (*url.URL, error) {
	if loc == "" {
		return nil, previewErr(nil, "the API's redirect has no Location")
	}
	if c.holdsToken(loc) {
		return nil, previewErr(nil, "refused a redirect that carries the access token")
	}
	u, err := url.Parse(loc)
	if err != nil {
		return nil, previewErr(nil, "the API's redirect Location is not a URL")
	}
	u = from.ResolveReference(u)
	origin := cleanText(u.Scheme+"://"+u.Host, maxErrorText)
	switch {
	case u.Host == "":
		return nil, previewErr(nil, "refused a redirect to %s: no host", cleanText(u.Scheme+":", maxErrorText))
	case u.User != nil:
		return nil, previewErr(nil, "refused a redirect to %s with a user name in it", origin)
	case u.Scheme == "https":
		return u, nil
	case u.Scheme == "http" && from.Scheme == "http" && u.Host == from.Host && isLoopback(u.Hostname()):
		return u, nil
	}
	return nil, previewErr(nil, "refused a redirect to %s (only https, or the emulator's own address)", origin)
}

// isLoopback is true for "localhost" and literal loopback addresses.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// fetchStorage GETs the signed storage URL with a client of its own: it
// has the API client's transport (proxy and TLS settings) but no token,
// no cookie jar and no redirects, and it reads at most PreviewMaxBytes.
func (c *Client) fetchStorage(ctx context.Context, target *url.URL) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "image/png, image/jpeg, image/gif, image/webp")
	hc := noRedirects(&http.Client{Transport: c.hc.Transport})
	start := time.Now()
	resp, err := hc.Do(req)
	logURL := &url.URL{Path: target.Host + target.EscapedPath()} // the signature stays out of the log
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its URL is the signed one
		}
		c.logExchange(http.MethodGet, logURL, 0, time.Since(start), "", err)
		return nil, err
	}
	defer resp.Body.Close()
	c.logExchange(http.MethodGet, logURL, resp.StatusCode, time.Since(start), "", nil)
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return nil, previewErr(nil, "the storage server redirected again (only one redirect is followed)")
	case resp.StatusCode != http.StatusOK:
		// The status travels with the error, so a caller can tell a storage
		// server in trouble (5xx, 429: worth asking again) from a refusal.
		return nil, previewErr(&APIError{Status: resp.StatusCode}, "the storage server answered HTTP %d", resp.StatusCode)
	}
	b, err := readCapped(resp.Body, resp.ContentLength, PreviewMaxBytes)
	if ctx.Err() != nil {
		// A body cut off by the deadline can read as a clean, short EOF.
		return nil, ctx.Err()
	}
	return b, err
}

// readCapped reads a body of at most max bytes. A declared length over max
// is refused before reading. The body is read in chunks (one of the
// declared length, else 64 KiB each) that are joined only at the end, so
// a hostile stream costs max bytes of allocation, however much it sends.
func readCapped(r io.Reader, declared, max int64) ([]byte, error) {
	tooBig := previewErr(nil, "image larger than %d MiB", max>>20)
	if declared > max {
		return nil, tooBig
	}
	size := int64(64 << 10)
	if declared >= 0 {
		size = declared + 1 // room to see the EOF in the same chunk
	}
	var chunks [][]byte
	var total int64
	for {
		c := make([]byte, min(size, max+1-total))
		n, err := io.ReadFull(r, c)
		chunks, total = append(chunks, c[:n]), total+int64(n)
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			if len(chunks) == 1 {
				return chunks[0], nil
			}
			return bytes.Join(chunks, nil), nil
		case err != nil:
			return nil, err
		case total > max:
			return nil, tooBig
		}
	}
}
