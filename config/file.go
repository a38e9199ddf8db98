package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"smhbin/keymap"
	"smhbin/safe"
	"smhbin/theme"
)

// Where the config file lives, after the XDG base directory spec, and how
// big it may be. A real file is a few hundred bytes and config init's
// template under 8 KiB; the limits refuse a wrong or hostile file before
// the TOML parser, whose cost grows faster than the length of a dotted
// key, ever sees it.
const (
	EnvXDGConfigHome = "XDG_CONFIG_HOME"
	EnvHome          = "HOME"
	dirName          = "smhbin"
	fileName         = "config.toml"
	MaxFileSize      = 16 << 10 // bytes
	MaxLineLength    = 1024     // bytes, so a key or a one-line value is at most this long
	MaxKeyLength     = 64       // bytes in one part of a key; the longest real one has 13
	// maxDots bounds the dots outside quotes on a line: a real key has at
	// most two (theme.primary.light), and toml's cost grows with the
	// square of a dotted key's parts.
	maxDots = 16
)

// Path returns the config file smhbin reads: flagPath when --config was
// given, else $XDG_CONFIG_HOME/smhbin/config.toml, else
// ~/.config/smhbin/config.toml; "" when none of these is known.
func Path(flagPath string, getenv func(string) string) string {
	if flagPath != "" {
		return flagPath
	}
	if d := getenv(EnvXDGConfigHome); filepath.IsAbs(d) {
		return filepath.Join(d, dirName, fileName)
	}
	if h := getenv(EnvHome); h != "" {
		return filepath.Join(h, ".config", dirName, fileName)
	}
	return ""
}

// File is what a config file sets.
type File struct {
	Path    string
	v       *values         // the file's values, read where set holds the key
	set     map[string]bool // the keys of the table the file sets
	KeyMap  *keymap.KeyMap  // [keys] applied to keymap.Default()
	Palette *theme.Palette  // [theme] applied to theme.DefaultPalette()
}

func (f *File) has(key string) bool { return f.set[key] }

// Load reads and checks the config file (see Path). A missing file is not
// an error unless it was named with --config; then Load returns nil.
func Load(flagPath string, getenv func(string) string) (*File, error) {
	path := Path(flagPath, getenv)
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && flagPath == "" {
		return nil, nil
	}
	if err != nil {
		return nil, errorf("cannot read the config file: %v", DescribePathError(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, errorf("cannot read the config file %s: %v", safe.Text(path), DescribePathError(err))
	}
	if len(b) > MaxFileSize {
		return nil, errorf("the config file %s is larger than %d KiB (a real one is a few hundred bytes): is it the right file?", safe.Text(path), MaxFileSize>>10)
	}
	return Parse(path, string(b), getenv)
}

// Parse checks and decodes text, the contents of the config file at path.
func Parse(path, text string, getenv func(string) string) (*File, error) {
	p := &parser{path: path, getenv: getenv}
	if line, msg := badLine(text); line > 0 {
		return nil, p.errorAt(line, "%s: is it the right file?", msg)
	}
	var raw map[string]toml.Primitive
	md, err := toml.Decode(text, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, p.errorAt(pe.Position.Line, "%s", pe.Message)
		}
		return nil, p.errorAt(0, "%v", err)
	}
	p.md, p.raw = &md, raw
	f := p.decode()
	if len(p.problems) > 0 {
		// A problem whose line is unknown sorts last.
		order := func(l int) int {
			if l == 0 {
				return int(^uint(0) >> 1)
			}
			return l
		}
		first := slices.MinFunc(p.problems, func(a, b problem) int { return order(a.line) - order(b.line) })
		return nil, p.errorAt(first.line, "%s", first.msg)
	}
	return f, nil
}

// badLine is the number of the first line that is too long or has too
// many dotted key parts, and what is wrong with it; 0 when all are fine.
func badLine(text string) (int, string) {
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		if len(line) > MaxLineLength {
			return n, fmt.Sprintf("the line is longer than %d bytes", MaxLineLength)
		}
		if dotsOutsideQuotes(line) > maxDots {
			return n, fmt.Sprintf("the line has more than %d dots outside quotes", maxDots)
		}
		text = rest
	}
	return 0, ""
}

// dotsOutsideQuotes counts the dots of s that are not inside a string.
func dotsOutsideQuotes(s string) int {
	var quote byte
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote == '"' && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return dots
		case quote == 0 && c == '.':
			dots++
		}
	}
	return dots
}

// problem is one mistake in a config file, at a line (0 when unknown).
type problem struct {
	line int
	msg  string
}

