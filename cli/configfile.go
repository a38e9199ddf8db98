package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"smhbin/api"
	"smhbin/internal/suggest"
	"smhbin/keymap"
	"smhbin/theme"
)

// Where the config file lives, after the XDG base directory spec.
const (
	configDirName     = "smhbin"
	configFileName    = "config.toml"
	envXDGConfigHome  = "XDG_CONFIG_HOME"
	envHome           = "HOME"
	maxConfigFileSize = 1 << 20 // a real one is a few KiB; refuse to parse a wrong, huge file
)

// fileConfig is what a config file sets. Nil pointers are settings the
// file leaves out, so that the defaults (or the environment) apply.
type fileConfig struct {
	Path                             string
	Endpoint, Library, Space, UserID *string
	TokenFile                        *string // absolute, ~ expanded
	PageSize                         *int
	OrderBy, Order, RestorePath      *string
	ReadOnly, NoColor                *bool
	BatchGap                         *time.Duration
	ExpiringDays                     *int64
	KeyMap                           *keymap.KeyMap // [keys] applied to keymap.Default()
	Palette                          *theme.Palette // [theme] applied to theme.DefaultPalette()
}

// configPath returns the config file smhbin reads: flagPath when --config
// was given, else $XDG_CONFIG_HOME/smhbin/config.toml, else
// ~/.config/smhbin/config.toml; "" when none of these is known.
func configPath(flagPath string, getenv func(string) string) string {
	if flagPath != "" {
		return flagPath
	}
	if d := getenv(envXDGConfigHome); filepath.IsAbs(d) {
		return filepath.Join(d, configDirName, configFileName)
	}
	if h := getenv(envHome); h != "" {
		return filepath.Join(h, ".config", configDirName, configFileName)
	}
	return ""
}

// loadConfigFile reads and checks the config file. A missing file is
// not an error unless it was named with --config; then it returns nil.
func loadConfigFile(flagPath string, getenv func(string) string) (*fileConfig, error) {
	path := configPath(flagPath, getenv)
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && flagPath == "" {
		return nil, nil
	}
	if err != nil {
		return nil, configErrorf("cannot read the config file: %v", describePathError(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigFileSize+1))
	if err != nil {
		return nil, configErrorf("cannot read the config file %s: %v", cleanText(path), describePathError(err))
	}
	if len(b) > maxConfigFileSize {
		return nil, configErrorf("the config file %s is larger than %d KiB: is it the right file?", cleanText(path), maxConfigFileSize>>10)
	}
	return parseConfigFile(path, string(b), getenv)
}

// problem is one mistake in a config file, at a line (0 when unknown).
type problem struct {
	line int
	msg  string
}

// fileParser decodes one config file, collecting problems with the line
// they are on; the first one, in file order, is reported.
type fileParser struct {
	path     string
	md       toml.MetaData
	lines    map[string]int // key path (parts joined by \x00) → line
	problems []problem
	reported [][]string // keys already blamed, not to be called unknown too
	getenv   func(string) string
}

// parseConfigFile parses text, the contents of the config file at path.
func parseConfigFile(path, text string, getenv func(string) string) (*fileConfig, error) {
	p := &fileParser{path: path, getenv: getenv, lines: keyLines(text)}
	var raw map[string]toml.Primitive
	md, err := toml.Decode(text, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, p.errorAt(pe.Position.Line, "%s", pe.Message)
		}
		return nil, p.errorAt(0, "%v", err)
	}
	p.md = md
	fc := &fileConfig{Path: path}
	if _, ok := raw["token"]; ok {
		p.blame([]string{"token"}, "the access token must not be in the config file (it is easy to share or commit by mistake): name a file that holds it with token_file, or set SMH_ACCESS_TOKEN")
	}
	p.scalars(raw, fc)
	if prim, ok := raw["theme"]; ok {
		fc.Palette = p.palette(prim)
	}
	if prim, ok := raw["keys"]; ok {
		fc.KeyMap = p.keys(prim)
	}
	p.unknownKeys(raw)
	if len(p.problems) > 0 {
		// A problem whose line the scan could not find sorts last.
		order := func(l int) int {
			if l == 0 {
				return int(^uint(0) >> 1)
			}
			return l
		}
		first := slices.MinFunc(p.problems, func(a, b problem) int { return order(a.line) - order(b.line) })
		return nil, p.errorAt(first.line, "%s", first.msg)
	}
	return fc, nil
}

func (p *fileParser) errorAt(line int, format string, args ...any) error {
	where := "in config file " + cleanText(p.path)
	if line > 0 {
		where += fmt.Sprintf(", line %d", line)
	}
	return configErrorf("%s: %s", where, cleanText(fmt.Sprintf(format, args...)))
}

// blame records a problem with key.
func (p *fileParser) blame(key []string, format string, args ...any) {
	p.problems = append(p.problems, problem{line: p.lineOf(key), msg: fmt.Sprintf(format, args...)})
	p.reported = append(p.reported, key)
}

