package sshserve

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/safe"
)

// access is what one listed key may do.
type access struct {
	readOnly bool // may browse but not restore
	noPty    bool // may not have a terminal: no-pty, or restrict without a later pty
}

// Keyring holds the public keys allowed to connect, by their wire form,
// and what each may do.
type Keyring struct {
	keys     map[string]access // marshalled key → its rights
	readOnly int               // how many keys are read-only
}

// LoadKeyring reads the authorized keys and the read-only keys (either may
// be "", not both empty). A key listed twice gets the smaller rights of
// its lines: read-only if in the read-only file, no terminal if any of its
// lines forbids one.
func LoadKeyring(authorized, readOnly string) (*Keyring, error) {
	k := &Keyring{keys: map[string]access{}}
	for _, f := range []struct {
		path     string
		readOnly bool
	}{{authorized, false}, {readOnly, true}} {
		if f.path == "" {
			continue
		}
		lines, err := parseAuthorizedKeysFile(f.path)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			id := string(l.key.Marshal())
			a, seen := k.keys[id]
			if f.readOnly && (!seen || !a.readOnly) {
				k.readOnly++
			}
			k.keys[id] = access{readOnly: a.readOnly || f.readOnly, noPty: a.noPty || l.noPty}
		}
	}
	if len(k.keys) == 0 {
		return nil, errors.New("the authorized keys files list no keys: nobody could connect")
	}
	return k, nil
}

// lookup reports whether key may connect and what it may do. Keys are
// compared by their marshalled bytes, as ssh.KeysEqual does; a
// certificate never matches the plain key it certifies.
func (k *Keyring) lookup(key gossh.PublicKey) (access, bool) {
	if k == nil || key == nil {
		return access{}, false
	}
	a, ok := k.keys[string(key.Marshal())]
	return a, ok
}

// keyLine is one key of an authorized_keys file with its options applied.
type keyLine struct {
	key   gossh.PublicKey
	noPty bool
}

// HonouredKeyOptions lists the authorized_keys options serve accepts, for
// messages and documentation. Matching is case-insensitive, as in OpenSSH.
const HonouredKeyOptions = "restrict, pty, no-pty, and the forwarding and user-rc options " +
	"(no-port-forwarding, no-agent-forwarding, no-x11-forwarding, no-user-rc and their positive forms)"

// applyKeyOption applies one authorized_keys option to l, left to right as
// OpenSSH does: restrict forbids a terminal unless a later pty allows it
// again, no-pty forbids one. The forwarding and user-rc options are
// accepted as written: serve offers no forwarding and runs no rc file,
// so there is nothing for them to forbid or permit. Any other option
// (from=, command=, expiry-time=, cert-authority, …) is a restriction
// serve would not enforce, so it returns false and the line is refused
// rather than silently widened.
func applyKeyOption(l *keyLine, name string) bool {
	switch strings.ToLower(name) {
	case "restrict", "no-pty":
		l.noPty = true
	case "pty":
		l.noPty = false
	case "no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding", "no-user-rc",
		"port-forwarding", "agent-forwarding", "x11-forwarding", "user-rc":
	default:
		return false
	}
	return true
}

// parseAuthorizedKeysFile reads an OpenSSH authorized_keys file, skipping
// blank lines and comments. A line that is not a key, or that carries an
// option smhbin cannot honour, is an error naming file:line.
func parseAuthorizedKeysFile(path string) ([]keyLine, error) {
	b, err := readBounded(path, maxKeysFileLength)
	if err != nil {
		return nil, fmt.Errorf("cannot read the keys file: %s", describePathError(err))
	}
	var lines []keyLine
	for i, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		where := fmt.Sprintf("%s:%d", safe.Text(path), i+1)
		pk, _, options, rest, err := gossh.ParseAuthorizedKey(line)
		if err != nil || len(bytes.TrimSpace(rest)) > 0 {
			return nil, fmt.Errorf("%s: not a public key in authorized_keys format", where)
		}
		l := keyLine{key: pk}
		for _, opt := range options {
			name, _, _ := strings.Cut(opt, "=")
			if !applyKeyOption(&l, name) {
				return nil, fmt.Errorf("%s: smhbin serve does not support the key option %q (it honours %s); remove it or list the key elsewhere", where, safe.Text(name), HonouredKeyOptions)
			}
		}
		lines = append(lines, l)
	}
	return lines, nil
}
