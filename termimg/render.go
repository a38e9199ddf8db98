package termimg

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/iterm2"
	"github.com/charmbracelet/x/ansi/kitty"
	"github.com/charmbracelet/x/ansi/sixel"

	"smhbin/internal/imgfit"
)

// CellSize is a terminal cell's size in pixels.
type CellSize struct{ W, H int }

// DefaultCellSize is assumed when the terminal's cell size is unknown: a
// common 10×20-pixel cell. Kitty and iTerm2 scale the image into the
// cells anyway; only its sharpness depends on this.
var DefaultCellSize = CellSize{W: 10, H: 20}

// Box is where an image goes: Cols×Rows cells of Cell pixels (the zero
// Cell means DefaultCellSize).
type Box struct {
	Cols, Rows int
	Cell       CellSize
}

func (b Box) cell() CellSize {
	if b.Cell.W <= 0 || b.Cell.H <= 0 {
		return DefaultCellSize
	}
	return b.Cell
}

// Pixels is the largest image, in pixels, that p draws in the box: the
// size to fetch a thumbnail at. Half-blocks show two pixels per cell, one
// above the other.
func (b Box) Pixels(p Protocol) (w, h int) {
	if b.Cols <= 0 || b.Rows <= 0 {
		return 0, 0
	}
	switch p {
	case Off:
		return 0, 0
	case Blocks, Blocks256:
		return b.Cols, 2 * b.Rows
	}
	c := b.cell()
	return b.Cols * c.W, b.Rows * c.H
}

// Inline reports whether p's output is lines of text that a layout may
// place like any other (half-blocks, kitty placeholders). iTerm2 and sixel
// output is instead an overlay: one escape sequence the caller writes at
// the box's top-left corner after the frame, and again after every redraw
// that covers it.
func (p Protocol) Inline() bool { return p == Blocks || p == Blocks256 || p == Kitty }

// Render draws img, scaled down to fit, in at most box.Cols×box.Rows
// cells. id names the image for the kitty protocol (nonzero, below 2^24;
// the same id replaces the previous image). Inline output has one line
// per row it uses, each of the same width, with no trailing newline; it
// may be narrower or shorter than the box. Off or an empty box gives "".
func Render(img image.Image, box Box, p Protocol, id uint32) string {
	w, h := box.Pixels(p)
	m := imgfit.Fit(img, w, h)
	if m == nil {
		return ""
	}
	switch p {
	case Blocks, Blocks256:
		return halfBlocks(m, p == Blocks)
	case Kitty:
		return kittyImage(m, box, id)
	case ITerm2:
		return iterm2Image(m, box)
	case Sixel:
		var payload bytes.Buffer
		if err := (&sixel.Encoder{}).Encode(&payload, m); err != nil {
			return ""
		}
		// p2 = 1: transparent pixels keep the background.
		return ansi.SixelGraphics(0, 1, 0, payload.Bytes())
	}
	return ""
}

// cellsFor is how many cells an image of w×h pixels covers.
func cellsFor(w, h int, c CellSize) (cols, rows int) {
	return max(1, (w+c.W-1)/c.W), max(1, (h+c.H-1)/c.H)
}

// kittyImage transmits the image with a virtual placement and returns it
// followed by the grid of Unicode placeholders that show it: each cell is
// U+10EEEE with its row and column as diacritics, coloured with the image
// id. Those are ordinary characters of width one, so a layout engine can
// pad, join and move them; kitty and Ghostty draw the image there.
func kittyImage(m image.Image, box Box, id uint32) string {
	id = max(1, id&0xFFFFFF)
	b := m.Bounds()
	cols, rows := cellsFor(b.Dx(), b.Dy(), box.cell())
	var sb strings.Builder
	err := kitty.EncodeGraphics(&sb, m, &kitty.Options{
		Action: kitty.TransmitAndPut, Transmission: kitty.Direct, Format: kitty.PNG,
		ID: int(id), Columns: cols, Rows: rows, VirtualPlacement: true, Quiet: 2, Chunk: true,
	})
	if err != nil {
		return ""
	}
	fg := "\x1b[38;2;" + itoa(int(id>>16)) + ";" + itoa(int(id>>8&0xFF)) + ";" + itoa(int(id&0xFF)) + "m"
	for r := range rows {
		if r > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(fg)
		for c := range cols {
			sb.WriteRune(kitty.Placeholder)
			sb.WriteRune(kitty.Diacritic(r))
			sb.WriteRune(kitty.Diacritic(c))
		}
		sb.WriteString("\x1b[39m")
	}
	return sb.String()
}

// iterm2Image is an OSC 1337 inline PNG sized in cells.
func iterm2Image(m image.Image, box Box) string {
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		return ""
	}
	b := m.Bounds()
	cols, rows := cellsFor(b.Dx(), b.Dy(), box.cell())
	return ansi.ITerm2(iterm2.File{
		Inline: true, DoNotMoveCursor: true, Size: int64(buf.Len()),
		Width: iterm2.Cells(cols), Height: iterm2.Cells(rows),
		Content: []byte(base64.StdEncoding.EncodeToString(buf.Bytes())),
	})
}