// lineOf is the line of key, or of its closest parent the scan found.
func (p *fileParser) lineOf(key []string) int {
	for n := len(key); n > 0; n-- {
		if l, ok := p.lines[strings.Join(key[:n], "\x00")]; ok {
			return l
		}
	}
	return 0
}

// scalars decodes and checks the top-level settings.
func (p *fileParser) scalars(raw map[string]toml.Primitive, fc *fileConfig) {
	str := func(name string, dst **string, check func(string) string) {
		prim, ok := raw[name]
		if !ok {
			return
		}
		var v string
		if err := p.md.PrimitiveDecode(prim, &v); err != nil {
			p.blame([]string{name}, "%s must be a string in double quotes", name)
			return
		}
		v = strings.TrimSpace(v)
		if check != nil {
			if msg := check(v); msg != "" {
				p.blame([]string{name}, "%s", msg)
				return
			}
		}
		*dst = &v
	}
	enum := func(name string, allowed ...string) func(string) string {
		return func(v string) string {
			if slices.Contains(allowed, v) {
				return ""
			}
			return fmt.Sprintf("%s must be one of %s, not %q", name, strings.Join(allowed, ", "), v)
		}
	}
	boolean := func(name string, dst **bool) {
		if prim, ok := raw[name]; ok {
			var v bool
			if err := p.md.PrimitiveDecode(prim, &v); err != nil {
				p.blame([]string{name}, "%s must be true or false, without quotes", name)
				return
			}
			*dst = &v
		}
	}
	str("endpoint", &fc.Endpoint, func(v string) string {
		u, err := url.Parse(v)
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return fmt.Sprintf("endpoint must be an http(s) URL such as %s, not %q", api.DefaultEndpoint, v)
		}
		return ""
	})
	str("library", &fc.Library, nil)
	str("space", &fc.Space, func(v string) string {
		if v == "" {
			return "space must not be empty: use \"-\" for a single-tenant library"
		}
		return ""
	})
	str("user_id", &fc.UserID, nil)
	str("token_file", &fc.TokenFile, func(v string) string {
		if v == "" || v == "-" {
			return "token_file must name a file that holds the access token"
		}
		return ""
	})
	if fc.TokenFile != nil {
		abs := p.expandPath(*fc.TokenFile)
		fc.TokenFile = &abs
	}
	// whole decodes a whole number from 1 to most; ok is false when the
	// key is absent or wrong (then blamed).
	whole := func(name string, most int64) (v int64, ok bool) {
		prim, ok := raw[name]
		if !ok {
			return 0, false
		}
		if err := p.md.PrimitiveDecode(prim, &v); err != nil {
			p.blame([]string{name}, "%s must be a whole number between 1 and %d", name, most)
			return 0, false
		}
		if v < 1 || v > most {
			p.blame([]string{name}, "%s must be between 1 and %d, not %d", name, most, v)
			return 0, false
		}
		return v, true
	}
	if v, ok := whole("page_size", maxPageSize); ok {
		n := int(v)
		fc.PageSize = &n
	}
	if v, ok := whole("expiring_days", maxExpiringDays); ok {
		fc.ExpiringDays = &v
	}
	p.batchGap(raw, fc)
	str("order_by", &fc.OrderBy, enum("order_by", api.OrderByName, api.OrderByModificationTime, api.OrderBySize, api.OrderByRemovalTime, api.OrderByRemainingTime))
	str("order", &fc.Order, enum("order", api.OrderAsc, api.OrderDesc))
	str("restore_path", &fc.RestorePath, enum("restore_path", string(api.OriginalPath), string(api.FallbackToRoot)))
	boolean("read_only", &fc.ReadOnly)
	boolean("no_color", &fc.NoColor)
}

// batchGap decodes batch_gap, a Go duration in a string ("90s", "2m").
func (p *fileParser) batchGap(raw map[string]toml.Primitive, fc *fileConfig) {
	prim, ok := raw["batch_gap"]
	if !ok {
		return
	}
	key := []string{"batch_gap"}
	var s string
	if err := p.md.PrimitiveDecode(prim, &s); err != nil {
		p.blame(key, "batch_gap must be a duration in double quotes, such as \"90s\" or \"2m\"")
		return
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		p.blame(key, "batch_gap must be a duration such as \"90s\" or \"2m\", not %q", s)
		return
	}
	if d < minBatchGap || d > maxBatchGap {
		p.blame(key, "batch_gap must be between %s and %s, not %q", shortDuration(minBatchGap), shortDuration(maxBatchGap), s)
		return
	}
	fc.BatchGap = &d
}

