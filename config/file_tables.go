package config

import (
	"errors"
	"fmt"
	"slices"

	"github.com/BurntSushi/toml"

	"smhbin/internal/suggest"
	"smhbin/keymap"
	"smhbin/theme"
)

// palette decodes [theme] into role colours on the default palette.
func (p *parser) palette(prim toml.Primitive) *theme.Palette {
	var roles map[string]toml.Primitive
	if err := p.md.PrimitiveDecode(prim, &roles); err != nil || !p.isTable("theme") {
		p.blameKey(toml.Key{"theme"}, "theme must be a table of colours by role, such as [theme] primary = \"#5A56E0\"")
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
			p.blameKey(toml.Key{"theme", role}, "theme.%s must be a colour such as \"#5A56E0\" or { light = \"#5A56E0\", dark = \"#8B87FF\" }", role)
			continue
		}
		colors[role] = theme.ColorSpec{Light: pair.Light, Dark: pair.Dark}
	}
	pal, err := theme.PaletteFromConfig(theme.DefaultPalette(), colors)
	var re *theme.RoleError
	if errors.As(err, &re) {
		p.blameKey(toml.Key{"theme", re.Role}, "[theme] %s", re.Msg)
		return nil
	}
	return &pal
}

// isTable reports whether key is a table: [key], key = { … }, or made
// by dotted keys (key.x = …, which has no type of its own). toml decodes
// anything else into a map as an empty one, without an error.
func (p *parser) isTable(key string) bool {
	t := p.md.Type(key)
	return t == "Hash" || t == ""
}

// keys decodes [keys] and rebinds the default keymap with it; keymap
// checks the action and key names.
func (p *parser) keys(prim toml.Primitive) *keymap.KeyMap {
	var actions map[string]toml.Primitive
	if err := p.md.PrimitiveDecode(prim, &actions); err != nil || !p.isTable("keys") {
		p.blameKey(toml.Key{"keys"}, "keys must be a table of actions, such as [keys] restore = [\"r\"]")
		return nil
	}
	m := make(map[string][]string, len(actions))
	for name, ap := range actions {
		var list []string
		if err := p.md.PrimitiveDecode(ap, &list); err != nil {
			var one string
			if err := p.md.PrimitiveDecode(ap, &one); err != nil {
				p.blameKey(toml.Key{"keys", name}, "keys.%s must be a list of key names, such as [\"r\", \"ctrl+r\"]", name)
				continue
			}
			list = []string{one}
		}
		m[name] = list
	}
	km, err := keymap.Rebind(keymap.Default(), m)
	var re *keymap.RebindError
	if errors.As(err, &re) {
		p.blameKey(toml.Key{"keys", re.Action}, "[keys] %s", re.Msg)
		return nil
	}
	return &km
}

// fileKeys are the top-level keys, for suggestions.
func fileKeys() []string {
	var keys []string
	for _, r := range table(newValues()) {
		if r.Key != "" {
			keys = append(keys, r.Key)
		}
	}
	return append(keys, "theme", "keys")
}

// unknownKeys reports keys nothing decoded, unless a problem already
// covers them. Decoding into raw marked every top-level key decoded, so
// those are checked against the known ones first.
func (p *parser) unknownKeys() {
	known := fileKeys()
	var unknown []toml.Key
	for _, k := range p.md.Keys() {
		if len(k) == 1 && !slices.Contains(known, k[0]) && k[0] != "token" {
			unknown = append(unknown, k)
		}
	}
	for _, k := range p.md.Undecoded() {
		if !slices.ContainsFunc(p.reported, func(r toml.Key) bool { return hasPrefix(k, r) }) {
			unknown = append(unknown, k)
		}
	}
	for _, k := range unknown {
		p.unknown(k, known)
	}
}

// unknown blames an unknown key, suggesting a known one it may misspell.
func (p *parser) unknown(k toml.Key, known []string) {
	name := k.String()
	if len(name) > 2*MaxKeyLength {
		name = name[:2*MaxKeyLength] + "…" // the file's own text, not to be echoed at length
	}
	msg := fmt.Sprintf("unknown key %q", name)
	if len(k) == 1 {
		switch {
		case slices.Contains(keymap.Actions(), k[0]):
			msg += " (key bindings go under [keys])"
		case slices.Contains(theme.Roles(), k[0]):
			msg += " (colours go under [theme])"
		default:
			if s := suggest.Closest(k[0], known); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
		}
	}
	p.blameKey(k, "%s", msg)
}

func hasPrefix(k, prefix toml.Key) bool {
	return len(k) >= len(prefix) && slices.Equal(k[:len(prefix)], prefix)
}
