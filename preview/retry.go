package preview

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"smhbin/api"
)

// RetryAfter is how long a transient failure stays on show before the row
// asks for its thumbnail again: long enough that a server in trouble is
// not asked on every cursor move, short enough that a hiccup heals while
// the user is still browsing.
const RetryAfter = 30 * time.Second

// Transient reports whether a failed preview may work if asked again: a
// timeout, a lost or refused connection, or an API answer of 5xx or 429.
// Everything else fails the same way every time (an image too big, not an
// image, a decompression bomb, a redirect refused, no such item) and is
// not asked again, so a hostile answer costs one request per item.
func Transient(err error) bool {
	var ae *api.APIError
	var ne net.Error
	switch {
	case err == nil:
		return false
	case errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &ae):
		return ae.Status >= 500 || ae.Status == http.StatusTooManyRequests
	case errors.As(err, &ne):
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED)
}
