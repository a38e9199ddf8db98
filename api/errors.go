package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors, usable with errors.Is on any error this package returns.
var (
	// ErrUnauthorized: the access token is invalid or expired (403 InvalidAccessToken).
	ErrUnauthorized = errors.New("access token invalid or expired")
	// ErrNotFound: the item, task or library does not exist (any 404).
	ErrNotFound = errors.New("not found")
	// ErrResponseLost: a POST may have reached the server but its reply was
	// lost (timeout or reset after sending). Its outcome is unknown and it
	// must not be resent blindly: restores are not idempotent.
	ErrResponseLost = errors.New("response lost after the request was sent")
)

// APIError is a non-2xx reply from the SMH API. Code, Message and RequestID
// come from the JSON body ({code,message,requestId}) or, for RequestID, the
// X-Request-Id header; a non-JSON body is kept (trimmed) in Message.
type APIError struct {
	Status    int
	Code      string
	Message   string
	RequestID string
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("SMH API: HTTP %d", e.Status)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (request " + e.RequestID + ")"
	}
	return s
}

// Is makes errors.Is(err, ErrUnauthorized) and errors.Is(err, ErrNotFound) work.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Status == 403 && e.Code == CodeInvalidAccessToken
	case ErrNotFound:
		return e.Status == 404
	}
	return false
}

// maxErrorText caps the raw text of a non-JSON error body kept in Message.
const maxErrorText = 200

// wireError is the JSON error body. Field matching is case-insensitive, so
// requestId also catches RequestId; Android's smhRequestId is a fallback.
type wireError struct {
	Code         string `json:"code"`
	Message      string `json:"message"`
	RequestID    string `json:"requestId"`
	SMHRequestID string `json:"smhRequestId"`
}

// newAPIError builds the error for a non-2xx reply. A body that is not the
// documented JSON shape is kept as cleaned-up text so nothing the server
// said is lost; the request id falls back to the response headers. scrub
// removes secrets the server may echo back, before any text is cut short
// (a cut could otherwise leave half a token behind).
func newAPIError(r *reply, scrub func(string) string) *APIError {
	clean := func(s string) string { return cleanText(scrub(s), maxErrorText) }
	e := &APIError{Status: r.status}
	var w wireError
	if json.Unmarshal(r.body, &w) == nil && (w.Code != "" || w.Message != "") {
		e.Code, e.Message, e.RequestID = clean(w.Code), clean(w.Message), clean(w.RequestID)
		if e.RequestID == "" {
			e.RequestID = clean(w.SMHRequestID)
		}
	} else {
		e.Message = clean(string(r.body))
	}
	if e.RequestID == "" {
		e.RequestID = clean(r.requestID())
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(r.status)
	}
	return e
}

// cleanText makes server text safe to print on one line: invalid UTF-8 and
// control characters go, whitespace runs collapse to one space, and the
// result is cut to at most max bytes on a rune boundary.
func cleanText(s string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		}
		n := utf8.RuneLen(r)
		if space {
			n++
		}
		if b.Len()+n > max {
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
