package cli

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/sshserve"
	"smhbin/sshserve/sshtest"
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
	good := string(gossh.MarshalAuthorizedKey(sshtest.NewClientKey(t).PublicKey()))
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
		{"no connections", []string{"--authorized-keys", goodFile, "--max-connections", "0"}, "--max-connections"},
		{"no handshake time", []string{"--authorized-keys", goodFile, "--handshake-timeout", "0s"}, "--handshake-timeout"},
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

// runningServe is `smhbin serve` running in-process, as its user sees it.
type runningServe struct {
	addr    string
	hostKey gossh.PublicKey
	stderr  *sshtest.Screen
	cancel  context.CancelFunc // what main does on SIGINT or SIGTERM
	exited  chan int
}

// startServe runs `smhbin serve args…` against env with a fresh host key
// and waits until it listens.
func startServe(t *testing.T, env map[string]string, args ...string) *runningServe {
	t.Helper()
	hostKey := filepath.Join(t.TempDir(), "keys", sshserve.HostKeyName)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	rs := &runningServe{stderr: sshtest.NewScreen(), cancel: cancel, exited: make(chan int, 1)}
	args = append([]string{"serve", "--addr", "127.0.0.1:0", "--host-key", hostKey}, args...)
	go func() { rs.exited <- run(ctx, args, getenvFrom(env), nil, sshtest.NewScreen(), rs.stderr) }()
	rs.stderr.WaitFor(t, 0, "ssh://")
	m := regexp.MustCompile(`ssh://(\S+) `).FindStringSubmatch(rs.stderr.TextSince(0))
	if m == nil {
		t.Fatalf("no address in %q", rs.stderr.TextSince(0))
	}
	signer, _, err := sshserve.EnsureHostKey(hostKey) // made by the server on its first run
	if err != nil {
		t.Fatal(err)
	}
	rs.addr, rs.hostKey = m[1], signer.PublicKey()
	return rs
}

// wait waits for serve to return and gives its exit code.
func (rs *runningServe) wait(t *testing.T) int {
	t.Helper()
	select {
	case code := <-rs.exited:
		return code
	case <-time.After(sshtest.WaitLimit):
		t.Fatal("serve did not stop")
		return -1
	}
}

func TestServeInsecureDemoEndToEnd(t *testing.T) {
	rs := startServe(t, nil, "--insecure-demo")
	c, err := sshtest.Dial(t, rs.addr, rs.hostKey, "guest", sshtest.NewClientKey(t))
	if err != nil {
		t.Fatalf("--insecure-demo should accept any key: %v", err)
	}
	term := sshtest.OpenTerminal(t, c, 120, 40)
	term.Out.WaitFor(t, 0, "DEMO")
	term.Out.WaitFor(t, 0, "READ-ONLY")

	rs.cancel()
	term.Out.WaitFor(t, 0, sshserve.ShutdownMessage)
	c.Close()
	if code := rs.wait(t); code != exitOK {
		t.Errorf("exit %d after an interrupt, want 0; stderr:\n%s", code, rs.stderr.TextSince(0))
	}
	log := rs.stderr.TextSince(0)
	for _, want := range []string{"ANY key, read-only", "access=read-only", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// A listen address that cannot be used is reported as that, not as an
// unreachable SMH API, by serve and by fake-server, before anything starts.
func TestBadListenAddress(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	inUse := taken.Addr().String()
	keys := sshtest.WriteKeysFile(t, "authorized.keys", sshtest.NewClientKey(t))
	hostKey := filepath.Join(t.TempDir(), "host_key")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"serve, port out of range", []string{"serve", "--authorized-keys", keys, "--host-key", hostKey, "--addr", "127.0.0.1:99999"}, "cannot listen on 127.0.0.1:99999: address 99999: invalid port"},
		{"serve, port in use", []string{"serve", "--authorized-keys", keys, "--host-key", hostKey, "--addr", inUse}, "cannot listen on " + inUse + ": bind: address already in use"},
		{"fake-server, port out of range", []string{"fake-server", "--addr", "127.0.0.1:99999"}, "cannot listen on 127.0.0.1:99999: address 99999: invalid port"},
		{"fake-server, port in use", []string{"fake-server", "--addr", inUse}, "cannot listen on " + inUse + ": bind: address already in use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) || strings.Contains(r.stderr, "SMH API") {
				t.Errorf("exit %d, stderr %q: want exit 2 and %q, and no word of the SMH API", r.code, r.stderr, tt.want)
			}
		})
	}
	if _, err := os.Stat(hostKey); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused address should not create a host key (stat: %v)", err)
	}
}
