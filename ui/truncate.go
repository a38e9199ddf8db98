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

// truncMiddle keeps the start and the end of s within w cells, with "…"
// between them (a third of the room for the start): a folder's top and a file's new name both stay visible.
// s must already have been through safe.Text.
func truncMiddle(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w < 5 {
		return truncLeft(s, w)
	}
	// A third for the start: the end (a new name's " (1).docx") matters more.
	head := (w - 1) / 3
	return ansi.Truncate(s, head, "") + truncLeft(s, w-ansi.StringWidth(ansi.Truncate(s, head, "")))
}
