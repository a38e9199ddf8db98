package config

import (
	"encoding"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/spf13/pflag"
)

// Value is one setting's typed value. It is a pflag.Value for its flag and
// an encoding.TextUnmarshaler for its environment variable and file key, so
// that its range or choice check is written once, in Set. It is also a
// toml.Unmarshaler that checks the TOML type before UnmarshalText (a quoted
// page_size = "100" is refused, as a mistake); BurntSushi/toml turns the
// error of either into a ParseError that names the key and its line.
type Value interface {
	pflag.Value
	encoding.TextUnmarshaler
	toml.Unmarshaler
	// Completions are the values a shell may offer; nil for none.
	Completions() []string
	// assign copies another value of the same type and limits.
	assign(Value)
}

// valueError is a value's own complaint, without the name of the flag,
// variable or key that gave it: the caller prefixes that.
type valueError struct{ msg string }

func (e *valueError) Error() string { return e.msg }

func complain(format string, args ...any) error {
	return &valueError{msg: fmt.Sprintf(format, args...)}
}

// Text is a string setting; check (may be nil) returns what is wrong with
// a trimmed value, norm (may be nil) rewrites a good one.
type Text struct {
	v     string
	check func(string) string
	norm  func(string) string
}

// Get is the current value.
func (t *Text) Get() string { return t.v }

// String is the value as flags show it.
func (t *Text) String() string { return t.v }

// Type names the flag's argument in --help.
func (t *Text) Type() string { return "string" }

// Set checks and stores s.
func (t *Text) Set(s string) error {
	s = strings.TrimSpace(s)
	if len(s) > MaxLineLength {
		// A multi-line TOML string escapes the line limit; no id, URL or
		// path smhbin reads is this long.
		return complain("is longer than %d bytes", MaxLineLength)
	}
	if t.check != nil {
		if msg := t.check(s); msg != "" {
			return complain("%s", msg)
		}
	}
	if t.norm != nil {
		s = t.norm(s)
	}
	t.v = s
	return nil
}

// UnmarshalText is Set.
func (t *Text) UnmarshalText(b []byte) error { return t.Set(string(b)) }

// UnmarshalTOML accepts a TOML string only.
func (t *Text) UnmarshalTOML(data any) error {
	s, ok := data.(string)
	if !ok {
		return complain("must be a string in double quotes")
	}
	return t.UnmarshalText([]byte(s))
}

// Completions offers nothing: any text may do.
func (t *Text) Completions() []string { return nil }

func (t *Text) assign(o Value) { t.v = o.(*Text).v }

// Enum is a string setting with a fixed list of choices.
type Enum struct {
	v       string
	choices []string
}

// Get is the current value.
func (e *Enum) Get() string { return e.v }

// String is the value as flags show it.
func (e *Enum) String() string { return e.v }

// Type names the flag's argument in --help.
func (e *Enum) Type() string { return "string" }

// Set stores s if it is one of the choices.
func (e *Enum) Set(s string) error {
	s = strings.TrimSpace(s)
	if !slices.Contains(e.choices, s) {
		return complain("must be one of %s, not %q", strings.Join(e.choices, ", "), s)
	}
	e.v = s
	return nil
}

// UnmarshalText is Set.
func (e *Enum) UnmarshalText(b []byte) error { return e.Set(string(b)) }

// UnmarshalTOML accepts a TOML string only.
func (e *Enum) UnmarshalTOML(data any) error {
	s, ok := data.(string)
	if !ok {
		return complain("must be a string in double quotes, one of %s", strings.Join(e.choices, ", "))
	}
	return e.UnmarshalText([]byte(s))
}

// Completions are the choices.
func (e *Enum) Completions() []string { return e.choices }

func (e *Enum) assign(o Value) { e.v = o.(*Enum).v }

// Int is a whole number between min and max.
type Int struct {
	v        int64
	min, max int64
}

// Get is the current value.
func (n *Int) Get() int64 { return n.v }

// String is the value as flags show it.
func (n *Int) String() string { return strconv.FormatInt(n.v, 10) }

// Type names the flag's argument in --help.
func (n *Int) Type() string { return "int" }

