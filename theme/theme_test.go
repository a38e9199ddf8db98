package theme

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func renderer(p termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(true)
	return r
}

func TestPaintsAreEmptyWithoutColour(t *testing.T) {
	s := New(DefaultPalette(), renderer(termenv.Ascii))
	for name, p := range map[string]Paint{"cursor": s.Cursor, "mark": s.Mark, "warn": s.Warn, "danger": s.Danger} {
		if p.On != "" || p.Off != "" {
			t.Errorf("%s paint under Ascii = %q/%q, want empty", name, p.On, p.Off)
		}
	}
}

func TestPaintsWrapTextWithColour(t *testing.T) {
	s := New(DefaultPalette(), renderer(termenv.TrueColor))
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
