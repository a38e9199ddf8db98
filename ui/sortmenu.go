package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"smhbin/ui/bindata"
)

// sortChoice is one line of the sort menu: a column and its key.
type sortChoice struct {
	k    bindata.SortKey
	b    key.Binding
	name string
}

func (m *Model) sortChoices() []sortChoice {
	return []sortChoice{
		{bindata.SortName, m.km.SortByName, "name"},
		{bindata.SortSize, m.km.SortBySize, "size"},
		{bindata.SortDeleted, m.km.SortByDeleted, "deleted"},
		{bindata.SortLeft, m.km.SortByLeft, "days left"},
	}
}

// defaultDesc is the direction a column starts in: names A→Z and days
// left soonest first, sizes and deletion times largest and newest first.
func defaultDesc(k bindata.SortKey) bool {
	return k == bindata.SortSize || k == bindata.SortDeleted
}

// sortBy orders by column k: a new column starts in its own direction,
// the current one flips.
func (m *Model) sortBy(k bindata.SortKey) tea.Cmd {
	if k == m.sortKey {
		return m.changeSort(k, !m.desc)
	}
	return m.changeSort(k, defaultDesc(k))
}

// handleSortKey is the sort menu's keyboard (lazygit style: one letter per
// column); any choice closes it.
func (m *Model) handleSortKey(msg tea.KeyPressMsg) tea.Cmd {
	for _, c := range m.sortChoices() {
		if key.Matches(msg, c.b) {
			m.mode = modeBrowse
			return m.sortBy(c.k)
		}
	}
	switch {
	case key.Matches(msg, m.km.SortReverse):
		m.mode = modeBrowse
		return m.changeSort(m.sortKey, !m.desc)
	case key.Matches(msg, m.km.SortMenuClose, m.km.Sort):
		m.mode = modeBrowse
	}
	return nil
}

// sortMenuLines is the menu's text: a line per column, the current one
// with its arrow.
func (m *Model) sortMenuLines() []string {
	lines := []string{m.st.Title.Render("Sort by")}
	for _, c := range m.sortChoices() {
		l := m.st.HintKey.Render(c.b.Help().Key) + "  " + padRight(c.name, 10)
		if c.k == m.sortKey {
			l += m.sortArrow()
		} else {
			l += " "
		}
		lines = append(lines, l)
	}
	lines = append(lines, "", m.st.HintKey.Render(m.km.SortReverse.Help().Key)+"  reverse", m.st.Faint.Render("esc closes"))
	return lines
}

func (m *Model) sortArrow() string {
	if m.desc {
		return "▼"
	}
	return "▲"
}

func padRight(s string, w int) string { return s + strings.Repeat(" ", max(w-len(s), 0)) }

// overlaySortMenu draws the menu over the frame's top left, under the
// header it sorts.
func (m *Model) overlaySortMenu(frame string) string {
	box := m.st.Dialog.Padding(0, 1).Render(strings.Join(m.sortMenuLines(), "\n"))
	if lipgloss.Width(box) > m.width || lipgloss.Height(box) > m.height-1 {
		return frame
	}
	return placeOver(frame, box, min(4, m.width-lipgloss.Width(box)), 1)
}
