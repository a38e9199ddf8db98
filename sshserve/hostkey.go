package sshserve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/safe"
)

// Bounds on the key files read at start-up. A larger file is refused, not
// truncated: --host-key /dev/zero or a log given by mistake would
// otherwise be read until memory runs out.
const (
	maxKeysFileLength    = 4 << 20  // an authorized_keys file: thousands of keys fit
	maxHostKeyFileLength = 64 << 10 // a private key: an RSA-16384 key is about 12 KiB
)

// EnsureHostKey loads the host key at path, creating an ed25519 key there
// on first run. The key is written 0600 in a directory created 0700 if
// missing; an existing key readable by others is tightened to 0600 and a
// warning says so.
//
// wish.WithHostKeyPath would create the key through keygen, which also
// chmods an existing parent directory to 0700 — the working directory
// for --host-key ./key — so the key is made here instead.
func EnsureHostKey(path string) (gossh.Signer, string, error) {
	b, err := readBounded(path, maxHostKeyFileLength)
	if errors.Is(err, os.ErrNotExist) {
		b, err = createHostKey(path)
		if err != nil {
			return nil, "", fmt.Errorf("cannot create the host key: %v", describePathError(err))
		}
	} else if err != nil {
		return nil, "", fmt.Errorf("cannot read the host key: %s", describePathError(err))
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return nil, "", fmt.Errorf("the host key %s is not an unencrypted OpenSSH or PEM private key: %v", safe.Text(path), err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", fmt.Errorf("cannot check the host key: %s", describePathError(err))
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, "", fmt.Errorf("the host key %s is readable by others (mode %04o) and cannot be made private: %s", safe.Text(path), perm, describePathError(err))
		}
		return signer, fmt.Sprintf("warning: the host key %s was readable by others (mode %04o); it is now 0600", safe.Text(path), perm), nil
	}
	return signer, "", nil
}

// createHostKey writes a new ed25519 private key in OpenSSH format. O_EXCL
// keeps two servers starting at once from overwriting each other's key.
func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "smhbin host key")
	if err != nil {
		return nil, err
	}
	b := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return readBounded(path, maxHostKeyFileLength) // another server made it a moment ago
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, err
	}
	return b, nil
}

// readBounded reads the file at path if it holds at most limit bytes. It
// reads one byte more than that to tell, so a device such as /dev/zero
// costs limit+1 bytes, not all the memory there is.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(b)) > limit {
		return nil, &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("more than %d bytes; no key file is that large", limit)}
	}
	return b, nil
}

// describePathError keeps an *os.PathError's operation and reason, which
// say what went wrong without quoting any file content.
func describePathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return safe.Text(pe.Path) + ": " + pe.Err.Error()
	}
	return err.Error()
}

// HostKeyName is the host key's file name in smhbin's data directory.
const HostKeyName = "ssh_host_ed25519"

// DefaultHostKeyPath follows the XDG base directory spec for data files:
// $XDG_DATA_HOME/smhbin/HostKeyName, else under ~/.local/share. It is ""
// when neither variable is usable.
func DefaultHostKeyPath(getenv func(string) string) string {
	if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "smhbin", HostKeyName)
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "smhbin", HostKeyName)
	}
	return ""
}

// hostKeyFingerprint is the host key as users see it on first connect.
func hostKeyFingerprint(s gossh.Signer) string { return gossh.FingerprintSHA256(s.PublicKey()) }
