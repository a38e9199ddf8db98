package config

// Mouse is the one setting whose flag and file key say opposite things,
// as in lazygit and k9s: the file's `mouse = false` and the flag
// --no-mouse both turn mouse support off. Set is the flag's side (a
// --no-mouse value), the TOML and text decoders are the file's.
type Mouse struct{ off bool }

// On reports whether mouse support is on.
func (m *Mouse) On() bool { return !m.off }

// String is the flag's value: whether --no-mouse is in effect.
func (m *Mouse) String() string { return (&Bool{v: m.off}).String() }

// Type is "bool", so that --no-mouse takes no argument.
func (m *Mouse) Type() string { return "bool" }

// IsBoolFlag lets --no-mouse stand for --no-mouse=true.
func (m *Mouse) IsBoolFlag() bool { return true }

// Set takes the --no-mouse flag's value.
func (m *Mouse) Set(s string) error {
	var b Bool
	if err := b.Set(s); err != nil {
		return err
	}
	m.off = b.v
	return nil
}

// UnmarshalText takes the file's (or the environment's) mouse value.
func (m *Mouse) UnmarshalText(t []byte) error {
	var b Bool
	if err := b.UnmarshalText(t); err != nil {
		return err
	}
	m.off = !b.v
	return nil
}

// UnmarshalTOML takes the file's mouse = true/false.
func (m *Mouse) UnmarshalTOML(data any) error {
	var b Bool
	if err := b.UnmarshalTOML(data); err != nil {
		return err
	}
	m.off = !b.v
	return nil
}

// Completions offers nothing: the flag takes no argument.
func (m *Mouse) Completions() []string { return nil }

func (m *Mouse) assign(o Value) { m.off = o.(*Mouse).off }
