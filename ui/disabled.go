package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// sayDisabled answers a key that is bound but cannot act now with the
// reason, as lazygit's disabled reasons do; a key bound to nothing stays
// silent. q during a restore asks to stop it first.
func (m *Model) sayDisabled(msg tea.KeyPressMsg) tea.Cmd {
	k := msg.String()
	is := func(b key.Binding) bool { return !b.Enabled() && slices.Contains(b.Keys(), k) }
	switch {
	case is(m.km.Quit) && m.restoreRunning():
		m.askCancelRestore()
		m.setStatus("a restore is running: stop it first, or "+m.keyName(m.km.ForceQuit)+" quits now", true)
	case is(m.km.Restore), is(m.km.RetryFailed):
		m.setStatus(m.whyNoRestore(), true)
	case is(m.km.CancelRestore):
		m.setStatus("no restore is running", true)
	case is(m.km.RetryPage):
		switch {
		case m.loading:
			m.setStatus("a page is loading", true)
		case m.loadErr != nil:
			m.setStatus("retrying cannot help: the settings must change (see the error)", true)
		default:
			m.setStatus("nothing to retry: no page failed", true)
		}
	case is(m.km.CopyPath), is(m.km.CopyID):
		m.setStatus("copying is not available here", true)
	case is(m.km.RangeMark):
		m.setStatus(m.keyName(m.km.RangeMark)+" marks a range in the table view only", true)
	case is(m.km.Export):
		m.setStatus("export is disabled here", true)
	}
	return nil
}

// whyNoRestore says why r or R cannot act now.
func (m *Model) whyNoRestore() string {
	switch {
	case m.readOnly():
		return "read-only: restoring is disabled"
	case m.restoreRunning():
		return "a restore is running"
	}
	return "nothing to retry: no item failed"
}
