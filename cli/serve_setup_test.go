package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestServeStartupErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := string(gossh.MarshalAuthorizedKey(newClientKey(t).PublicKey()))
	goodFile := write("good.keys", good)
	badLine := write("bad.keys", "# team\n"+good+"ssh-ed25519 not-base64 bob@laptop\n")
	fromOpt := write("from.keys", `from="10.0.0.0/8" `+good)
	empty := write("empty.keys", "# nobody yet\n\n")
	hostKey := filepath.Join(dir, "host_key")

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no authorized keys", []string{}, "--authorized-keys FILE"},
		{"insecure demo on all interfaces", []string{"--insecure-demo", "--addr", "0.0.0.0:2222"}, "loopback"},
		{"insecure demo without host", []string{"--insecure-demo", "--addr", ":2222"}, "loopback"},
		{"insecure demo on a name", []string{"--insecure-demo", "--addr", "127.0.0.1.example.com:2222"}, "loopback"},
		{"insecure demo with keys", []string{"--insecure-demo", "--authorized-keys", goodFile}, "make no sense"},
		{"bad key line", []string{"--authorized-keys", badLine}, badLine + ":3: not a public key"},
		{"unenforced option", []string{"--authorized-keys", fromOpt}, `option "from"`},
		{"missing keys file", []string{"--authorized-keys", filepath.Join(dir, "nope")}, "cannot read the keys file"},
		{"no keys at all", []string{"--authorized-keys", empty}, "list no keys"},
		{"bad read-only file", []string{"--authorized-keys", goodFile, "--read-only-keys", badLine}, badLine + ":3:"},
		{"no room", []string{"--authorized-keys", goodFile, "--max-sessions", "0"}, "--max-sessions"},
		{"bad address", []string{"--authorized-keys", goodFile, "--addr", "2222"}, "host:port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"serve", "--addr", "127.0.0.1:0", "--host-key", hostKey}, tt.args...)
			r := runCLI(t, nil, "", args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q: want exit 2 and %q", r.code, r.stderr, tt.want)
			}
			if strings.Contains(r.stderr, "ssh://") {
				t.Error("the server started")
			}
		})
	}
	if _, err := os.Stat(hostKey); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("refused start-ups should not create a host key (stat: %v)", err)
	}
}

func TestServeInsecureDemoEndToEnd(t *testing.T) {
	hostKey := filepath.Join(t.TempDir(), "keys", hostKeyName)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := newScreen()
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, []string{"serve", "--insecure-demo", "--addr", "127.0.0.1:0", "--host-key", hostKey},
			getenvFrom(nil), nil, newScreen(), stderr)
	}()
	stderr.waitFor(t, 0, "ssh://")
	m := regexp.MustCompile(`ssh://(\S+) `).FindStringSubmatch(stderr.textSince(0))
	if m == nil {
		t.Fatalf("no address in %q", stderr.textSince(0))
	}
	signer, _, err := ensureHostKey(hostKey) // made by the server on its first run
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{addr: m[1], hostKey: signer.PublicKey()}
	c, err := ts.dial(t, "guest", newClientKey(t))
	if err != nil {
		t.Fatalf("--insecure-demo should accept any key: %v", err)
	}
	term := openTerminal(t, c, 120, 40)
	term.out.waitFor(t, 0, "DEMO")
	term.out.waitFor(t, 0, "READ-ONLY")

	cancel()
	term.out.waitFor(t, 0, shutdownMessage)
	c.Close()
	select {
	case code := <-exited:
		if code != exitOK {
			t.Errorf("exit %d after an interrupt, want 0; stderr:\n%s", code, stderr.textSince(0))
		}
	case <-time.After(waitLimit):
		t.Fatal("serve did not stop")
	}
	log := stderr.textSince(0)
	for _, want := range []string{"ANY key, read-only", "access=read-only", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestLoadKeyring(t *testing.T) {
	full, both, ro, stranger := newClientKey(t), newClientKey(t), newClientKey(t), newClientKey(t)
	dir := t.TempDir()
	authorized := filepath.Join(dir, "authorized_keys")
	lines := "# the team\n\n" +
		"restrict,no-port-forwarding " + string(gossh.MarshalAuthorizedKey(full.PublicKey())) +
		"  " + strings.TrimSpace(string(gossh.MarshalAuthorizedKey(both.PublicKey()))) + " carol@desk  \n"
	if err := os.WriteFile(authorized, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly := writeKeysFile(t, "ro", both, ro)
	k, err := loadKeyring(authorized, readOnly)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		key          gossh.Signer
		ok, readOnly bool
	}{
		{"full", full, true, false},
		{"in both files: read-only wins", both, true, true},
		{"read-only", ro, true, true},
		{"stranger", stranger, false, false},
	}
	for _, tt := range tests {
		ok, readOnly := k.lookup(tt.key.PublicKey())
		if ok != tt.ok || readOnly != tt.readOnly {
			t.Errorf("%s: lookup = %t, %t; want %t, %t", tt.name, ok, readOnly, tt.ok, tt.readOnly)
		}
	}
	if len(k.keys) != 3 || k.readOnly != 2 {
		t.Errorf("%d keys, %d read-only; want 3 and 2", len(k.keys), k.readOnly)
	}
}

func TestEnsureHostKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "smhbin")
	path := filepath.Join(dir, hostKeyName)
	first, warning, err := ensureHostKey(path)
	if err != nil || warning != "" {
		t.Fatalf("first run: %v %q", err, warning)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("new host key: %v, mode %v; want 0600", err, st.Mode().Perm())
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("new key directory: %v, mode %v; want 0700", err, st.Mode().Perm())
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	again, warning, err := ensureHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if hostKeyFingerprint(again) != hostKeyFingerprint(first) {
		t.Error("the second run made a new host key instead of loading the first")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 || !strings.Contains(warning, "0644") {
		t.Errorf("a host key readable by others: mode now %v, warning %q", st.Mode().Perm(), warning)
	}

	junk := filepath.Join(dir, "junk")
	if err := os.WriteFile(junk, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ensureHostKey(junk); err == nil || !strings.Contains(err.Error(), junk) {
		t.Errorf("a file that is no key: %v", err)
	}
}

func TestDefaultHostKeyPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/smhbin/" + hostKeyName},
		{map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/smhbin/" + hostKeyName},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := defaultHostKeyPath(getenvFrom(tt.env)); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestSessionEnvIsTheClients(t *testing.T) {
	t.Setenv("COLORTERM", "truecolor") // the server's own environment must not show through
	getenv := sessionEnv([]string{"LANG=C.UTF-8", "TERM=vt100", "NO_COLOR=1", "junk"}, "xterm-256color")
	for k, want := range map[string]string{"TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLORTERM": "", "junk": ""} {
		if got := getenv(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}
