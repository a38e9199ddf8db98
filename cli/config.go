package cli

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"smhbin/api"
	"smhbin/keymap"
	"smhbin/theme"
	"smhbin/ui"
)

// Environment variables read by Resolve. Flags win over them.
const (
	envEndpoint = "SMH_ENDPOINT"
	envLibrary  = "SMH_LIBRARY_ID"
	envSpace    = "SMH_SPACE_ID"
	envToken    = "SMH_ACCESS_TOKEN"
	envUserID   = "SMH_USER_ID"
	envNoColor  = "NO_COLOR" // https://no-color.org
)

// Defaults of the persistent flags.
const (
	defaultSpace       = "-" // the SpaceId of a single-tenant library
	defaultPageSize    = 100
	maxPageSize        = 1000
	defaultOrderBy     = api.OrderByRemovalTime
	defaultOrder       = api.OrderDesc
	defaultSeed        = 1
	maxTokenFileLength = 64 << 10 // a token is ~100 bytes; refuse to slurp a wrong, huge file
	// A gap under a second would split one clean-up into a batch per file,
	// one over a day would merge a week's clean-ups into one.
	minBatchGap     = time.Second
	maxBatchGap     = 24 * time.Hour
	maxExpiringDays = 365 // items stay in the bin for at most a year or so
)

// Flags are the raw values of the persistent flags, before the environment,
// the config file and the defaults are applied. Changed holds the names of
// the flags the user actually gave, so that an explicit flag beats the
// environment even when it repeats the default value.
type Flags struct {
	Endpoint    string
	Library     string
	Space       string
	TokenFile   string
	UserID      string
	PageSize    int
	OrderBy     string
	Order       string
	Demo        bool
	Seed        int64
	NoColor     bool
	ReadOnly    bool
	RestorePath string
	// BatchGap and ExpiringDays tune the terminal UI's batch view and
	// expiring filter; no environment variable sets them.
	BatchGap     time.Duration
	ExpiringDays int64
	Config       string // --config: the config file; "" for the default place
	Log          string // --log: debug log file
	Changed      map[string]bool
}

// defaultFlags are the flag values when none is given; the cobra flags are
// registered with these defaults so --help shows them.
func defaultFlags() Flags {
	return Flags{
		Endpoint:     api.DefaultEndpoint,
		Space:        defaultSpace,
		PageSize:     defaultPageSize,
		OrderBy:      defaultOrderBy,
		Order:        defaultOrder,
		Seed:         defaultSeed,
		RestorePath:  string(api.OriginalPath),
		BatchGap:     ui.DefaultBatchGap,
		ExpiringDays: ui.DefaultExpiringDays,
	}
}

