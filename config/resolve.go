package config

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"smhbin/api"
	"smhbin/keymap"
	"smhbin/safe"
	"smhbin/termimg"
	"smhbin/theme"
)

// maxTokenFileLength bounds the token file: a token is ~100 bytes, so a
// huge file is the wrong one.
const maxTokenFileLength = 64 << 10

// Config is the resolved configuration of one smhbin invocation.
type Config struct {
	Endpoint  string // base URL of the SMH API (or of the embedded emulator)
	LibraryID string
	SpaceID   string // "-" for single-tenant libraries
	Token     string // access token; secret: never printed (see String)
	// TokenFile is the file the token was read from ("" for none and for
	// stdin), so the TUI can read a refreshed token without a restart.
	TokenFile string
	UserID    string // optional acting user for admin tokens
	PageSize  int    // items per list request, 1–1000
	OrderBy   string // list sort field, one of the api.OrderBy… constants
	Order     string // api.OrderAsc or api.OrderDesc
	// Demo is true when smhbin talks to its embedded emulator: --demo was
	// given or no library is configured. Endpoint, LibraryID and Token are
	// then filled in when the emulator starts.
	Demo        bool
	Seed        int64 // demo data seed
	NoColor     bool
	ReadOnly    bool // restores are disabled
	RestorePath api.PathStrategy
	// BatchGap is the pause between two removals that starts a new
	// deletion batch in the terminal UI, 1s–24h.
	BatchGap time.Duration
	// ExpiringDays is the days-left limit of the terminal UI's expiring
	// filter, 1–365.
	ExpiringDays int64
	// Preview is how the terminal UI draws image previews; termimg.Resolve
	// turns it into a protocol for the terminal at hand.
	Preview termimg.Mode

	// PublicRead allows browsing without a token: SMH lets a public-read
	// library's read calls omit it.
	PublicRead bool

	ConfigFile string         // the config file that was read; "" when none
	KeyMap     *keymap.KeyMap // the config file's [keys]; nil for keymap.Default()
	Palette    *theme.Palette // the config file's [theme]; nil for the default
	LogFile    string         // --log
}

// String describes the configuration without the token, so that a stray
// %v can never leak it.
func (c Config) String() string {
	tok := "unset"
	if c.Token != "" {
		tok = "set"
	}
	return fmt.Sprintf("endpoint=%s library=%s space=%s user=%s token=%s demo=%t", c.Endpoint, c.LibraryID, c.SpaceID, c.UserID, tok, c.Demo)
}

// GoString is String for %#v.
func (c Config) GoString() string { return "config.Config{" + c.String() + "}" }

// Error is a configuration mistake, as one sentence; the CLI exits 2.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// FlagError rewrites err, from parsing a flag of the table, as an Error
// that names the flag ("--page-size must be between 1 and 1000, not 0");
// ok is false for other errors.
func FlagError(err error) (error, bool) {
	var ve *valueError
	var ie *pflag.InvalidValueError
	if !errors.As(err, &ve) || !errors.As(err, &ie) {
		return err, false
	}
	return errorf("--%s %s", ie.GetFlag().Name, safe.Text(ve.msg)), true
}