// expandPath resolves ~/ against HOME and a relative path against the
// config file's folder, so that the file means the same from any
// working directory.
func (p *fileParser) expandPath(v string) string {
	if rest, ok := strings.CutPrefix(v, "~/"); ok {
		if h := p.getenv(envHome); h != "" {
			return filepath.Join(h, rest)
		}
	}
	if filepath.IsAbs(v) {
		return v
	}
	return filepath.Join(filepath.Dir(p.path), v)
}

// palette decodes [theme] into role colours on the default palette.
func (p *fileParser) palette(prim toml.Primitive) *theme.Palette {
	var roles map[string]toml.Primitive
	if err := p.md.PrimitiveDecode(prim, &roles); err != nil || !p.isTable("theme") {
		p.blame([]string{"theme"}, "theme must be a table of colours by role, such as [theme] primary = \"#5A56E0\"")
		return nil
	}
	colors := make(map[string]theme.ColorSpec, len(roles))
	for role, rp := range roles {
		var hex string
		if err := p.md.PrimitiveDecode(rp, &hex); err == nil {
			colors[role] = theme.ColorSpec{Light: hex, Dark: hex}
			continue
		}
		var pair struct {
			Light string `toml:"light"`
			Dark  string `toml:"dark"`
		}
		if err := p.md.PrimitiveDecode(rp, &pair); err != nil {
			p.blame([]string{"theme", role}, "theme.%s must be a colour such as \"#5A56E0\" or { light = \"#5A56E0\", dark = \"#8B87FF\" }", role)
			continue
		}
		colors[role] = theme.ColorSpec{Light: pair.Light, Dark: pair.Dark}
	}
	pal, err := theme.PaletteFromConfig(theme.DefaultPalette(), colors)
	var re *theme.RoleError
	if errors.As(err, &re) {
		p.blame([]string{"theme", re.Role}, "[theme] %s", re.Msg)
		return nil
	}
	return &pal
}

// isTable reports whether key is a table: [key], key = { … }, or made
// by dotted keys (key.x = …, which has no type of its own). toml decodes
// anything else into a map as an empty one, without an error.
func (p *fileParser) isTable(key string) bool {
	t := p.md.Type(key)
	return t == "Hash" || t == ""
}

// keys decodes [keys] and rebinds the default keymap with it.
func (p *fileParser) keys(prim toml.Primitive) *keymap.KeyMap {
	var actions map[string]toml.Primitive
	if err := p.md.PrimitiveDecode(prim, &actions); err != nil || !p.isTable("keys") {
		p.blame([]string{"keys"}, "keys must be a table of actions, such as [keys] restore = [\"r\"]")
		return nil
	}
	m := make(map[string][]string, len(actions))
	for name, ap := range actions {
		var list []string
		if err := p.md.PrimitiveDecode(ap, &list); err != nil {
			var one string
			if err := p.md.PrimitiveDecode(ap, &one); err != nil {
				p.blame([]string{"keys", name}, "keys.%s must be a list of key names, such as [\"r\", \"ctrl+r\"]", name)
				continue
			}
			list = []string{one}
		}
		m[name] = list
	}
	km, err := keymap.Rebind(keymap.Default(), m)
	var re *keymap.RebindError
	if errors.As(err, &re) {
		p.blame([]string{"keys", re.Action}, "[keys] %s", re.Msg)
		return nil
	}
	return &km
}

// knownKeys are the top-level keys, for suggestions; the tables come
// last, where the template test expects them.
var knownKeys = []string{"endpoint", "library", "space", "token_file", "user_id", "page_size", "order_by", "order", "restore_path", "read_only", "no_color", "batch_gap", "expiring_days", "theme", "keys"}

// unknownKeys reports keys nothing decoded, unless a problem already
// covers them. Decoding into raw marked every top-level key decoded, so
// those are checked against the known ones first.
func (p *fileParser) unknownKeys(raw map[string]toml.Primitive) {
	for _, k := range p.md.Keys() {
		if len(k) == 1 && !slices.Contains(knownKeys, k[0]) && k[0] != "token" {
			p.unknown(k)
		}
	}
	for _, k := range p.md.Undecoded() {
		if slices.ContainsFunc(p.reported, func(r []string) bool { return hasPrefix(k, r) }) {
			continue
		}
		p.unknown(k)
	}
}

// unknown blames an unknown key, suggesting a known one it may misspell.
func (p *fileParser) unknown(k toml.Key) {
	msg := fmt.Sprintf("unknown key %q", k.String())
	if len(k) == 1 {
		switch {
		case slices.Contains(keymap.Actions(), k[0]):
			msg += " (key bindings go under [keys])"
		case slices.Contains(theme.Roles(), k[0]):
			msg += " (colours go under [theme])"
		default:
			if s := suggest.Closest(k[0], knownKeys); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
		}
	}
	p.blame(k, "%s", msg)
}

func hasPrefix(k toml.Key, prefix []string) bool {
	return len(k) >= len(prefix) && slices.Equal(k[:len(prefix)], prefix)
}
