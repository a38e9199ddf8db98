package ui

import (
	"io"
	"testing"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"smhbin/theme"
)

// BenchmarkCursorMoveColour is BenchmarkCursorMove with the colour styles
// (the others bench without colour), and with the renderer's pass over the
// frame that follows every keypress in the real program: Bubble Tea v2
// clears its cell buffer, draws the styled frame into it and diffs it
// against the screen, writing only the cells that changed, with colours
// downsampled to the terminal's profile (ASCII, 256 colours, truecolor).
// The model draws the same frame whatever the profile; the "model"
// sub-benchmarks measure that part alone. Targets as for the plain
// keypress: < 100 µs and < 16 KB per op.
func BenchmarkCursorMoveColour(b *testing.B) {
	profiles := []struct {
		name string
		p    colorprofile.Profile
	}{{"ascii", colorprofile.Ascii}, {"256", colorprofile.ANSI256}, {"truecolor", colorprofile.TrueColor}}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		b.Run("model/"+sizeName(sz), func(b *testing.B) {
			scroll(b, colourModel(b, sz), 200)
		})
		for _, pr := range profiles {
			b.Run(pr.name+"/"+sizeName(sz), func(b *testing.B) {
				m := colourModel(b, sz)
				buf := uv.NewScreenBuffer(sz[0], sz[1])
				r := uv.NewTerminalRenderer(io.Discard, []string{"TERM=xterm-256color"})
				r.SetColorProfile(pr.p)
				r.SetFullscreen(true)
				r.SetRelativeCursor(false)
				r.SetScrollOptim(true)
				paint := func() {
					buf.Clear()
					uv.NewStyledString(m.View().Content).Draw(buf, buf.Bounds())
					r.Render(buf.RenderBuffer)
					_ = r.Flush()
				}
				paint()
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
					paint()
				}
			})
		}
	}
}

// colourModel is bigModel with the colour styles.
func colourModel(b *testing.B, sz [2]int) *Model {
	m := newTestModel(b, &fakeBin{}, sz[0], sz[1], func(o *Options) {
		o.Restorer = nopRestorer{}
		o.Styles = theme.New(theme.DefaultPalette(), theme.Target{Dark: true})
	})
	items := items100k(b)
	m.data.Add(items)
	m.complete, m.total = true, int64(len(items))
	m.render()
	return m
}