// Resolve turns the flags (changed reports those the user gave), the
// environment (through getenv, so tests need not touch the real one), the
// config file (--config, else found through XDG_CONFIG_HOME or HOME) and,
// for --token-file -, stdin into a Config. Precedence: flag > environment
// > config file > default, except that the file's no_color beats
// NO_COLOR, as no-color.org asks. Warnings (a token file others can read,
// say) are returned for the caller to print; an error is an *Error.
// Resolve is meant to run once per invocation: it settles the values.
func (s *Set) Resolve(given func(flag string) bool, getenv func(string) string, stdin io.Reader) (Config, []string, error) {
	changed := func(flag string) bool { return s.forced[flag] || given(flag) }
	f, err := Load(s.v.config.v, getenv)
	if err != nil {
		return Config{}, nil, err
	}
	if f == nil {
		f = &File{v: newValues()}
	}
	fileRows := table(f.v)
	v := s.v
	for i, r := range s.rows {
		if changed(r.Flag) || r.Value == Value(&v.tokenFile) {
			continue // a flag wins; the token is picked below
		}
		if r.Key != "" && f.has(r.Key) {
			r.Value.assign(fileRows[i].Value)
		}
		if r.Env == "" || r.Env == EnvNoColor {
			continue
		}
		if e := strings.TrimSpace(getenv(r.Env)); e != "" {
			if err := r.Value.Set(e); err != nil {
				return Config{}, nil, errorf("%s %s", r.Env, safe.Text(err.Error()))
			}
		}
	}
	if !changed("no-color") && !f.has("no_color") && getenv(EnvNoColor) != "" {
		v.noColor.v = true
	}
	c := Config{
		Endpoint: v.endpoint.v, LibraryID: v.library.v, SpaceID: v.space.v, UserID: v.userID.v,
		PageSize: int(v.pageSize.v), OrderBy: v.orderBy.v, Order: v.order.v,
		Demo: v.demo.v || v.library.v == "", Seed: v.seed.v, NoColor: v.noColor.v, ReadOnly: v.readOnly.v,
		RestorePath: api.PathStrategy(v.restorePath.v), BatchGap: v.batchGap.v, ExpiringDays: v.expiringDays.v,
		Preview:    termimg.Mode(v.preview.v),
		ConfigFile: f.Path, KeyMap: f.KeyMap, Palette: f.Palette, LogFile: v.log.v,
	}
	c.PublicRead = v.publicRead.v
	if c.Demo {
		// The embedded emulator provides endpoint, library and token; a
		// configured token is not read (and stdin is left alone).
		return c, nil, nil
	}
	var warnings []string
	if u, err := url.Parse(c.Endpoint); err == nil && u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		warnings = append(warnings, fmt.Sprintf("warning: %s uses plain http; the access token would travel unencrypted", safe.Text(c.Endpoint)))
	}
	tokenFile := ""
	switch c.Token = strings.TrimSpace(getenv(EnvToken)); {
	case changed("token-file"):
		tokenFile = v.tokenFile.v
	case c.Token == "" && f.has("token_file"):
		tokenFile = f.v.tokenFile.v
	}
	if tokenFile != "" {
		tok, w, err := readTokenFile(tokenFile, stdin)
		if err != nil {
			return Config{}, nil, err
		}
		c.Token = tok
		warnings = append(warnings, w...)
		if tokenFile != "-" {
			c.TokenFile = tokenFile
		}
	}
	return c, warnings, nil
}

// isLoopbackHost is true for literal loopback addresses and "localhost".
func isLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// ReadTokenFile reads the token from the file at path again (never
// stdin). Like readTokenFile, it never puts the token into its error.
func ReadTokenFile(path string) (string, error) {
	if path == "" || path == "-" {
		return "", errorf("no token file to read")
	}
	tok, _, err := readTokenFile(path, nil)
	return tok, err
}

// readTokenFile reads the token from path, or from stdin for "-". It never
// puts the token's text into an error or a warning.
func readTokenFile(path string, stdin io.Reader) (string, []string, error) {
	var warnings []string
	var r io.Reader
	if path == "-" {
		if stdin == nil {
			return "", nil, errorf("--token-file - needs the token on stdin")
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", nil, errorf("cannot read the token file: %v", DescribePathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
			warnings = append(warnings, fmt.Sprintf("warning: token file %s is readable by others (mode %04o); run chmod 600 on it", safe.Text(path), st.Mode().Perm()))
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTokenFileLength+1))
	if err != nil {
		return "", nil, errorf("cannot read the token file %s: %v", safe.Text(path), DescribePathError(err))
	}
	if len(b) > maxTokenFileLength {
		return "", nil, errorf("the token file %s is larger than %d KiB: is it the right file?", safe.Text(path), maxTokenFileLength>>10)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", nil, errorf("the token file %s is empty", safe.Text(path))
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return "", nil, errorf("the token file %s holds more than one word; it should hold only the access token", safe.Text(path))
	}
	return tok, warnings, nil
}

// DescribePathError keeps an *os.PathError's operation and reason, which
// say what went wrong without quoting any file content.
func DescribePathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return safe.Text(pe.Path) + ": " + pe.Err.Error()
	}
	return err.Error()
}