// Config is the resolved configuration of one smhbin invocation.
type Config struct {
	Endpoint  string // base URL of the SMH API (or of the embedded emulator)
	LibraryID string
	SpaceID   string // "-" for single-tenant libraries
	Token     string // access token; secret: never printed (see String)
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

	ConfigFile string         // the config file that was read; "" when none
	KeyMap     *keymap.KeyMap // the config file's [keys]; nil for keymap.Default()
	Palette    *theme.Palette // the config file's [theme]; nil for the default
	LogFile    string         // --log
	Log        *debugLog      // opened from LogFile by the command; nil: no log
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
func (c Config) GoString() string { return "cli.Config{" + c.String() + "}" }

// configError is a configuration mistake: exit code 2 with its sentence.
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

func configErrorf(format string, args ...any) error {
	return &configError{msg: fmt.Sprintf(format, args...)}
}

// Resolve turns flags, the environment (through getenv, so tests need not
// touch the real one), the config file (--config, else found through
// XDG_CONFIG_HOME or HOME in getenv) and, for --token-file -, stdin into a
// Config. Precedence: flag > environment > config file > default, except
// that the file's no_color beats NO_COLOR, as no-color.org asks. Warnings
// (for example a token file others can read) are returned for the caller
// to print; a returned error is a configuration mistake and means exit
// code 2.
func Resolve(f Flags, getenv func(string) string, stdin io.Reader) (Config, []string, error) {
	file, err := loadConfigFile(f.Config, getenv)
	if err != nil {
		return Config{}, nil, err
	}
	if file == nil {
		file = &fileConfig{}
	}
	pick := func(flag, value, env string, fromFile *string) string {
		if f.Changed[flag] {
			return value
		}
		if v := strings.TrimSpace(getenv(env)); v != "" {
			return v
		}
		return orFile(false, value, fromFile)
	}
	c := Config{
		Endpoint:     strings.TrimRight(pick("endpoint", f.Endpoint, envEndpoint, file.Endpoint), "/"),
		LibraryID:    pick("library", f.Library, envLibrary, file.Library),
		SpaceID:      pick("space", f.Space, envSpace, file.Space),
		UserID:       pick("user-id", f.UserID, envUserID, file.UserID),
		PageSize:     orFile(f.Changed["page-size"], f.PageSize, file.PageSize),
		OrderBy:      orFile(f.Changed["order-by"], f.OrderBy, file.OrderBy),
		Order:        orFile(f.Changed["order"], f.Order, file.Order),
		Seed:         f.Seed,
		NoColor:      orFile(f.Changed["no-color"], f.NoColor, file.NoColor),
		ReadOnly:     orFile(f.Changed["read-only"], f.ReadOnly, file.ReadOnly),
		RestorePath:  api.PathStrategy(orFile(f.Changed["restore-path"], f.RestorePath, file.RestorePath)),
		BatchGap:     orFile(f.Changed["batch-gap"], f.BatchGap, file.BatchGap),
		ExpiringDays: orFile(f.Changed["expiring-days"], f.ExpiringDays, file.ExpiringDays),
		ConfigFile:   file.Path,
		KeyMap:       file.KeyMap,
		Palette:      file.Palette,
		LogFile:      f.Log,
	}
	if !f.Changed["no-color"] && file.NoColor == nil && getenv(envNoColor) != "" {
		c.NoColor = true
	}
	c.Demo = f.Demo || c.LibraryID == ""

	if c.PageSize < 1 || c.PageSize > maxPageSize {
		return Config{}, nil, configErrorf("--page-size must be between 1 and %d, not %d", maxPageSize, c.PageSize)
	}
	if err := oneOf("--order-by", c.OrderBy, api.OrderByName, api.OrderByModificationTime, api.OrderBySize, api.OrderByRemovalTime, api.OrderByRemainingTime); err != nil {
		return Config{}, nil, err
	}
	if err := oneOf("--order", c.Order, api.OrderAsc, api.OrderDesc); err != nil {
		return Config{}, nil, err
	}
	if err := oneOf("--restore-path", string(c.RestorePath), string(api.OriginalPath), string(api.FallbackToRoot)); err != nil {
		return Config{}, nil, err
	}
	if c.BatchGap < minBatchGap || c.BatchGap > maxBatchGap {
		return Config{}, nil, configErrorf("--batch-gap must be between %s and %s, not %s", shortDuration(minBatchGap), shortDuration(maxBatchGap), shortDuration(c.BatchGap))
	}
	if c.ExpiringDays < 1 || c.ExpiringDays > maxExpiringDays {
		return Config{}, nil, configErrorf("--expiring-days must be between 1 and %d, not %d", maxExpiringDays, c.ExpiringDays)
	}
	if c.SpaceID == "" {
		return Config{}, nil, configErrorf("--space must not be empty: use - for a single-tenant library")
	}
	if c.Demo {
		// The embedded emulator provides endpoint, library and token; a
		// configured token is not read (and stdin is left alone).
		return c, nil, nil
	}
	var warnings []string
	w, err := checkEndpoint(c.Endpoint)
	if err != nil {
		return Config{}, nil, err
	}
	warnings = append(warnings, w...)
	tokenFile := f.TokenFile
	if c.Token = strings.TrimSpace(getenv(envToken)); tokenFile == "" && c.Token == "" && file.TokenFile != nil {
		tokenFile = *file.TokenFile
	}
	if tokenFile != "" {
		tok, w, err := readTokenFile(tokenFile, stdin)
		if err != nil {
			return Config{}, nil, err
		}
		c.Token = tok
		warnings = append(warnings, w...)
	}
	return c, warnings, nil
}

// orFile is the flag's value when it was given, else the config file's
// when it sets one, else value (the default, or what the environment said).
func orFile[T any](changed bool, value T, fromFile *T) T {
	if !changed && fromFile != nil {
		return *fromFile
	}
	return value
}

// shortDuration writes d as time.Duration does, without its zero units:
// "1m" and "24h" rather than "1m0s" and "24h0m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

func oneOf(flag, v string, allowed ...string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return configErrorf("%s must be one of %s, not %q", flag, strings.Join(allowed, ", "), cleanText(v))
}

// checkEndpoint accepts http(s) URLs with a host. Plain http is allowed for
// the emulator but warned about elsewhere, since the token travels in the
// query string.
func checkEndpoint(s string) ([]string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, configErrorf("--endpoint must be an http(s) URL such as %s, not %q", api.DefaultEndpoint, cleanText(s))
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return []string{fmt.Sprintf("warning: %s uses plain http; the access token would travel unencrypted", cleanText(s))}, nil
	}
	return nil, nil
}

// readTokenFile reads the token from path, or from stdin for "-". It never
// puts the token's text into an error or a warning.
func readTokenFile(path string, stdin io.Reader) (string, []string, error) {
	var warnings []string
	var r io.Reader
	if path == "-" {
		if stdin == nil {
			return "", nil, configErrorf("--token-file - needs the token on stdin")
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", nil, configErrorf("cannot read the token file: %v", describePathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
			warnings = append(warnings, fmt.Sprintf("warning: token file %s is readable by others (mode %04o); run chmod 600 on it", cleanText(path), st.Mode().Perm()))
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTokenFileLength+1))
	if err != nil {
		return "", nil, configErrorf("cannot read the token file %s: %v", cleanText(path), describePathError(err))
	}
	if len(b) > maxTokenFileLength {
		return "", nil, configErrorf("the token file %s is larger than %d KiB: is it the right file?", cleanText(path), maxTokenFileLength>>10)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", nil, configErrorf("the token file %s is empty", cleanText(path))
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return "", nil, configErrorf("the token file %s holds more than one word; it should hold only the access token", cleanText(path))
	}
	return tok, warnings, nil
}

// describePathError keeps an *os.PathError's operation and reason, which
// say what went wrong without quoting any file content.
func describePathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return cleanText(pe.Path) + ": " + pe.Err.Error()
	}
	return err.Error()
}
