package api

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// do sends one API request and returns its 2xx reply. Any other status
// becomes an *APIError.
//
// GETs are retried on 5xx, 429 and transport errors with jittered
// exponential backoff. POSTs are never retried: a restore replayed after a
// lost reply would restore (and rename) twice. When a POST's outcome is
// unknown — the request was written but no complete reply came back — the
// error wraps ErrResponseLost; when it never left (dial, DNS, refused) the
// transport error is returned as is.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, body []byte) (reply, error) {
	if err := ctx.Err(); err != nil {
		return reply{}, err
	}
	rawURL := c.urlFor(path, q)
	idempotent := method == http.MethodGet
	for attempt := 0; ; attempt++ {
		r, wrote, err := c.once(ctx, method, rawURL, body)
		if err == nil && r.status >= 200 && r.status < 300 {
			return r, nil
		}
		switch {
		case err == nil && r.status >= 300 && r.status < 400:
			// A full reply, not a lost one: never followed, never retried.
			return r, redirectError(&r, c.baseURL())
		case err == nil:
			err = newAPIError(&r, c.redactString)
		}
		if !idempotent || attempt >= c.retries || ctx.Err() != nil || !retryable(r.status, err) {
			return r, c.finalErr(ctx, idempotent, wrote, err)
		}
		if serr := sleepCtx(ctx, c.backoff(attempt)); serr != nil {
			return reply{}, serr
		}
	}
}

// retryable reports whether a GET that failed this way is worth repeating.
func retryable(status int, err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return status >= 500 || status == http.StatusTooManyRequests
	}
	var big *tooLargeError
	return !errors.As(err, &big)
}

// finalErr shapes the error of the last attempt.
func (c *Client) finalErr(ctx context.Context, idempotent, wrote bool, err error) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return err
	}
	if !idempotent && wrote {
		return lostReply(err)
	}
	if cerr := ctx.Err(); cerr != nil && !wrote {
		// Cancelled or expired before anything was sent: say so plainly.
		return cerr
	}
	return err
}

// lostReply marks an unreadable 2xx reply to a POST: the server acted, but
// what it did is unknown, so the caller must reconcile rather than resend.
func lostReply(err error) error {
	return fmt.Errorf("%w: %w", ErrResponseLost, err)
}

// backoff is the pause before retry number attempt+1: the base delay
// doubled per attempt, capped at ten times the base, with "equal jitter"
// (half fixed, half random) so clients that failed together spread out.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.retryMax
	if attempt < 16 {
		d = min(c.retryBase<<attempt, c.retryMax)
	}
	return d/2 + rand.N(d/2+1)
}

// sleepCtx waits d or until ctx ends, whichever is first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
