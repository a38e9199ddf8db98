package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/config"
	"smhbin/explain"
	"smhbin/safe"
)

func TestCompletionWithoutConfiguration(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := runCLI(t, nil, "", "completion", shell)
		if r.code != exitOK || !strings.Contains(r.stdout, "smhbin") || len(r.stdout) < 200 {
			t.Errorf("%s: exit %d, %d bytes, stderr %q", shell, r.code, len(r.stdout), r.stderr)
		}
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range []string{"list", "restore", "fake-server"} {
		r := runCLI(t, nil, "", cmd, "--help")
		if r.code != exitOK || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "smhbin "+cmd) {
			t.Errorf("%s --help: exit %d\n%s", cmd, r.code, r.stdout)
		}
	}
}

// startFakeServer runs `smhbin fake-server ARGS… --addr 127.0.0.1:0` in
// process and returns the environment its export line prints, and a stop
// function that checks it exits cleanly.
func startFakeServer(t *testing.T, args ...string) (env map[string]string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout := newSyncBuffer("export SMH_ENDPOINT=")
	var stderr strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"fake-server", "--addr", "127.0.0.1:0"}, args...), getenvFrom(nil), nil, stdout, &stderr)
	}()
	select {
	case <-stdout.seen:
	case code := <-done:
		cancel()
		t.Fatalf("fake-server exited %d early: %s", code, stderr.String())
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("fake-server printed no export line")
	}
	m := regexp.MustCompile(`export SMH_ENDPOINT=(\S+) SMH_LIBRARY_ID=(\S+) SMH_ACCESS_TOKEN=(\S+)`).FindStringSubmatch(stdout.String())
	if m == nil {
		cancel()
		t.Fatalf("no export line in %q", stdout.String())
	}
	stop = func() {
		t.Helper()
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("fake-server exit %d after cancel", code)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("fake-server did not stop when its context was cancelled")
		}
	}
	return map[string]string{envEndpoint: m[1], envLibrary: m[2], envToken: m[3]}, stop
}

func TestFakeServerPrintsHowToUseIt(t *testing.T) {
	env, stop := startFakeServer(t, "--items", "7", "--seed", "9")
	defer stop()
	r := runCLI(t, env, "", "list", "--json")
	if r.code != exitOK || len(decodeList(t, r.stdout)) != 7 {
		t.Errorf("listing the printed endpoint: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestFakeServerWithoutDeleteGrant: with --no-delete-grant the emulator's
// token may list and restore but not delete, as a token issued without
// delete_recycled: a delete says which grant is missing, exit 2, and the
// item stays.
func TestFakeServerWithoutDeleteGrant(t *testing.T) {
	env, stop := startFakeServer(t, "--items", "3", "--no-delete-grant")
	defer stop()
	list := runCLI(t, env, "", "list", "--ids")
	ids := strings.Fields(list.stdout)
	if list.code != exitOK || len(ids) != 3 {
		t.Fatalf("list --ids: exit %d, %q, stderr %q", list.code, list.stdout, list.stderr)
	}
	r := runCLI(t, env, "", "delete", ids[0], "--yes")
	if r.code != exitUsage || !strings.Contains(r.stderr, "delete_recycled") {
		t.Fatalf("delete without the grant: exit %d, stderr %q", r.code, r.stderr)
	}
	if after := runCLI(t, env, "", "list", "--ids"); len(strings.Fields(after.stdout)) != 3 {
		t.Fatalf("an item left the bin: %q", after.stdout)
	}
}

func TestDescribeErrors(t *testing.T) {
	cfg := &Config{Config: config.Config{Endpoint: "https://smh.example", LibraryID: "smh1", SpaceID: "-", Token: "tok-123456"}}
	tests := []struct {
		err  error
		code int
		want string
	}{
		{&api.APIError{Status: 403, Code: "InvalidAccessToken"}, 4, explain.TokenRejected},
		{fmt.Errorf("list: %w", &api.APIError{Status: 401, Message: "Unauthorized"}), 4, "HTTP 401"},
		{&api.APIError{Status: 400, Code: "EmptyAccessToken"}, 4, "no access token was given"},
		{&authError{msg: errNoToken}, 4, errNoToken},
		{&api.APIError{Status: 403, Code: "AccessTokenNotMatchSpace"}, 2, "check --space"},
		{fmt.Errorf("list: %w", &api.APIError{Status: 403, Code: "NoPermission"}), 2, "restore_recycled grant"},
		{&api.APIError{Status: 404, Code: "LibraryNotFound"}, 2, `library "smh1" was not found (LibraryNotFound): check --library`},
		{&api.APIError{Status: 404, Code: "SpaceNotFound"}, 2, "check --space"},
		{&api.APIError{Status: 500, Code: "InternalServerError", RequestID: "r9"}, 1, "HTTP 500 InternalServerError (request r9): the SMH API failed"},
		{&url.Error{Op: "Get", URL: "https://smh.example/x?access_token=tok-123456", Err: errors.New("connection refused")}, 1,
			"could not reach the SMH API at https://smh.example (connection refused): check --endpoint"},
		{errors.New("token tok-123456 in \x1b[2Jtext"), 1, `token [token] in \x1b[2Jtext`},
		{configErrorf("bad"), 2, "bad"},
		{context.Canceled, 1, "interrupted"},
	}
	for _, tt := range tests {
		msg, code := describe(tt.err, cfg)
		if code != tt.code || !strings.Contains(msg, tt.want) {
			t.Errorf("describe(%v) = %q, %d; want %d and %q", tt.err, msg, code, tt.code, tt.want)
		}
		if strings.Contains(msg, cfg.Token) {
			t.Errorf("describe(%v) shows the token: %q", tt.err, msg)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain.txt", "plain.txt"},
		{"报告 2024.docx", "报告 2024.docx"},
		{"a\x1b[31mb", `a\x1b[31mb`},
		{"tab\there", `tab\x09here`},
		{"del\x7f", `del\x7f`},
		{"csi\u009b", `csi\u009b`},
		{"rlo\u202etxt.exe", `rlo\u202etxt.exe`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
		{"lrm\u200e alm\u061c", `lrm\u200e alm\u061c`},
	}
	for _, tt := range tests {
		if got := safe.Text(tt.in); got != tt.want {
			t.Errorf("safe.Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
