package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// position is where the cursor is in the list on screen ("1,234/3,000
// (filtered from 34,562) · 41%"): the table counts items, a grouped view
// its rows (groups and the items of open ones).
func (m *Model) position() string {
	if g := m.activeGroup(); g != nil {
		return g.list.Position(0)
	}
	return m.table.Position(m.data.Len())
}

// withPosition right-aligns the position on line, cutting line first:
// where you are matters more than the end of a long message, but not
// more than an error, which keeps the whole line when the two do not
// fit. Below 40 columns the position is left out.
func (m *Model) withPosition(line string, w int) string {
	pos := m.position()
	pw := ansi.StringWidth(pos)
	crowded := ansi.StringWidth(line)+pw+2 > w
	if pos == "" || w < 40 || pw > w/2 || (crowded && (m.loadErr != nil || m.errMsg)) {
		return truncateStyled(line, w)
	}
	left := truncateStyled(line, w-pw-2)
	gap := w - pw - 1 - ansi.StringWidth(left)
	return left + strings.Repeat(" ", max(gap, 1)) + m.st.Faint.Render(pos) + " "
}
