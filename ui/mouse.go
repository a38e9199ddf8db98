package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/ui/bindata"
)

// wheelStep is the rows one wheel notch moves.
const wheelStep = 3

// handleMouse: the wheel scrolls what is under the pointer (help, the
// details pane or the list), a click moves the cursor, a click in the mark column toggles a
// mark, a click on a column title sorts by it, and a click on a dialog's
// key hint presses that key.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.opts.NoMouse {
		return nil
	}
	ms := msg.Mouse()
	_, wheel := msg.(tea.MouseWheelMsg)
	_, click := msg.(tea.MouseClickMsg)
	delta := wheelStep
	if ms.Button == tea.MouseWheelUp {
		delta = -wheelStep
	}
	switch {
	case m.mode == modeHelp && wheel:
		m.scrollHelp(delta)
	case m.mode == modeDialog && click && ms.Button == tea.MouseLeft:
		return m.clickDialog(ms.X, ms.Y)
	case m.mode != modeBrowse:
	case wheel && m.scrollDetails(ms.X, ms.Y, delta):
	case wheel:
		m.list().MoveBy(delta)
	case click && ms.Button == tea.MouseLeft:
		return m.clickTable(ms.X, ms.Y)
	}
	return nil
}

// list is the row list on screen.
func (m *Model) list() interface{ MoveBy(int) } {
	if g := m.activeGroup(); g != nil {
		return &g.list
	}
	return &m.table
}

// clickTable handles a left click on the table: line 1 is the header,
// rows start on line 2 (under the title and the header).
func (m *Model) clickTable(x, y int) tea.Cmd {
	s := m.layout()
	if x >= s.tableW {
		return nil
	}
	g := m.activeGroup()
	if y == 1 {
		if !m.columnTitles(g) {
			return nil
		}
		if k, ok := headerColumn(s.c, x); ok {
			return m.sortBy(k)
		}
		return nil
	}
	row := y - 2
	if row < 0 || row >= s.rows {
		return nil
	}
	if g != nil {
		i := g.list.Offset() + row
		if i >= g.list.Len() {
			return nil
		}
		g.list.SetCursor(i)
		if x == 1 { // the mark column: a group's or an item's mark
			m.markEntry(g)
		}
		return nil
	}
	i := m.table.Offset() + row
	if i >= m.table.Len() {
		return nil
	}
	m.table.SetCursor(i)
	if x == 1 { // the mark column ("▸●")
		m.toggleMark(m.cursorItem())
	}
	return nil
}

// columnTitles reports whether the header shows the table's column
// titles: always in the table, and in a grouped view while item rows are
// on screen (else it is the view's title).
func (m *Model) columnTitles(g *groupView) bool {
	if g == nil {
		return true
	}
	_, ok := m.itemsShown(g)
	return ok && m.loadedAll()
}

// headerColumn is the sortable column under cell x of the header.
func headerColumn(c cols, x int) (bindata.SortKey, bool) {
	at := gutter
	for _, col := range []struct {
		w int
		k bindata.SortKey
	}{{c.name, bindata.SortName}, {c.size, bindata.SortSize}, {c.deleted, bindata.SortDeleted}, {c.left, bindata.SortLeft}} {
		if col.w == 0 {
			continue
		}
		if x >= at && x < at+col.w {
			return col.k, true
		}
		at += col.w + 1
	}
	return 0, false
}

// clickDialog presses the dialog key whose hint ("y/enter restore",
// "n/esc cancel") was clicked, found on the drawn screen so that it
// matches whatever the dialog says.
func (m *Model) clickDialog(x, y int) tea.Cmd {
	lines := strings.Split(m.render(), "\n")
	if y < 0 || y >= len(lines) {
		return nil
	}
	line := ansi.Strip(lines[y])
	for _, b := range []struct {
		hint string
		key  string
	}{{m.km.Confirm.Help().Key, m.km.Confirm.Keys()[0]}, {m.km.Deny.Help().Key, m.km.Deny.Keys()[0]}} {
		i := strings.Index(line, b.hint+" ")
		if i < 0 {
			continue
		}
		start := ansi.StringWidth(line[:i])
		end := start + ansi.StringWidth(b.hint) + 1 + len(strings.Fields(line[i+len(b.hint):])[0])
		if x >= start && x < end {
			return m.handleDialogKey(pressOf(b.key))
		}
	}
	return nil
}

// pressOf is the key press a binding's key string names.
func pressOf(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}
