package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"smhbin/theme"
)

// TestProgressBarFollowsTheStylesProfile: the restore bar is block glyphs
// of exactly the asked width, coloured only when the styles' terminal has
// colour (so NO_COLOR is respected; the program downsamples the colours
// for SSH clients without truecolor).
func TestProgressBarFollowsTheStylesProfile(t *testing.T) {
	for _, c := range []struct {
		noColor bool
		colour  bool
	}{{true, false}, {false, true}} {
		st := theme.New(theme.DefaultPalette(), theme.Target{Dark: true, NoColor: c.noColor})
		m := newTestModel(t, &fakeBin{}, 80, 24, func(o *Options) { o.Styles = st })
		bar := m.bar(0.25) // 80 columns: a 20-cell bar
		if got := ansi.StringWidth(bar); got != 20 || m.progress.Width() != 20 {
			t.Fatalf("no colour %v: bar is %d cells, want 20", c.noColor, got)
		}
		plain := ansi.Strip(bar)
		if strings.Count(plain, "█") != 5 || strings.Count(plain, "░") != 15 {
			t.Fatalf("no colour %v: bar %q, want 5 full and 15 empty cells", c.noColor, plain)
		}
		if strings.Contains(bar, "\x1b") != c.colour {
			t.Fatalf("no colour %v: escapes present = %v, want %v", c.noColor, !c.colour, c.colour)
		}
	}
}
