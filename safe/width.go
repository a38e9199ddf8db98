package safe

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// ellipsis ends a truncated string. Its width is measured, not assumed: it is
// East-Asian ambiguous, so RUNEWIDTH_EASTASIAN=1 makes it two cells wide.
const ellipsis = "…"

// Width returns the display width in cells of s, which must already have been
// through Text: grapheme clusters as lipgloss measures them, with East-Asian
// wide and fullwidth characters (and emoji) taking two cells.
func Width(s string) int {
	if isPrintableASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

// Truncate cuts s, which must already have been through Text, to at most w
// cells. A cut string ends with "…"; a wide character that would straddle the
// limit is dropped whole rather than split. Truncate returns "" when w <= 0.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	budget := w - ansi.StringWidth(ellipsis)
	if budget < 0 {
		return ""
	}
	if isPrintableASCII(s) { // one byte, one cell, one cluster
		return s[:budget] + ellipsis
	}
	// Walk grapheme clusters with the same measure Width uses, rather than
	// calling ansi.Truncate, which counts an ASCII byte apart from the marks
	// that follow it and so can disagree with StringWidth on a cluster such
	// as a keycap "1\uFE0F\u20E3".
	used, end := 0, 0
	for end < len(s) {
		cluster, cw := ansi.FirstGraphemeCluster(s[end:], ansi.GraphemeWidth)
		if len(cluster) == 0 || used+cw > budget {
			break
		}
		used += cw
		end += len(cluster)
	}
	return s[:end] + ellipsis
}

// Pad truncates s, which must already have been through Text, or pads it on
// the right with spaces, so that it is exactly w cells wide. It returns ""
// when w <= 0.
func Pad(s string, w int) string {
	t, gap := fit(s, w)
	if gap == 0 {
		return t
	}
	return t + strings.Repeat(" ", gap)
}

// PadLeft is Pad aligned to the right, for numbers and sizes in columns.
func PadLeft(s string, w int) string {
	t, gap := fit(s, w)
	if gap == 0 {
		return t
	}
	return strings.Repeat(" ", gap) + t
}

// fit truncates s to w cells and reports how many cells remain to fill. The
// gap can be positive even after a cut, when a wide character did not fit.
func fit(s string, w int) (string, int) {
	if w <= 0 {
		return "", 0
	}
	t := Truncate(s, w)
	return t, max(w-Width(t), 0)
}

// isPrintableASCII reports whether every byte of s is in 0x20–0x7E, where a
// byte is one cell and no cluster spans two bytes.
func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}