// parser decodes one config file, collecting problems with their lines;
// the first one, in file order, is reported.
type parser struct {
	path     string
	getenv   func(string) string
	md       *toml.MetaData
	raw      map[string]toml.Primitive
	problems []problem
	reported []toml.Key // keys already blamed, not to be called unknown too
}

func (p *parser) errorAt(line int, format string, args ...any) error {
	where := "in config file " + safe.Text(p.path)
	if line > 0 {
		where += fmt.Sprintf(", line %d", line)
	}
	return errorf("%s: %s", where, safe.Text(fmt.Sprintf(format, args...)))
}

// blame records a problem with key, found at line.
func (p *parser) blame(key toml.Key, line int, format string, args ...any) {
	p.problems = append(p.problems, problem{line: line, msg: fmt.Sprintf(format, args...)})
	p.reported = append(p.reported, key)
}

// blameKey records a problem with key, at its line.
func (p *parser) blameKey(key toml.Key, format string, args ...any) {
	p.blame(key, p.lineOf(key), format, args...)
}

// decodeInto decodes prim into v and blames key with v's complaint, at
// the line toml's ParseError gives; ok is false then.
func (p *parser) decodeInto(key toml.Key, prim toml.Primitive, v any) bool {
	err := p.md.PrimitiveDecode(prim, v)
	if err == nil {
		return true
	}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p.blame(key, pe.Position.Line, "%s %s", key, pe.Message)
	} else {
		p.blameKey(key, "%s: %v", key, err)
	}
	return false
}

// locator is decoded in place of a value only to learn where the value
// is: its UnmarshalTOML fails, and toml's ParseError carries the line.
type locator struct{}

var errLocate = errors.New("locate")

func (locator) UnmarshalTOML(any) error { return errLocate }

// lineOf is the line of key (or of its closest parent that has one).
func (p *parser) lineOf(key toml.Key) int {
	prims := p.raw
	for i, part := range key {
		prim, ok := prims[part]
		if !ok {
			break
		}
		if i == len(key)-1 {
			var pe toml.ParseError
			if errors.As(p.md.PrimitiveDecode(prim, locator{}), &pe) && pe.Position.Line > 0 {
				return pe.Position.Line
			}
			break
		}
		var next map[string]toml.Primitive
		if p.md.PrimitiveDecode(prim, &next) != nil {
			break
		}
		prims = next
	}
	if len(key) > 1 {
		return p.lineOf(key[:len(key)-1])
	}
	return 0
}

// decode checks every key and decodes the settings, [theme] and [keys].
func (p *parser) decode() *File {
	f := &File{Path: p.path, v: newValues(), set: map[string]bool{}}
	for _, k := range p.md.Keys() {
		if long := slices.IndexFunc(k, func(s string) bool { return len(s) > MaxKeyLength }); long >= 0 {
			p.blame(k, p.lineOf(k[:long+1]), "a key is longer than %d bytes: is it the right file?", MaxKeyLength)
			return f // the other checks would only echo it
		}
	}
	if _, ok := p.raw["token"]; ok {
		p.blameKey(toml.Key{"token"}, "the access token must not be in the config file (it is easy to share or commit by mistake): name a file that holds it with token_file, or set SMH_ACCESS_TOKEN")
	}
	for _, r := range table(f.v) {
		prim, ok := p.raw[r.Key]
		if r.Key == "" || !ok {
			continue
		}
		if p.decodeInto(toml.Key{r.Key}, prim, r.Value) {
			f.set[r.Key] = true
		}
	}
	if f.set["token_file"] {
		p.tokenFile(f)
	}
	if prim, ok := p.raw["theme"]; ok {
		f.Palette = p.palette(prim)
	}
	if prim, ok := p.raw["keys"]; ok {
		f.KeyMap = p.keys(prim)
	}
	p.unknownKeys()
	return f
}

// tokenFile checks token_file, which only the flag may set to stdin, and
// resolves ~/ against HOME and a relative path against the file's folder,
// so that the file means the same from any working directory.
func (p *parser) tokenFile(f *File) {
	v := f.v.tokenFile.v
	if v == "" || v == "-" {
		p.blameKey(toml.Key{"token_file"}, "token_file must name a file that holds the access token")
		delete(f.set, "token_file")
		return
	}
	if rest, ok := strings.CutPrefix(v, "~/"); ok {
		if h := p.getenv(EnvHome); h != "" {
			v = filepath.Join(h, rest)
		}
	}
	if !filepath.IsAbs(v) {
		v = filepath.Join(filepath.Dir(p.path), v)
	}
	f.v.tokenFile.v = v
}
