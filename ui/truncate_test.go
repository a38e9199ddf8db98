package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTruncMiddle: both ends stay, the result never exceeds w cells, also
// across wide runes.
func TestTruncMiddle(t *testing.T) {
	cases := []struct {
		s    string
		w    int
		want string
	}{
		{"/docs/report (1).docx", 40, "/docs/report (1).docx"},
		{"/projects/2024/q3/report (1).docx", 20, "/proje…port (1).docx"},
		{"/写真/京都旅行/とても長い名前 (1).heic", 16, ""},
	}
	for _, c := range cases {
		got := truncMiddle(c.s, c.w)
		if w := ansi.StringWidth(got); w > c.w {
			t.Errorf("truncMiddle(%q, %d) = %q, %d cells", c.s, c.w, got, w)
		}
		if c.want != "" && got != c.want {
			t.Errorf("truncMiddle(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
		if got[0] != c.s[0] || got[len(got)-1] != c.s[len(c.s)-1] {
			t.Errorf("truncMiddle(%q, %d) = %q lost an end", c.s, c.w, got)
		}
	}
}
