package sshserve

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/sshserve/sshtest"
)

func TestLoadKeyring(t *testing.T) {
	full, both, ro, stranger := sshtest.NewClientKey(t), sshtest.NewClientKey(t), sshtest.NewClientKey(t), sshtest.NewClientKey(t)
	dir := t.TempDir()
	authorized := filepath.Join(dir, "authorized_keys")
	lines := "# the team\n\n" +
		"restrict,pty,no-port-forwarding " + string(gossh.MarshalAuthorizedKey(full.PublicKey())) +
		"  " + strings.TrimSpace(string(gossh.MarshalAuthorizedKey(both.PublicKey()))) + " carol@desk  \n"
	if err := os.WriteFile(authorized, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly := sshtest.WriteKeysFile(t, "ro", both, ro)
	k, err := LoadKeyring(authorized, readOnly)
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
		a, ok := k.lookup(tt.key.PublicKey())
		if ok != tt.ok || a.readOnly != tt.readOnly {
			t.Errorf("%s: lookup = %t, %t; want %t, %t", tt.name, ok, a.readOnly, tt.ok, tt.readOnly)
		}
	}
	if len(k.keys) != 3 || k.readOnly != 2 {
		t.Errorf("%d keys, %d read-only; want 3 and 2", len(k.keys), k.readOnly)
	}
}

func TestEnsureHostKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "smhbin")
	path := filepath.Join(dir, HostKeyName)
	first, warning, err := EnsureHostKey(path)
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
	again, warning, err := EnsureHostKey(path)
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
	if _, _, err := EnsureHostKey(junk); err == nil || !strings.Contains(err.Error(), junk) {
		t.Errorf("a file that is no key: %v", err)
	}
}

func TestDefaultHostKeyPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/smhbin/" + HostKeyName},
		{map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/smhbin/" + HostKeyName},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := DefaultHostKeyPath(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.env, got, tt.want)
		}
	}
}

// Key files are read with a bound: a device that never ends fails at once
// with a clear reason, and a file over the bound is refused, not cut short
// (a truncated authorized_keys file would silently drop keys).
func TestKeyFilesAreBounded(t *testing.T) {
	if _, _, err := EnsureHostKey("/dev/zero"); err == nil || !strings.Contains(err.Error(), "/dev/zero: more than 65536 bytes") {
		t.Errorf("--host-key /dev/zero: %v", err)
	}
	if _, err := LoadKeyring("/dev/zero", ""); err == nil || !strings.Contains(err.Error(), "/dev/zero: more than 4194304 bytes") {
		t.Errorf("--authorized-keys /dev/zero: %v", err)
	}

	dir := t.TempDir()
	bigHost := filepath.Join(dir, "host_key")
	if err := os.WriteFile(bigHost, make([]byte, maxHostKeyFileLength+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := EnsureHostKey(bigHost); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a host key file over the bound: %v", err)
	}

	line := gossh.MarshalAuthorizedKey(sshtest.NewClientKey(t).PublicKey())
	many := bytes.Repeat(line, maxKeysFileLength/len(line)+1)
	bigKeys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(bigKeys, many, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeyring(bigKeys, ""); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("an authorized_keys file over the bound was read (cut short?): %v", err)
	}
	if _, err := LoadKeyring(sshtest.WriteKeysFile(t, "ok", sshtest.NewClientKey(t)), ""); err != nil {
		t.Errorf("a small file: %v", err)
	}
}

// The options are read as OpenSSH reads them, left to right: restrict
// forbids a terminal unless a later pty allows it again.
func TestKeyOptions(t *testing.T) {
	tests := []struct {
		options string
		noPty   bool
		refused bool
	}{
		{"", false, false},
		{"restrict", true, false},
		{"RESTRICT", true, false},
		{"restrict,pty", false, false},
		{"pty,restrict", true, false},
		{"no-pty", true, false},
		{"no-pty,pty", false, false},
		{"no-agent-forwarding,no-X11-forwarding,no-user-rc,port-forwarding", false, false},
		{`restrict,command="/bin/true"`, false, true},
		{`from="10.0.0.0/8"`, false, true},
		{"cert-authority", false, true},
		{`expiry-time="20300101"`, false, true},
		{"verify-required", false, true},
	}
	key := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshtest.NewClientKey(t).PublicKey())))
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "keys")
		line := strings.TrimSpace(tt.options + " " + key)
		if err := os.WriteFile(path, []byte(line+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		lines, err := parseAuthorizedKeysFile(path)
		switch {
		case tt.refused:
			if err == nil || !strings.Contains(err.Error(), "does not support the key option") || !strings.Contains(err.Error(), "honours restrict") {
				t.Errorf("%q: want a refusal that lists the honoured options, got %v", tt.options, err)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.options, err)
		case len(lines) != 1 || lines[0].noPty != tt.noPty:
			t.Errorf("%q: %+v, want noPty %t", tt.options, lines, tt.noPty)
		}
	}
}
