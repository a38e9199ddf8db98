package explain

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"smhbin/api"
)

// TestError: each kind of failure gets its sentence, the setup flag the
// CLI's exit code depends on, and never the URL (which carries the token).
func TestError(t *testing.T) {
	w := Where{Endpoint: "https://api.example", Library: "lib1", Space: "sp"}
	urlErr := &url.Error{Op: "Get", URL: "https://api.example/x?access_token=SECRET", Err: errors.New("connection refused")}
	tests := []struct {
		name  string
		err   error
		setup bool
		want  []string
	}{
		{"token", &api.APIError{Status: 403, Code: api.CodeInvalidAccessToken}, true, []string{"InvalidAccessToken", "SMH_ACCESS_TOKEN"}},
		{"grant", &api.APIError{Status: 403, Code: api.CodeNoPermission}, true, []string{"NoPermission", "restore_recycled"}},
		{"library", &api.APIError{Status: 404, Code: api.CodeLibraryNotFound}, true, []string{`library "lib1"`, "LibraryNotFound"}},
		{"space", &api.APIError{Status: 404, Code: api.CodeSpaceNotFound}, true, []string{`space "sp"`, "SMH_SPACE_ID"}},
		{"sort", &api.APIError{Status: 400, Code: api.CodeOrderByNotAllowed}, true, []string{"--order-by"}},
		{"bin off", &api.APIError{Status: 403, Code: api.CodeRecycleBinNotEnabled}, false, []string{"not enabled"}},
		{"401", &api.APIError{Status: 401}, true, []string{"HTTP 401 without an error code", "fresh token"}},
		{"bare 404", &api.APIError{Status: 404}, true, []string{"HTTP 404", "--endpoint"}},
		{"5xx", &api.APIError{Status: 503, Code: "Busy", Message: "later", RequestID: "r1"}, false, []string{"HTTP 503 Busy: later (request r1)", "try again later"}},
		{"redirect", &api.RedirectError{Status: 307, Host: "https://evil.example"}, true, []string{"HTTP 307 to https://evil.example", "never follows"}},
		{"cancelled", fmt.Errorf("list: %w", context.Canceled), false, []string{"interrupted"}},
		{"deadline", context.DeadlineExceeded, false, []string{"did not answer in time"}},
		{"network", urlErr, false, []string{"could not reach the SMH API at https://api.example (connection refused)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, setup := Error(tt.err, w)
			if setup != tt.setup {
				t.Errorf("setup = %v, want %v (%q)", setup, tt.setup, got)
			}
			for _, s := range tt.want {
				if !strings.Contains(got, s) {
					t.Errorf("%q lacks %q", got, s)
				}
			}
			if strings.Contains(got, "SECRET") || strings.Contains(got, "access_token=") {
				t.Errorf("the URL leaked: %q", got)
			}
		})
	}
}

// TestIsSetupCode: codes that name the token, library or space are setup
// problems; item-level refusals are not.
func TestIsSetupCode(t *testing.T) {
	for _, c := range []string{api.CodeInvalidAccessToken, api.CodeLibraryNotFound, api.CodeSpaceNotFound} {
		if !IsSetupCode(c) {
			t.Errorf("%s should be a setup code", c)
		}
	}
	for _, c := range []string{api.CodeNoPermission, "DirectoryNotFound", ""} {
		if IsSetupCode(c) {
			t.Errorf("%q should not be a setup code", c)
		}
	}
}
