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
	nw, nh = max(nw, 1), max(nh, 1)
	src, sb := img, b
	if w > 4*nw && h > 4*nh {
		// BiLinear widens its support when it shrinks, so its cost grows
		// with the source (0.8 s for 4096×4096 into 400×300). A cheap sampling pass to
		// twice the target first keeps that bounded by the box, and the
		// final BiLinear pass still smooths what the sampling aliased.
		mid := image.NewRGBA(image.Rect(0, 0, 2*nw, 2*nh))
		draw.ApproxBiLinear.Scale(mid, mid.Bounds(), img, b, draw.Src, nil)
		src, sb = mid, mid.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, nw, nh)) // RGBA: x/image/draw's fast paths
	draw.BiLinear.Scale(dst, dst.Bounds(), src, sb, draw.Src, nil)
	return dst
}
