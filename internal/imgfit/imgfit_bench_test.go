package imgfit

import (
	"image"
	"testing"
)

// BenchmarkFitLargest scales the largest image a preview accepts
// (4096×4096) into a details-pane box: the worst case of the scaling step.
func BenchmarkFitLargest(b *testing.B) {
	m := image.NewNRGBA(image.Rect(0, 0, 4096, 4096))
	for b.Loop() {
		Fit(m, 400, 300)
	}
}
