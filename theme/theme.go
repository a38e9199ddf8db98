// Package theme holds smhbin's colours by role (Palette) and the styles
// built from them once (Styles). It imports only lipgloss. Styles carry
// full-fidelity colours: the Bubble Tea program downsamples them to the
// colour profile of the terminal it writes to (each SSH session's own).
package theme

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Color is a role's colour on light and on dark backgrounds, each
// "#RRGGBB".
type Color struct {
	Light, Dark string
}

// On returns the colour for a dark or a light background.
func (c Color) On(dark bool) color.Color {
	return lipgloss.LightDark(dark)(lipgloss.Color(c.Light), lipgloss.Color(c.Dark))
}

// Palette names colours by the role they play, never by hue.
type Palette struct {
	Primary   Color // accents, marks, the DEMO badge
	Subtle    Color // secondary text, borders, hints
	Text      Color // body text
	Danger    Color // failures
	Success   Color // restored items
	Warn      Color // expiring items, READ-ONLY
	Selection Color // cursor row background
	Bar       Color // status bar background
}

// DefaultPalette is the built-in palette; it reads well on dark and light
// backgrounds.
func DefaultPalette() Palette {
	return Palette{
		Primary:   Color{Light: "#5A56E0", Dark: "#8B87FF"},
		Subtle:    Color{Light: "#8A8A8A", Dark: "#7A7A8C"},
		Text:      Color{Light: "#1E1E2E", Dark: "#DCDCE6"},
		Danger:    Color{Light: "#C4293B", Dark: "#FF6B7A"},
		Success:   Color{Light: "#1A7F37", Dark: "#5FD38D"},
		Warn:      Color{Light: "#B35900", Dark: "#FFB454"},
		Selection: Color{Light: "#DAD8FF", Dark: "#34325A"},
		Bar:       Color{Light: "#ECECF4", Dark: "#24243A"},
	}
}

// Paint is a style reduced to the raw escape sequences around its text, so
// that hot paths (table rows) can colour a cell by writing two strings
// instead of calling Render. Both are empty when colour is off.
type Paint struct{ On, Off string }

// Wrap writes s between the paint's sequences.
func (p Paint) Wrap(b *strings.Builder, s string) {
	b.WriteString(p.On)
	b.WriteString(s)
	b.WriteString(p.Off)
}

// paintOf extracts the sequences a style puts around a one-rune text;
// none without colour. Only colour and text attributes are honoured; the
// style must not pad.
func paintOf(s lipgloss.Style, t Target) Paint {
	if t.NoColor {
		return Paint{}
	}
	const probe = "\uE000"
	out := s.Render(probe)
	i := strings.Index(out, probe)
	if i < 0 {
		return Paint{}
	}
	return Paint{On: out[:i], Off: out[i+len(probe):]}
}

// Target is the terminal the styles are for, as far as they need to know:
// its background, and whether it shows colour at all. The colour profile
// (true colour, 256, 16) is the program's business, not the styles'.
type Target struct {
	Dark    bool // a dark background (the default when unknown)
	NoColor bool // no colour and no text attributes, as NO_COLOR asks
}

// Styles are the styles of every screen, built once by New and passed to
// the UI; nothing builds a style on a hot path.
type Styles struct {
	Palette Palette
	// Target is what the styles were built for; components that draw
	// their own colours (the progress bar) read it.
	Target Target

	// Table cells, as paints for the row renderer.
	Header, Dim, Cursor, CursorDim, Mark, Warn, Danger, Success, Subtle, Primary Paint

	// Chrome rendered once per frame.
	BadgeDemo, BadgeReadOnly                          lipgloss.Style
	HintKey, HintDesc, Title, Value, ErrorLine, Faint lipgloss.Style
	Dialog                                            lipgloss.Style
	// DangerDialog frames the dialogs of operations that cannot be undone:
	// red, and a heavy border that tells them apart without colour too.
	DangerDialog lipgloss.Style
}

// New builds the styles for palette p on terminal t. Nothing here asks
// the terminal anything: t comes from the environment (or a later answer
// to the program's background query), so start-up never waits on it.
func New(p Palette, t Target) Styles {
	st := lipgloss.NewStyle
	c := func(r Color) color.Color { return r.On(t.Dark) }
	fg := func(r Color) lipgloss.Style { return st().Foreground(c(r)) }
	bg := func(r Color) lipgloss.Style { return st().Background(c(r)) }
	ink := Color{Light: "#FFFFFF", Dark: "#101018"}
	return Styles{
		Palette:   p,
		Target:    t,
		Header:    paintOf(fg(p.Subtle).Bold(true), t),
		Dim:       paintOf(fg(p.Subtle).Faint(true), t),
		Cursor:    paintOf(bg(p.Selection).Foreground(c(p.Text)).Bold(true), t),
		CursorDim: paintOf(bg(p.Selection).Foreground(c(p.Subtle)), t),
		Mark:      paintOf(fg(p.Primary).Bold(true), t),
		Warn:      paintOf(fg(p.Warn).Bold(true), t),
		Danger:    paintOf(fg(p.Danger).Bold(true), t),
		Success:   paintOf(fg(p.Success), t),
		Subtle:    paintOf(fg(p.Subtle), t),
		Primary:   paintOf(fg(p.Primary), t),

		BadgeDemo:     plain(bg(p.Primary).Foreground(c(ink)).Bold(true).Padding(0, 1), t),
		BadgeReadOnly: plain(bg(p.Warn).Foreground(c(ink)).Bold(true).Padding(0, 1), t),
		HintKey:       plain(fg(p.Primary).Bold(true), t),
		HintDesc:      plain(fg(p.Subtle), t),
		Title:         plain(fg(p.Primary).Bold(true), t),
		Value:         plain(fg(p.Text), t),
		ErrorLine:     plain(fg(p.Danger).Bold(true), t),
		Faint:         plain(fg(p.Subtle), t),
		Dialog:        plain(st().Border(lipgloss.RoundedBorder()).BorderForeground(c(p.Primary)).Padding(1, 2), t),
		DangerDialog:  plain(st().Border(lipgloss.ThickBorder()).BorderForeground(c(p.Danger)).Padding(1, 2), t),
	}
}

// plain drops a style's colours and attributes when t has no colour,
// keeping its padding and border.
func plain(s lipgloss.Style, t Target) lipgloss.Style {
	if !t.NoColor {
		return s
	}
	return s.UnsetForeground().UnsetBackground().UnsetBold().UnsetFaint().UnsetBorderForeground()
}
