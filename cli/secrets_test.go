package cli

import (
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"smhbin/api/fakesmh"
	"smhbin/explain"
)

// secretToken has characters that query-escaping changes, so a leak of
// either its raw or its escaped form is caught.
const secretToken = "s3cr3t+Tok/en=42&x"

// leaked reports whether s shows the token, raw or query-escaped.
func leaked(s string) bool {
	return strings.Contains(s, secretToken) || strings.Contains(s, url.QueryEscape(secretToken))
}

// secretEnv starts the emulator accepting secretToken and returns it with
// the environment pointing at it.
func secretEnv(t *testing.T, opts fakesmh.Options) (*fakesmh.Server, map[string]string) {
	t.Helper()
	srv, env := emulator(t, opts)
	srv.SetToken(secretToken)
	env[envToken] = secretToken
	return srv, env
}

// There is no flag that takes the token: a command line ends up in shell
// history and in ps output.
func TestNoTokenFlag(t *testing.T) {
	_, env := secretEnv(t, fakesmh.Options{Items: 5})
	for _, args := range [][]string{
		{"--token", secretToken, "list"},
		{"--token=" + secretToken, "list"},
		{"list", "--token", secretToken},
		{"restore", "--access-token", secretToken, "1"},
		{"--token", secretToken},
	} {
		r := runCLI(t, env, "", args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "unknown flag") {
			t.Errorf("%q: exit %d, stderr %q; want the flag refused", args, r.code, r.stderr)
		}
		if leaked(r.stdout + r.stderr) {
			t.Errorf("%q: the refused value was echoed: %q", args, r.stderr)
		}
	}
	// No command has any flag that could carry a token, bar --token-file.
	root := newApp(getenvFrom(nil), nil, nil, nil).rootCmd()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, fs := range []*pflag.FlagSet{c.Flags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) {
				if strings.Contains(f.Name, "token") && f.Name != "token-file" && f.Name != "token-expires-after" {
					t.Errorf("%s has a flag --%s", c.CommandPath(), f.Name)
				}
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// The token comes from SMH_ACCESS_TOKEN or --token-file (a path or stdin)
// and from nowhere else; each way works, and a file others can read is
// used with a warning that never shows the token.
func TestTokenSources(t *testing.T) {
	_, env := secretEnv(t, fakesmh.Options{Items: 5})
	noEnv := copyEnv(env, envToken, "")
	dir := t.TempDir()
	private := filepath.Join(dir, "private")
	shared := filepath.Join(dir, "shared")
	for path, mode := range map[string]os.FileMode{private: 0o600, shared: 0o644} {
		if err := os.WriteFile(path, []byte(secretToken+"\n"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil { // past the umask
			t.Fatal(err)
		}
	}
	cases := []struct {
		name  string
		env   map[string]string
		stdin string
		args  []string
		code  int
		warn  bool
	}{
		{"environment", env, "", []string{"list"}, exitOK, false},
		{"private file", noEnv, "", []string{"--token-file", private, "list"}, exitOK, false},
		{"shared file", noEnv, "", []string{"--token-file", shared, "list"}, exitOK, true},
		{"stdin", noEnv, secretToken + "\n", []string{"--token-file", "-", "list"}, exitOK, false},
		{"none", noEnv, secretToken, []string{"list"}, exitAuth, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.env, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			warned := strings.Contains(r.stderr, "readable by others") && strings.Contains(r.stderr, "chmod 600")
			if warned != tc.warn {
				t.Errorf("stderr %q; want a permission warning: %v", r.stderr, tc.warn)
			}
			if leaked(r.stdout + r.stderr) {
				t.Errorf("the token was printed:\n%s\n%s", r.stdout, r.stderr)
			}
		})
	}
}

// A config file may name a token file but never hold the token itself;
// the refusal does not quote it back.
func TestConfigFileRefusesTheToken(t *testing.T) {
	_, env := secretEnv(t, fakesmh.Options{Items: 5})
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("token = \""+secretToken+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, env, "", "--config", path, "list")
	if r.code != exitUsage || !strings.Contains(r.stderr, "token") {
		t.Fatalf("exit %d, stderr %q; want the file refused", r.code, r.stderr)
	}
	if leaked(r.stdout + r.stderr) {
		t.Fatalf("the refusal quotes the token: %q", r.stderr)
	}
}

// TestTokenNeverPrinted runs every command path that talks to the server,
// through successes and each kind of failure, and greps everything smhbin
// wrote (stdout, stderr and the --log file) for the token.
func TestTokenNeverPrinted(t *testing.T) {
	srv, env := secretEnv(t, fakesmh.Options{Items: -1, AsyncThreshold: 2, TaskDuration: -1})
	ids := srv.Add(fakesmh.NewRecord("docs", "a.txt"), fakesmh.NewRecord("docs", "b.txt"),
		fakesmh.NewRecord("gone", "c.txt"), fakesmh.NewRecord("docs", "d.txt"))
	logPath := filepath.Join(t.TempDir(), "debug.log")
	id := func(i int) string { return itoa(ids[i]) }
	steps := []struct {
		name  string
		fault fakesmh.Fault
		args  []string
	}{
		{"list", fakesmh.Fault{}, []string{"list"}},
		{"list json", fakesmh.Fault{}, []string{"list", "--json"}},
		{"list with 500s", fakesmh.Fault{FailEvery: 2}, []string{"list", "--page-size", "1"}},
		{"token expired", fakesmh.Fault{TokenExpiresAfter: 1}, []string{"list", "--page-size", "1"}},
		{"restore lost reply", fakesmh.Fault{ResetAfterRestore: true}, []string{"restore", "--chunk", "1", id(1)}},
		{"restore async", fakesmh.Fault{}, []string{"restore", "--json", id(2), id(3), "999"}},
		{"restore token expired", fakesmh.Fault{TokenExpiresAfter: 0}, []string{"restore", id(0)}},
	}
	for _, st := range steps {
		srv.SetFault(st.fault)
		if st.name == "restore token expired" {
			srv.SetToken("rotated")
		}
		r := runCLI(t, env, "", append([]string{"--log", logPath}, st.args...)...)
		if st.name == "token expired" && (r.code != exitAuth || !strings.Contains(r.stderr, explain.TokenRejected)) {
			t.Errorf("token expired mid-listing: exit %d, stderr %q", r.code, r.stderr)
		}
		if leaked(r.stdout + r.stderr) {
			t.Errorf("%s: the token was printed:\nstdout %q\nstderr %q", st.name, r.stdout, r.stderr)
		}
		if r.stderr == "" && r.stdout == "" {
			t.Errorf("%s: no output at all", st.name)
		}
	}
	// The server is gone: the URL in the transport error carries the token.
	gone := copyEnv(env, envEndpoint, refusedEndpoint(t))
	for _, args := range [][]string{{"list"}, {"restore", id(1)}} {
		r := runCLI(t, gone, "", append([]string{"--log", logPath}, args...)...)
		if r.code != exitFailure || leaked(r.stdout+r.stderr) {
			t.Errorf("%v against a closed port: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 || leaked(string(b)) {
		t.Errorf("the debug log (%d bytes) shows the token or is empty:\n%s", len(b), b)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// refusedEndpoint is the URL of a loopback port nothing listens on.
func refusedEndpoint(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr
}
