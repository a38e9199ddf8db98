package termimg

import (
	"image"
	"image/color"
	"strconv"
	"strings"
)

// halfBlocks draws two pixels per cell: the upper one as the foreground
// of ▀, the lower one as its background. A transparent pixel keeps the
// terminal's own background (▄ or a space instead). Colours are written
// only when they change, and every line ends with a reset.
func halfBlocks(m image.Image, truecolor bool) string {
	b := m.Bounds()
	var sb strings.Builder
	sb.Grow(b.Dx() * (b.Dy() + 1) / 2 * 24)
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		if y > b.Min.Y {
			sb.WriteByte('\n')
		}
		var fg, bg string // the SGR parameters in force on this line
		set := func(wantFg, wantBg string) {
			var ps []string
			if wantFg != fg {
				ps, fg = append(ps, wantFg), wantFg
			}
			if wantBg != bg {
				ps, bg = append(ps, wantBg), wantBg
			}
			if len(ps) > 0 {
				sb.WriteString("\x1b[" + strings.Join(ps, ";") + "m")
			}
		}
		for x := b.Min.X; x < b.Max.X; x++ {
			top, topOK := pixel(m, x, y)
			bot, botOK := pixel(m, x, y+1)
			botOK = botOK && y+1 < b.Max.Y
			switch {
			case topOK && botOK:
				set(sgr(top, truecolor, 38), sgr(bot, truecolor, 48))
				sb.WriteString("▀")
			case topOK:
				set(sgr(top, truecolor, 38), "49")
				sb.WriteString("▀")
			case botOK:
				set(sgr(bot, truecolor, 38), "49")
				sb.WriteString("▄")
			default:
				set(fg, "49")
				sb.WriteByte(' ')
			}
		}
		sb.WriteString("\x1b[0m")
	}
	return sb.String()
}

// pixel is the colour at x, y and whether it is opaque enough to draw.
func pixel(m image.Image, x, y int) (color.NRGBA, bool) {
	c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
	return c, c.A >= 128
}

// sgr is the SGR parameter for c as a foreground (base 38) or background
// (base 48) colour.
func sgr(c color.NRGBA, truecolor bool, base int) string {
	if truecolor {
		return itoa(base) + ";2;" + itoa(int(c.R)) + ";" + itoa(int(c.G)) + ";" + itoa(int(c.B))
	}
	return itoa(base) + ";5;" + itoa(xterm256(c))
}

// cube are the channel levels of the xterm 6×6×6 colour cube (16–231).
var cube = [6]int{0, 95, 135, 175, 215, 255}

// xterm256 is the nearest colour of the xterm palette's cube or grey ramp
// (232–255); the 16 system colours are skipped, as terminals redefine them.
func xterm256(c color.NRGBA) int {
	r, g, b := int(c.R), int(c.G), int(c.B)
	ri, gi, bi := nearestLevel(r), nearestLevel(g), nearestLevel(b)
	cubeIdx := 16 + 36*ri + 6*gi + bi
	cubeDist := sq(cube[ri]-r) + sq(cube[gi]-g) + sq(cube[bi]-b)
	// Grey ramp: 8, 18, …, 238.
	avg := (r + g + b) / 3
	gi2 := min(max((avg-8+5)/10, 0), 23)
	grey := 8 + 10*gi2
	if sq(grey-r)+sq(grey-g)+sq(grey-b) < cubeDist {
		return 232 + gi2
	}
	return cubeIdx
}

func nearestLevel(v int) int {
	best := 0
	for i, l := range cube {
		if sq(l-v) < sq(cube[best]-v) {
			best = i
		}
	}
	return best
}

func sq(x int) int { return x * x }

func itoa(n int) string { return strconv.Itoa(n) }
