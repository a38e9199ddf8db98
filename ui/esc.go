package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
)

// clearFilterFirst makes esc undo the last thing narrowed first, as k9s
// and gtrash do: an applied filter goes before the marks, and the status
// says that a second esc clears the marks. It reports whether it took
// the key.
func (m *Model) clearFilterFirst(msg tea.KeyPressMsg) bool {
	if m.data.Query() == "" || !key.Matches(msg, m.km.FilterClear) || !key.Matches(msg, m.km.ClearMarks) {
		return false
	}
	m.filter.SetValue("")
	m.applyFilter()
	s := "filter cleared"
	if n := m.data.MarkCount(); n > 0 {
		s += " · esc again clears the " + humanize.Comma(int64(n)) + " marks"
	}
	m.setStatus(s, false)
	return true
}

// clearMarks is the second esc (or u): it says what it dropped, since
// marks can be off screen.
func (m *Model) clearMarks() {
	n := m.data.MarkCount()
	m.data.ClearMarks()
	m.anchor = -1
	if n > 0 {
		m.setStatus("cleared "+humanize.Comma(int64(n))+" marks", false)
	}
}
