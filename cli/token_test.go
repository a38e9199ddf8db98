package cli

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"smhbin/api/fakesmh"
	"smhbin/config"
)

// With a library but no token, every command that would talk to it says
// so before sending anything, rather than relaying the server's
// InvalidAccessToken, and exits 4 as for a rejected token.
func TestNoTokenSaysSoBeforeAnyRequest(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: 3})
	noToken := copyEnv(env, envToken, "")
	fileEnv, _ := writeConfig(t, "public_read = true\n")
	publicRead := copyEnv(noToken, envXDGConfigHome, fileEnv[envXDGConfigHome])
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"list", noToken, []string{"list"}, errNoToken + " (or --public-read for a public-read library)"},
		{"list --json", noToken, []string{"list", "--json"}, errNoToken},
		{"restore", noToken, []string{"restore", "1"}, errNoToken + "\n"},
		{"restore from stdin", noToken, []string{"restore", "-"}, errNoToken + "\n"},
		{"restore, public-read library", publicRead, []string{"restore", "1"}, errNoToken + " (restoring needs one even from a public-read library)\n"},
		{"terminal UI", noToken, nil, errNoToken},
		{"serve", noToken, []string{"serve", "--addr", "127.0.0.1:0"}, errNoToken},
	}
	// A cancelled context makes a command that went ahead (the terminal
	// UI, above all) stop at once, so that a missing check fails the test
	// instead of hanging it.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLICtx(t, ctx, tt.env, "1\n", tt.args...)
			if r.code != exitAuth || !strings.HasPrefix(r.stderr, "smhbin: "+tt.want) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 4 and %q", r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Errorf("%d requests reached the server, first %s %s; want none", len(reqs), reqs[0].Method, reqs[0].Path)
	}
}

// --public-read (or public_read in the file) lets list browse a library
// without a token: the requests carry no access_token at all.
func TestPublicReadListsWithoutToken(t *testing.T) {
	var withToken, without atomic.Int32
	// A public-read library: a request without a token is served as if it
	// had the emulator's.
	public := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			if q.Has("access_token") {
				withToken.Add(1)
			} else {
				without.Add(1)
				q.Set("access_token", testToken)
				r.URL.RawQuery = q.Encode()
			}
			next.ServeHTTP(w, r)
		})
	}
	_, env := emulatorWith(t, fakesmh.Options{Items: 4}, public)
	noToken := copyEnv(env, envToken, "")
	r := runCLI(t, noToken, "", "list", "--public-read", "--json")
	if r.code != exitOK || len(decodeList(t, r.stdout)) != 4 {
		t.Fatalf("list --public-read: exit %d, stderr %q", r.code, r.stderr)
	}
	fileEnv, _ := writeConfig(t, "public_read = true\n")
	r = runCLI(t, copyEnv(noToken, envXDGConfigHome, fileEnv[envXDGConfigHome]), "", "list", "--json")
	if r.code != exitOK || len(decodeList(t, r.stdout)) != 4 {
		t.Fatalf("list with public_read in the file: exit %d, stderr %q", r.code, r.stderr)
	}
	if withToken.Load() != 0 || without.Load() == 0 {
		t.Errorf("%d requests with a token, %d without; want all without", withToken.Load(), without.Load())
	}
}

// Without a token the terminal UI of a public-read library is read-only;
// with one, public_read changes nothing.
func TestPublicReadTUIIsReadOnlyWithoutToken(t *testing.T) {
	root := newApp(getenvFrom(nil), nil, nil, nil).rootCmd()
	cfg := Config{Config: config.Config{LibraryID: "smh1", PublicRead: true}}
	if err := requireToken(root, &cfg); err != nil || !cfg.ReadOnly {
		t.Errorf("no token, public-read: err %v, read-only %t; want nil, true", err, cfg.ReadOnly)
	}
	cfg = Config{Config: config.Config{LibraryID: "smh1", PublicRead: true, Token: testToken}}
	if err := requireToken(root, &cfg); err != nil || cfg.ReadOnly {
		t.Errorf("token, public-read: err %v, read-only %t; want nil, false", err, cfg.ReadOnly)
	}
	cfg = Config{Config: config.Config{Demo: true}}
	if err := requireToken(root, &cfg); err != nil || cfg.ReadOnly {
		t.Errorf("demo: err %v, read-only %t; want nil, false", err, cfg.ReadOnly)
	}
}
