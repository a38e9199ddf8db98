package imgfit

import (
	"image"
	"testing"
)

func TestFit(t *testing.T) {
	cases := []struct{ w, h, boxW, boxH, wantW, wantH int }{
		{200, 100, 40, 40, 40, 20},
		{50, 100, 40, 40, 20, 40},
		{16, 8, 40, 40, 16, 8}, // never enlarged
		{1000, 1, 10, 10, 10, 1},
		{1, 1000, 10, 10, 1, 10},
	}
	for _, c := range cases {
		got := Fit(image.NewRGBA(image.Rect(0, 0, c.w, c.h)), c.boxW, c.boxH).Bounds()
		if got.Dx() != c.wantW || got.Dy() != c.wantH {
			t.Errorf("%dx%d in %dx%d: %dx%d, want %dx%d", c.w, c.h, c.boxW, c.boxH, got.Dx(), got.Dy(), c.wantW, c.wantH)
		}
	}
	if Fit(image.NewRGBA(image.Rect(0, 0, 4, 4)), 0, 4) != nil {
		t.Error("an empty box gives an image")
	}
}
