package theme

import (
	"fmt"
	"slices"
	"strings"
)

// ColorSpec is a role's colour as a config file gives it: "#RRGGBB" for
// light and dark backgrounds alike, or a pair. An empty side keeps the
// base palette's colour for that background.
type ColorSpec struct {
	Light, Dark string
}

// RoleError is a mistake in a role's colour, naming the role so that a
// config file reader can point at its line.
type RoleError struct {
	Role string // as spelled in the configuration
	Msg  string // a sentence naming the role
}

func (e *RoleError) Error() string { return e.Msg }

// role is one of a palette's colours under its config-file name.
type role struct {
	name string
	c    *Color
}

// roles lists the palette's colours under their config-file names.
func (p *Palette) roles() []role {
	return []role{
		{"primary", &p.Primary}, {"subtle", &p.Subtle}, {"text", &p.Text}, {"danger", &p.Danger},
		{"success", &p.Success}, {"warn", &p.Warn}, {"selection", &p.Selection}, {"bar", &p.Bar},
	}
}

// Roles returns the role names a config file may colour, in Palette order.
func Roles() []string {
	var p Palette
	var out []string
	for _, r := range p.roles() {
		out = append(out, r.name)
	}
	return out
}

// Role returns the palette's colour for the named role.
func (p Palette) Role(name string) (Color, bool) {
	for _, r := range p.roles() {
		if r.name == name {
			return *r.c, true
		}
	}
	return Color{}, false
}

// PaletteFromConfig returns base with the roles named in colors set to
// the colours given. It refuses unknown roles and anything but #RRGGBB
// hex colours, so that a typo cannot silently leave text unreadable.
func PaletteFromConfig(base Palette, colors map[string]ColorSpec) (Palette, error) {
	names := make([]string, 0, len(colors))
	for name := range colors {
		names = append(names, name)
	}
	slices.Sort(names) // deterministic errors
	out := base
	roles := out.roles()
	for _, name := range names {
		i := slices.IndexFunc(roles, func(r role) bool { return r.name == name })
		if i < 0 {
			return base, &RoleError{Role: name, Msg: fmt.Sprintf("%q is not a colour role; roles are %s", name, strings.Join(Roles(), ", "))}
		}
		spec := colors[name]
		if spec.Light == "" && spec.Dark == "" {
			return base, &RoleError{Role: name, Msg: fmt.Sprintf("%s needs a colour such as \"#5A56E0\" or { light = \"#5A56E0\", dark = \"#8B87FF\" }", name)}
		}
		for _, side := range []struct {
			v   string
			dst *string
		}{{spec.Light, &roles[i].c.Light}, {spec.Dark, &roles[i].c.Dark}} {
			if side.v == "" {
				continue
			}
			if !isHexColor(side.v) {
				return base, &RoleError{Role: name, Msg: fmt.Sprintf("%s: %q is not a colour; write it as \"#RRGGBB\", e.g. \"#5A56E0\"", name, side.v)}
			}
			*side.dst = strings.ToUpper(side.v)
		}
	}
	return out, nil
}

// isHexColor accepts "#RRGGBB".
func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
