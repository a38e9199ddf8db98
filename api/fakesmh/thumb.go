package fakesmh

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"unicode"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Thumbnail sizes: width_size is clamped to this range, default thumbWidth.
const (
	thumbMinWidth = 16
	thumbMaxWidth = 512
	thumbWidth    = 160
)

// thumbnail draws the preview of an image or video item: a PNG of width
// pixels (4:3), the same for the same seed, id, name and width. It has a
// gradient, a few shapes and the name's initials; a video also gets film
// perforations and a play triangle, so the demo tells them apart.
func thumbnail(seed, id int64, name string, video bool, width int) []byte {
	w := min(max(width, thumbMinWidth), thumbMaxWidth)
	h := w * 3 / 4
	x := mix64(uint64(seed)*0x9e3779b97f4a7c15 ^ uint64(id))
	next := func() uint64 { x = mix64(x); return x }
	hue := func() color.NRGBA {
		v := next()
		return color.NRGBA{uint8(60 + v%160), uint8(60 + v>>8%160), uint8(60 + v>>16%160), 255}
	}
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	top, bottom := hue(), hue()
	for y := range h {
		c := mixColor(top, bottom, y, h)
		for px := range w {
			m.SetNRGBA(px, y, c)
		}
	}
	for range 3 {
		c := hue()
		c.A = 200
		cx, cy, r := int(next()%uint64(w)), int(next()%uint64(h)), w/8+int(next()%uint64(w/4+1))
		if next()%2 == 0 {
			fillCircle(m, cx, cy, r, c)
		} else {
			draw.Draw(m, image.Rect(cx-r, cy-r/2, cx+r, cy+r/2), image.NewUniform(c), image.Point{}, draw.Over)
		}
	}
	if video {
		filmStrip(m)
	}
	drawInitials(m, initials(name))
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	_ = enc.Encode(&b, m) // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}

// mixColor is a's and b's blend at i of n.
func mixColor(a, b color.NRGBA, i, n int) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8((int(x)*(n-i) + int(y)*i) / n) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

func fillCircle(m *image.NRGBA, cx, cy, r int, c color.NRGBA) {
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r && image.Pt(x, y).In(m.Rect) {
				draw.Draw(m, image.Rect(x, y, x+1, y+1), image.NewUniform(c), image.Point{}, draw.Over)
			}
		}
	}
}

// filmStrip draws dark bands with perforations at the top and bottom and
// a play triangle.
func filmStrip(m *image.NRGBA) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	band := max(h/8, 2)
	dark, hole := color.NRGBA{20, 20, 20, 255}, color.NRGBA{230, 230, 230, 255}
	for _, y0 := range []int{0, h - band} {
		draw.Draw(m, image.Rect(0, y0, w, y0+band), image.NewUniform(dark), image.Point{}, draw.Src)
		for x := band / 2; x+band/2 < w; x += band * 2 {
			draw.Draw(m, image.Rect(x, y0+band/4, x+band/2, y0+band-band/4), image.NewUniform(hole), image.Point{}, draw.Src)
		}
	}
	// A right-pointing play triangle in the lower left corner, clear of
	// the initials in the middle.
	r := h / 10
	cx, cy := band+r, h-band-r-band/2
	for y := -r; y <= r; y++ {
		for x := 0; x <= r*2-abs(y)*2; x++ {
			m.SetNRGBA(cx-r+x, cy+y, color.NRGBA{255, 255, 255, 255})
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// initials are up to two ASCII letters or digits starting the words of a
// file's name (its extension dropped): "IMG_2765.jpg" gives "I2". The
// built-in font has no CJK glyphs, so a CJK name has none.
func initials(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	var out []rune
	start := true
	for _, r := range name {
		word := r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if word && start {
			out = append(out, unicode.ToUpper(r))
			if len(out) == 2 {
				break
			}
		}
		start = !word
	}
	return string(out)
}

// drawInitials writes s in basicfont's 7×13 face on a small canvas, with a
// dark shadow, and scales it up (nearest neighbour, so it stays crisp)
// into the middle third of m.
func drawInitials(m *image.NRGBA, s string) {
	if s == "" {
		return
	}
	face := basicfont.Face7x13
	small := image.NewNRGBA(image.Rect(0, 0, 7*len(s)+1, 14))
	for _, pass := range []struct {
		dx int
		c  color.Color
	}{{1, color.NRGBA{0, 0, 0, 160}}, {0, color.White}} {
		d := font.Drawer{Dst: small, Src: image.NewUniform(pass.c), Face: face,
			Dot: fixed.P(pass.dx, 11+pass.dx)}
		d.DrawString(s)
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	th := h / 2
	tw := th * small.Rect.Dx() / small.Rect.Dy()
	if tw > w*3/4 {
		tw, th = w*3/4, w*3/4*small.Rect.Dy()/small.Rect.Dx()
	}
	dst := image.Rect((w-tw)/2, (h-th)/2, (w+tw)/2, (h+th)/2)
	draw.NearestNeighbor.Scale(m, dst, small, small.Rect, draw.Over, nil)
}
