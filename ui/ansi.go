package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

type keyBinding = key.Binding

// ansiTruncate cuts a string that may hold SGR sequences to w cells.
func ansiTruncate(s string, w int) string { return ansi.Truncate(s, w, "…") }

// ansiWidth is the display width of a string that may hold SGR sequences.
func ansiWidth(s string) int { return ansi.StringWidth(s) }

// ansiCutLeft drops the first n cells of a styled string.
func ansiCutLeft(s string, n int) string { return ansi.TruncateLeft(s, n, "") }

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
