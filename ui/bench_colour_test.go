package ui

import (
	"io"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"smhbin/theme"
)

// BenchmarkCursorMoveColour is BenchmarkCursorMove with the colour
// styles (the others bench without colour), each frame written through
// the colour downsampling the program applies for the terminal's profile:
// ASCII, 256 colours and truecolor. Every frame is written whole, which
// the renderer, writing only changed lines, never does: an upper bound.
// Targets as for the plain keypress: < 100 µs and < 16 KB per op.
func BenchmarkCursorMoveColour(b *testing.B) {
	profiles := []struct {
		name string
		p    colorprofile.Profile
	}{{"ascii", colorprofile.Ascii}, {"256", colorprofile.ANSI256}, {"truecolor", colorprofile.TrueColor}}
	for _, pr := range profiles {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			b.Run(pr.name+"/"+sizeName(sz), func(b *testing.B) {
				m := newTestModel(b, &fakeBin{}, sz[0], sz[1], func(o *Options) {
					o.Restorer = nopRestorer{}
					o.Styles = theme.New(theme.DefaultPalette(), theme.Target{Dark: true})
				})
				items := items100k(b)
				m.data.Add(items)
				m.complete, m.total = true, int64(len(items))
				m.render()
				out := &colorprofile.Writer{Forward: io.Discard, Profile: pr.p}
				down, up := keyMsg("down"), keyMsg("up")
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					k := down
					if (i/200)%2 == 1 {
						k = up
					}
					i++
					m.Update(k)
					_, _ = io.WriteString(out, m.render())
				}
			})
		}
	}
}
