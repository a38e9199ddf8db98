package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The model's size is clamped both ways: a zero window still draws one
// cell, and a window of the uint32 maximum is laid out at MaxWidth ×
// MaxHeight instead of building a frame of that size.
func TestResizeClampsBothWays(t *testing.T) {
	for _, tt := range []struct{ w, h, wantW, wantH int }{
		{0, -3, 1, 1},
		{65535, 40, MaxWidth, 40},
		{1<<32 - 1, 1<<32 - 1, MaxWidth, MaxHeight},
	} {
		m := newTestModel(t, &fakeBin{}, tt.w, tt.h, nil)
		if m.width != tt.wantW || m.height != tt.wantH {
			t.Fatalf("%d×%d: laid out at %d×%d, want %d×%d", tt.w, tt.h, m.width, m.height, tt.wantW, tt.wantH)
		}
		lines := strings.Split(m.render(), "\n")
		widest := 0
		for _, l := range lines {
			widest = max(widest, ansi.StringWidth(l))
		}
		if len(lines) > max(tt.wantH, 1) || widest > tt.wantW {
			t.Errorf("%d×%d: a frame of %d lines, %d columns wide", tt.w, tt.h, len(lines), widest)
		}
	}
}
