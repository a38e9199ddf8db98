// Package theme holds smhbin's colours by role (Palette) and the styles
// built from them once (Styles). It imports only lipgloss. Styles are built
// against a *lipgloss.Renderer so that each SSH session gets the colour
// profile of its own terminal.
package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Palette names colours by the role they play, never by hue.
type Palette struct {
	Primary   lipgloss.AdaptiveColor // accents, marks, the DEMO badge
	Subtle    lipgloss.AdaptiveColor // secondary text, borders, hints
	Text      lipgloss.AdaptiveColor // body text
	Danger    lipgloss.AdaptiveColor // failures
	Success   lipgloss.AdaptiveColor // restored items
	Warn      lipgloss.AdaptiveColor // expiring items, READ-ONLY
	Selection lipgloss.AdaptiveColor // cursor row background
	Bar       lipgloss.AdaptiveColor // status bar background
}

// DefaultPalette is the built-in palette; it reads well on dark and light
// backgrounds.
func DefaultPalette() Palette {
	return Palette{
		Primary:   lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#8B87FF"},
		Subtle:    lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#7A7A8C"},
		Text:      lipgloss.AdaptiveColor{Light: "#1E1E2E", Dark: "#DCDCE6"},
		Danger:    lipgloss.AdaptiveColor{Light: "#C4293B", Dark: "#FF6B7A"},
		Success:   lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#5FD38D"},
		Warn:      lipgloss.AdaptiveColor{Light: "#B35900", Dark: "#FFB454"},
		Selection: lipgloss.AdaptiveColor{Light: "#DAD8FF", Dark: "#34325A"},
		Bar:       lipgloss.AdaptiveColor{Light: "#ECECF4", Dark: "#24243A"},
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

// paintOf extracts the sequences a style puts around a one-rune text.
// Only colour and text attributes are honoured; the style must not pad.
func paintOf(s lipgloss.Style) Paint {
	const probe = "\uE000"
	out := s.Render(probe)
	i := strings.Index(out, probe)
	if i < 0 {
		return Paint{}
	}
	return Paint{On: out[:i], Off: out[i+len(probe):]}
}

// Styles are the styles of every screen, built once by New and passed to
// the UI; nothing builds a style on a hot path.
type Styles struct {
	Palette Palette
	// Renderer is the renderer the styles were built for; its colour
	// profile and background were set explicitly, so asking it never
	// queries the terminal. Components that draw their own colours (the
	// progress bar) take the profile from it.
	Renderer *lipgloss.Renderer

	// Table cells, as paints for the row renderer.
	Header, Dim, Cursor, CursorDim, Mark, Warn, Danger, Success, Subtle, Primary Paint

	// Chrome rendered once per frame.
	BadgeDemo, BadgeReadOnly                          lipgloss.Style
	HintKey, HintDesc, Title, Value, ErrorLine, Faint lipgloss.Style
	Dialog                                            lipgloss.Style
}

// New builds the styles for palette p on renderer r. Callers must have set
// r's colour profile and background (SetColorProfile, SetHasDarkBackground)
// from the environment first, so that nothing waits on a terminal query.
func New(p Palette, r *lipgloss.Renderer) Styles {
	st := r.NewStyle
	fg := func(c lipgloss.AdaptiveColor) lipgloss.Style { return st().Foreground(c) }
	return Styles{
		Palette:   p,
		Renderer:  r,
		Header:    paintOf(fg(p.Subtle).Bold(true)),
		Dim:       paintOf(fg(p.Subtle).Faint(true)),
		Cursor:    paintOf(st().Background(p.Selection).Foreground(p.Text).Bold(true)),
		CursorDim: paintOf(st().Background(p.Selection).Foreground(p.Subtle)),
		Mark:      paintOf(fg(p.Primary).Bold(true)),
		Warn:      paintOf(fg(p.Warn).Bold(true)),
		Danger:    paintOf(fg(p.Danger).Bold(true)),
		Success:   paintOf(fg(p.Success)),
		Subtle:    paintOf(fg(p.Subtle)),
		Primary:   paintOf(fg(p.Primary)),

		BadgeDemo:     st().Background(p.Primary).Foreground(lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#101018"}).Bold(true).Padding(0, 1),
		BadgeReadOnly: st().Background(p.Warn).Foreground(lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#101018"}).Bold(true).Padding(0, 1),
		HintKey:       fg(p.Primary).Bold(true),
		HintDesc:      fg(p.Subtle),
		Title:         fg(p.Primary).Bold(true),
		Value:         fg(p.Text),
		ErrorLine:     fg(p.Danger).Bold(true),
		Faint:         fg(p.Subtle),
		Dialog:        st().Border(lipgloss.RoundedBorder()).BorderForeground(p.Primary).Padding(1, 2),
	}
}
