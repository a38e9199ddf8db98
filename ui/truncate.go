package ui

import "github.com/charmbracelet/x/ansi"

// truncLeft keeps the last w cells of s, starting with "…" when cut: the
// end of a path says more than its start.
func truncLeft(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw <= w {
		return s
	}
	tail := ansi.TruncateLeft(s, sw-w+1, "")
	if ansi.StringWidth(tail) > w-1 {
		// The cut fell inside a wide rune, which TruncateLeft keeps whole.
		tail = ansi.TruncateLeft(s, sw-w+2, "")
	}
	return "…" + tail
}
