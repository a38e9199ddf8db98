package termimg

import (
	"image"
	"image/color"
	"testing"
)

func gradient(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	return m
}

// BenchmarkHalfBlocks draws a details-pane thumbnail (40×15 cells) from
// an image already fetched at its pixel box.
func BenchmarkHalfBlocks(b *testing.B) {
	m := gradient(40, 30)
	for _, p := range []Protocol{Blocks, Blocks256} {
		b.Run(string(p), func(b *testing.B) {
			for b.Loop() {
				Render(m, Box{Cols: 40, Rows: 15}, p, 0)
			}
		})
	}
}

// BenchmarkKitty encodes a 400×300 thumbnail as PNG with placeholders.
func BenchmarkKitty(b *testing.B) {
	m := gradient(400, 300)
	for b.Loop() {
		Render(m, Box{Cols: 40, Rows: 15}, Kitty, 7)
	}
}
