package ui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"smhbin/theme"
)

// TestProgressBarFollowsTheStylesProfile: the restore bar is block glyphs
// of exactly the asked width, coloured only when the styles' terminal has
// colour (so NO_COLOR and SSH clients without truecolor are respected).
func TestProgressBarFollowsTheStylesProfile(t *testing.T) {
	for _, c := range []struct {
		profile termenv.Profile
		colour  bool
	}{{termenv.Ascii, false}, {termenv.ANSI256, true}} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(c.profile)
		r.SetHasDarkBackground(true)
		m := newTestModel(t, &fakeBin{}, 80, 24, func(o *Options) { o.Styles = theme.New(theme.DefaultPalette(), r) })
		bar := m.bar(0.25) // 80 columns: a 20-cell bar
		if got := ansi.StringWidth(bar); got != 20 || m.progress.Width != 20 {
			t.Fatalf("profile %v: bar is %d cells, want 20", c.profile, got)
		}
		plain := ansi.Strip(bar)
		if strings.Count(plain, "█") != 5 || strings.Count(plain, "░") != 15 {
			t.Fatalf("profile %v: bar %q, want 5 full and 15 empty cells", c.profile, plain)
		}
		if strings.Contains(bar, "\x1b") != c.colour {
			t.Fatalf("profile %v: escapes present = %v, want %v", c.profile, !c.colour, c.colour)
		}
	}
}
