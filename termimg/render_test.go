package termimg

import (
	"image"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// tiny is a 3×3 image: a red, green, blue top row, a grey middle row and
// a bottom row whose middle pixel is transparent.
func tiny() *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, 3, 3))
	px := []color.NRGBA{
		{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255},
		{128, 128, 128, 255}, {10, 10, 10, 255}, {250, 250, 250, 255},
		{255, 200, 0, 255}, {0, 0, 0, 0}, {40, 90, 200, 255},
	}
	for i, c := range px {
		m.SetNRGBA(i%3, i/3, c)
	}
	return m
}

// quoted writes one Go-quoted line per output line, so that the golden
// files are readable and diffable.
func quoted(s string) []byte {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strconv.Quote(l) + "\n")
	}
	return []byte(b.String())
}

func TestHalfBlocksGolden(t *testing.T) {
	for _, p := range []Protocol{Blocks, Blocks256} {
		t.Run(string(p), func(t *testing.T) {
			out := Render(tiny(), Box{Cols: 3, Rows: 2}, p, 0)
			golden.RequireEqual(t, quoted(out))
			lines := strings.Split(out, "\n")
			if len(lines) != 2 {
				t.Fatalf("%d lines", len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w != 3 {
					t.Errorf("line %q is %d cells wide", l, w)
				}
			}
		})
	}
}

func TestHalfBlocksScaleIntoBox(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 400, 100))
	out := Render(m, Box{Cols: 40, Rows: 20}, Blocks, 0)
	lines := strings.Split(out, "\n")
	// 400×100 into 40×40 pixels is 40×10: 5 rows of 40 cells.
	if len(lines) != 5 || ansi.StringWidth(lines[0]) != 40 {
		t.Errorf("%d lines of %d cells", len(lines), ansi.StringWidth(lines[0]))
	}
}

func TestXterm256(t *testing.T) {
	cases := []struct {
		c    color.NRGBA
		want int
	}{
		{color.NRGBA{0, 0, 0, 255}, 16},
		{color.NRGBA{255, 255, 255, 255}, 231},
		{color.NRGBA{255, 0, 0, 255}, 196},
		{color.NRGBA{128, 128, 128, 255}, 244},
		{color.NRGBA{95, 135, 175, 255}, 67},
	}
	for _, c := range cases {
		if got := xterm256(c.c); got != c.want {
			t.Errorf("xterm256(%v) = %d, want %d", c.c, got, c.want)
		}
	}
}

func TestKittyPlaceholders(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	out := Render(m, Box{Cols: 10, Rows: 5, Cell: CellSize{W: 10, H: 20}}, Kitty, 0x010203)
	if !strings.HasPrefix(out, "\x1b_G") || !strings.Contains(out, "U=1") || !strings.Contains(out, "i=66051") || !strings.Contains(out, "q=2") {
		t.Fatalf("no virtual placement transmit: %q", out[:min(len(out), 80)])
	}
	// 40×40 pixels in 10×20 cells: 4 columns, 2 rows of placeholders
	// coloured with the id (1, 2, 3).
	lines := strings.Split(out, "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		if i == 0 {
			l = l[strings.LastIndex(l, "\x1b\\")+2:]
		}
		if w := ansi.StringWidth(l); w != 4 || !strings.HasPrefix(l, "\x1b[38;2;1;2;3m") || strings.Count(l, string(rune(0x10EEEE))) != 4 {
			t.Errorf("row %d: %q, %d cells", i, l, w)
		}
	}
}

func TestOverlayProtocols(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	box := Box{Cols: 10, Rows: 5}
	it := Render(m, box, ITerm2, 0)
	if !strings.HasPrefix(it, "\x1b]1337;File=") || !strings.Contains(it, "inline=1") || !strings.Contains(it, "width=4;height=2") {
		t.Errorf("iTerm2: %q", it[:min(len(it), 80)])
	}
	sx := Render(m, box, Sixel, 0)
	if !strings.HasPrefix(sx, "\x1bP0;1q") || !strings.HasSuffix(sx, "\x1b\\") {
		t.Errorf("sixel: %q", sx[:min(len(sx), 40)])
	}
	if ITerm2.Inline() || Sixel.Inline() || !Kitty.Inline() || !Blocks256.Inline() {
		t.Error("Inline is wrong")
	}
	if Render(m, box, Off, 0) != "" || Render(m, Box{}, Blocks, 0) != "" || Render(nil, box, Blocks, 0) != "" {
		t.Error("Off, an empty box or no image draws something")
	}
}
