package theme

import (
	"strings"
	"testing"
)

func TestPaintsAreEmptyWithoutColour(t *testing.T) {
	s := New(DefaultPalette(), Target{Dark: true, NoColor: true})
	for name, p := range map[string]Paint{"mark": s.Mark, "warn": s.Warn, "danger": s.Danger} {
		if p.On != "" || p.Off != "" {
			t.Errorf("%s paint without colour = %q/%q, want empty", name, p.On, p.Off)
		}
	}
}

// TestCursorUsesAttributesWithoutColour: NO_COLOR forbids colour only, so
// the cursor row is reverse video and a pending range is underlined.
func TestCursorUsesAttributesWithoutColour(t *testing.T) {
	s := New(DefaultPalette(), Target{Dark: true, NoColor: true})
	if s.Cursor.On != "\x1b[7m" || s.CursorDim.On != "\x1b[7m" || s.Range.On != "\x1b[4m" {
		t.Fatalf("cursor %q, dim cursor %q, range %q", s.Cursor.On, s.CursorDim.On, s.Range.On)
	}
}

func TestPaintsWrapTextWithColour(t *testing.T) {
	s := New(DefaultPalette(), Target{Dark: true})
	var b strings.Builder
	s.Danger.Wrap(&b, "x")
	out := b.String()
	if !strings.HasPrefix(out, "\x1b[") || !strings.Contains(out, "x") || !strings.HasSuffix(out, "m") {
		t.Fatalf("danger paint = %q, want SGR around x", out)
	}
	if strings.Contains(out, "\uE000") {
		t.Fatal("probe rune leaked into the paint")
	}
}
