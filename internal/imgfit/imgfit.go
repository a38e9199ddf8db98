// Package imgfit scales an image down into a box, for the preview fetch
// (api) and the terminal renderer (termimg) alike.
package imgfit

import (
	"image"

	"golang.org/x/image/draw"
)

// Fit scales img down to fit in maxW×maxH pixels, keeping its aspect
// ratio; an image that already fits is returned as it is, never enlarged.
// A non-positive box gives nil.
func Fit(img image.Image, maxW, maxH int) image.Image {
	if img == nil || maxW <= 0 || maxH <= 0 {
		return nil
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= maxW && h <= maxH {
		return img
	}
	// Scale by the tighter of the two ratios, in integers, at least 1 pixel.
	nw, nh := maxW, h*maxW/w
	if h*maxW > maxH*w {
		nw, nh = w*maxH/h, maxH
	}
	dst := image.NewNRGBA(image.Rect(0, 0, max(nw, 1), max(nh, 1)))
	// BiLinear widens its support when it shrinks, so every source pixel
	// counts; ApproxBiLinear would alias a 4096-pixel photo into noise.
	draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}
