package api

import (
	"errors"
	"fmt"
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
		return e.Status == 403 && e.Code == "InvalidAccessToken"
	case ErrNotFound:
		return e.Status == 404
	}
	return false
}
