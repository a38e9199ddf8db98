package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"smhbin/safe"
)

// handleKey routes a key to the handler of the current mode.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.km.ForceQuit) {
		return tea.Quit
	}
	m.syncKeys()
	m.clearPassingStatus()
	switch m.mode {
	case modeHelp:
		m.handleHelpKey(msg)
		return nil
	case modeFilter:
		return m.handleFilterKey(msg)
	case modeDialog:
		return m.handleDialogKey(msg)
	case modeSort:
		return m.handleSortKey(msg)
	}
	if g := m.activeGroup(); g != nil {
		if g.list.HandleKey(msg) {
			return nil
		}
		if cmd, ok := m.handleGroupKey(g, msg); ok {
			return cmd
		}
	} else if m.table.HandleKey(msg) {
		return nil
	}
	if cmd, ok := m.handleMarkKey(msg); ok {
		return cmd
	}
	return m.handleBrowseKey(msg)
}

// handleMarkKey changes the selection; it reports whether the key did.
func (m *Model) handleMarkKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.km.Mark):
		if idx := m.cursorItem(); idx >= 0 {
			m.toggleMark(idx)
			m.table.MoveBy(1)
		}
	case key.Matches(msg, m.km.RangeMark):
		m.rangeMark()
	case key.Matches(msg, m.km.MarkAll):
		m.data.MarkView(func(bool) bool { return true }, m.markable)
	case key.Matches(msg, m.km.Invert):
		m.data.MarkView(func(on bool) bool { return !on }, m.markable)
	case m.clearFilterFirst(msg):
	case key.Matches(msg, m.km.ClearMarks):
		m.clearMarks()
	default:
		return nil, false
	}
	return nil, true
}

// rangeMark: the first v drops an anchor, the second marks every
// restorable row between the anchor and the cursor.
func (m *Model) rangeMark() {
	idx := m.cursorItem()
	if idx < 0 {
		return
	}
	if m.anchor < 0 {
		m.anchor = idx
		m.setStayingStatus("range starts here — move and press "+m.keyName(m.km.RangeMark)+" again", false,
			func() bool { return m.anchor >= 0 })
		return
	}
	view := m.data.View()
	from, to := -1, m.table.Cursor()
	for i, v := range view {
		if v == m.anchor {
			from = i
			break
		}
	}
	m.anchor = -1
	if from < 0 {
		m.setStatus("the range start is no longer shown", true)
		return
	}
	if from > to {
		from, to = to, from
	}
	n := 0
	for _, v := range view[from : to+1] {
		if m.markable(v) && m.data.SetMark(v, true) {
			n++
		}
	}
	m.setStatus("marked "+strconv.Itoa(n)+" in range", false)
}

// handleBrowseKey handles the remaining browse-mode keys.
func (m *Model) handleBrowseKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.km.CancelRestore):
		return m.askCancelRestore()
	case key.Matches(msg, m.km.Quit):
		return tea.Quit
	case key.Matches(msg, m.km.Help):
		m.openHelp()
	case key.Matches(msg, m.km.Filter):
		m.mode = modeFilter
		return m.filter.Focus()
	case key.Matches(msg, m.km.Sort):
		m.mode = modeSort
	case key.Matches(msg, m.km.SortReverse):
		return m.changeSort(m.sortKey, !m.desc)
	case key.Matches(msg, m.km.Details):
		m.showDetails, m.detailsSet = !m.showDetails, true
		m.sizeLists()
	case key.Matches(msg, m.km.RawFields):
		m.rawToggle()
	case key.Matches(msg, m.km.DetailsDown):
		m.scrollDetailsBy(1)
	case key.Matches(msg, m.km.DetailsUp):
		m.scrollDetailsBy(-1)
	case key.Matches(msg, m.km.ToggleTime):
		m.absTime = !m.absTime
	case key.Matches(msg, m.km.Reload):
		return m.startListing()
	case key.Matches(msg, m.km.RetryPage):
		return m.retryPage()
	case key.Matches(msg, m.km.CopyPath, m.km.CopyID):
		return m.copyCursor(key.Matches(msg, m.km.CopyID))
	case key.Matches(msg, m.km.Restore):
		return m.askRestore()
	case key.Matches(msg, m.km.RetryFailed):
		return m.askRetryFailed()
	case pressed(msg, m.km.Delete):
		return m.askDelete()
	case pressed(msg, m.km.EmptyBin):
		return m.askEmpty()
	case key.Matches(msg, m.km.ViewBatches):
		m.switchView(viewBatches)
	case key.Matches(msg, m.km.ViewFolders):
		m.switchView(viewFolders)
	case key.Matches(msg, m.km.Expiring):
		m.toggleExpiring()
	case key.Matches(msg, m.km.Export):
		return m.export()
	default:
		return m.sayDisabled(msg)
	}
	return nil
}

// copyCursor copies the cursor item's original path or id via OSC 52.
func (m *Model) copyCursor(id bool) tea.Cmd {
	idx := m.focusItem()
	if idx < 0 || m.opts.Clipboard == nil {
		return nil
	}
	it := m.data.Item(idx)
	if id {
		return copyText(m.opts.Clipboard, strconv.FormatInt(it.ID, 10), "id "+strconv.FormatInt(it.ID, 10))
	}
	// The raw path goes to the clipboard; only the status text is sanitized.
	p := "/" + strings.Join(it.OriginalPath, "/")
	return copyText(m.opts.Clipboard, p, "path "+safe.Truncate(safe.Text(p), 40))
}

// handleFilterKey edits the live filter: every keystroke narrows the view.
func (m *Model) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.km.FilterApply):
		m.mode = modeBrowse
		m.filter.Blur()
		return nil
	case key.Matches(msg, m.km.FilterClear):
		m.mode = modeBrowse
		m.filter.Blur()
		m.filter.SetValue("")
		m.applyFilter()
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.applyFilter()
	return cmd
}

// handlePaste types pasted text into the filter prompt; elsewhere a
// paste is ignored rather than read as a burst of commands.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if m.mode != modeFilter {
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.applyFilter()
	return cmd
}
