package explain

import (
	"errors"
	"net/http"

	"smhbin/api"
)

// IsAuth reports the server's refusals that a fresh access token fixes:
// InvalidAccessToken (a wrong or expired token), EmptyAccessToken and
// any HTTP 401. A token that lacks a grant (NoPermission) is not one.
func IsAuth(err error) bool {
	var ae *api.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.Status == http.StatusUnauthorized || ae.Code == api.CodeInvalidAccessToken || ae.Code == api.CodeEmptyAccessToken
}
