package ui

import (
	"smhbin/api"
	"smhbin/safe"
)

// readOnly reports whether restoring is off (by flag, or no restorer).
func (m *Model) readOnly() bool { return m.opts.ReadOnly || m.opts.Restorer == nil }

// markable: restorable by the server's authority and not already restored.
// It is the one test every way of marking uses (space, range, all, invert,
// a group row); unmarking is always allowed.
func (m *Model) markable(idx int32) bool {
	it := &m.data.Items()[idx] // the compact row: this runs for every item grouped
	if !it.Restorable() {
		return false
	}
	o, ok := m.outcomes[it.ID]
	return !ok || o.kind != api.Restored
}

// toggleMark flips one item's mark, saying why when it cannot be marked;
// it reports whether the mark changed.
func (m *Model) toggleMark(idx int32) bool {
	on := !m.data.Marked(idx)
	if on && !m.markable(idx) {
		// The cursor moves on, so the message names the row it is about.
		m.setStatus("“"+safe.Truncate(safe.Text(m.data.Item(idx).Name), 30)+"” "+m.whyNotMarkable(idx), true)
		return false
	}
	return m.data.SetMark(idx, on)
}

func (m *Model) whyNotMarkable(idx int32) string {
	if m.rowStatus(idx).done {
		return "already restored"
	}
	return "cannot be restored: your token lacks permission for this item"
}

// syncKeys enables exactly the bindings that do something now, so the
// hint bar and the help screen tell the truth.
func (m *Model) syncKeys() {
	running := m.restoreRunning()
	shown := len(m.data.View()) > 0 // nothing to mark or act on in an empty view
	m.km.Restore.SetEnabled(!m.readOnly() && (shown || m.data.MarkCount() > 0))
	m.km.Mark.SetEnabled(shown)
	m.km.RetryFailed.SetEnabled(!m.readOnly() && !running && m.hasRetryable())
	m.km.CancelRestore.SetEnabled(running)
	m.km.Delete.SetEnabled(m.deleteOff() == "")
	m.km.EmptyBin.SetEnabled(m.deleteOff() == "")
	m.km.Quit.SetEnabled(!running) // ctrl+c cancels the restore instead
	m.km.RetryPage.SetEnabled(m.loadErr != nil && !m.loading && m.retryHelps())
	m.km.RetryPage.SetHelp(m.km.RetryPage.Help().Key, m.retryPageDesc())
	m.km.CopyPath.SetEnabled(m.opts.Clipboard != nil)
	m.km.CopyID.SetEnabled(m.opts.Clipboard != nil)
	m.km.ToggleStrategy.SetEnabled(m.mode == modeDialog && m.dialog.kind == dialogRestore)
	grouped := m.vmode != viewTable
	m.km.Expand.SetEnabled(grouped)
	m.km.Collapse.SetEnabled(grouped)
	m.km.RangeMark.SetEnabled(!grouped) // a range is a run of table rows
	m.km.RawFields.SetEnabled(m.showDetails)
	_, _, _, _, pane := m.detailsBox()
	m.km.DetailsDown.SetEnabled(pane)
	m.km.DetailsUp.SetEnabled(pane)
	m.km.Export.SetEnabled(m.opts.ExportDir != exportDisabled)
}