func (n *Int) bounded() bool { return n.min != math.MinInt64 || n.max != math.MaxInt64 }

func (n *Int) wrongType() error {
	if n.bounded() {
		return complain("must be a whole number between %d and %d", n.min, n.max)
	}
	return complain("must be a whole number")
}

// Set parses s and checks the range.
func (n *Int) Set(s string) error {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		e := n.wrongType().(*valueError)
		return complain("%s, not %q", e.msg, s)
	}
	if v < n.min || v > n.max {
		return complain("must be between %d and %d, not %d", n.min, n.max, v)
	}
	n.v = v
	return nil
}

// UnmarshalText is Set.
func (n *Int) UnmarshalText(b []byte) error { return n.Set(string(b)) }

// UnmarshalTOML accepts a TOML integer only.
func (n *Int) UnmarshalTOML(data any) error {
	v, ok := data.(int64)
	if !ok {
		return n.wrongType()
	}
	return n.UnmarshalText([]byte(strconv.FormatInt(v, 10)))
}

// Completions offers nothing.
func (n *Int) Completions() []string { return nil }

func (n *Int) assign(o Value) { n.v = o.(*Int).v }

// Duration is a Go duration ("90s", "2m") between min and max.
type Duration struct {
	v        time.Duration
	min, max time.Duration
}

// Get is the current value.
func (d *Duration) Get() time.Duration { return d.v }

// String is the value without zero units ("1m", not "1m0s").
func (d *Duration) String() string { return ShortDuration(d.v) }

// Type names the flag's argument in --help.
func (d *Duration) Type() string { return "duration" }

// Set parses s and checks the range.
func (d *Duration) Set(s string) error {
	s = strings.TrimSpace(s)
	v, err := time.ParseDuration(s)
	if err != nil {
		return complain("must be a duration such as \"90s\" or \"2m\", not %q", s)
	}
	if v < d.min || v > d.max {
		return complain("must be between %s and %s, not %q", ShortDuration(d.min), ShortDuration(d.max), s)
	}
	d.v = v
	return nil
}

// UnmarshalText is Set.
func (d *Duration) UnmarshalText(b []byte) error { return d.Set(string(b)) }

// UnmarshalTOML accepts a TOML string only: a bare 60 has no unit.
func (d *Duration) UnmarshalTOML(data any) error {
	s, ok := data.(string)
	if !ok {
		return complain("must be a duration in double quotes, such as \"90s\" or \"2m\"")
	}
	return d.UnmarshalText([]byte(s))
}

// Completions offers nothing.
func (d *Duration) Completions() []string { return nil }

func (d *Duration) assign(o Value) { d.v = o.(*Duration).v }

// Bool is true or false; as a flag it needs no argument.
type Bool struct{ v bool }

// Get is the current value.
func (b *Bool) Get() bool { return b.v }

// String is the value as flags show it.
func (b *Bool) String() string { return strconv.FormatBool(b.v) }

// Type is "bool", which cobra's help shows without an argument.
func (b *Bool) Type() string { return "bool" }

// IsBoolFlag lets --flag stand for --flag=true.
func (b *Bool) IsBoolFlag() bool { return true }

// Set parses true or false (and pflag's other spellings).
func (b *Bool) Set(s string) error {
	v, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		return complain("must be true or false, not %q", s)
	}
	b.v = v
	return nil
}

// UnmarshalText is Set.
func (b *Bool) UnmarshalText(t []byte) error { return b.Set(string(t)) }

// UnmarshalTOML accepts a TOML boolean only.
func (b *Bool) UnmarshalTOML(data any) error {
	v, ok := data.(bool)
	if !ok {
		return complain("must be true or false, without quotes")
	}
	b.v = v
	return nil
}

// Completions offers nothing: a bool flag takes no argument.
func (b *Bool) Completions() []string { return nil }

func (b *Bool) assign(o Value) { b.v = o.(*Bool).v }

// ShortDuration writes d as time.Duration does, without its zero units:
// "1m" and "24h" rather than "1m0s" and "24h0m0s".
func ShortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}
