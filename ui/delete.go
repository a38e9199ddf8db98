package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/ui/bindata"
)

// deleteNames is how many items the delete dialog names before "and N
// more": enough to recognise a selection, few enough for 80×24.
const deleteNames = 3

// maxTyped bounds the typed confirmation: it is a count, a word or a
// library id, never a paragraph.
const maxTyped = 64

// deleteOff says why deleting (D and ctrl+x) is off, or "" when it is on.
func (m *Model) deleteOff() string {
	switch {
	case m.opts.ReadOnly:
		return "read-only mode"
	case m.opts.Deleter == nil && m.opts.DeleteOff != "":
		return m.opts.DeleteOff
	case m.opts.Deleter == nil:
		return "not enabled"
	}
	return ""
}

// pressed reports whether msg is one of b's keys, enabled or not: a
// disabled D still answers, with the reason it is off.
func pressed(msg tea.KeyPressMsg, b key.Binding) bool {
	return slices.Contains(b.Keys(), msg.String())
}

// isDeleteKey reports whether b is D or ctrl+x, as bound now.
func (m *Model) isDeleteKey(b key.Binding) bool {
	return slices.Equal(b.Keys(), m.km.Delete.Keys()) || slices.Equal(b.Keys(), m.km.EmptyBin.Keys())
}

// selection is what r and D act on: the marked items, or when nothing is
// marked the group or the item under the cursor.
func (m *Model) selection() []int32 {
	if m.data.MarkCount() > 0 {
		return m.data.MarkedInOrder()
	}
	if sel := m.groupSelection(); sel != nil {
		return sel
	}
	if idx := m.focusItem(); idx >= 0 {
		return []int32{idx}
	}
	return nil
}

// busy says why no delete or empty may start now, or "" when one may.
// One run at a time per session, and the engine's ledger across
// sessions, keep a restore and a delete of one item from racing.
func (m *Model) busy() string {
	switch {
	case m.deleteOff() != "":
		return "delete is off: " + m.deleteOff()
	case m.restoreRunning():
		return "a " + m.rr.op.String() + " is running: wait for it to end (or x to cancel it) first"
	case m.emptying:
		return "the bin is being emptied"
	}
	return ""
}

// askDelete opens the delete dialog for the selection. Items the server
// will not let us delete, or that a restore already took out of the bin,
// are left out and counted.
func (m *Model) askDelete() tea.Cmd {
	if why := m.busy(); why != "" {
		m.setStatus(why, true)
		return nil
	}
	sel := m.selection()
	if len(sel) == 0 {
		return nil
	}
	d := m.tally(dialogState{kind: dialogDelete}, sel, (*bindata.Row).Deletable)
	if len(d.ids) == 0 {
		// As for restore: no dialog that can only say "0 items".
		m.setStatus(nothingDeletable(d), true)
		return nil
	}
	d.want = []string{strconv.Itoa(len(d.ids))}
	if len(d.ids) == 1 {
		d.want = []string{"delete"}
	}
	m.openDialog(d)
	return nil
}

// typed reports whether the dialog wants its confirmation typed.
func (d *dialogState) typed() bool { return d.kind == dialogDelete || d.kind == dialogEmpty }

// confirmed reports whether what was typed is one of the accepted texts.
// Thousands separators are ignored, so "1,234" and "1234" both confirm.
func (d *dialogState) confirmed() bool {
	t := strings.ReplaceAll(strings.TrimSpace(d.typing), ",", "")
	return t != "" && slices.Contains(d.want, t)
}

// handleTypedKey edits the typed confirmation. Text keys always type (so
// y and n are letters here, not answers); enter confirms only when the
// text is right, and a wrong text keeps the dialog open.
func (m *Model) handleTypedKey(msg tea.KeyPressMsg) tea.Cmd {
	d := &m.dialog
	switch {
	case msg.Text != "":
		if len(d.typing) < maxTyped {
			d.typing += msg.Text
		}
		d.wrong = false
	case msg.String() == "backspace":
		if r := []rune(d.typing); len(r) > 0 {
			d.typing = string(r[:len(r)-1])
		}
		d.wrong = false
	case key.Matches(msg, m.km.Deny):
		m.mode = modeBrowse
		m.dialog = dialogState{}
	case key.Matches(msg, m.km.Confirm):
		if len(d.want) == 0 || !d.confirmed() || (d.kind == dialogDelete && len(d.ids) == 0) {
			d.wrong = true
			return nil
		}
		confirmed := *d
		m.mode = modeBrowse
		m.dialog = dialogState{}
		if confirmed.kind == dialogEmpty {
			return m.startEmpty()
		}
		return m.startDelete(confirmed.ids)
	}
	return nil
}

// startDelete hands ids to the engine; the run then goes through the same
// events, rows, progress line, cancel and summary as a restore.
func (m *Model) startDelete(ids []int64) tea.Cmd {
	if len(ids) == 0 || m.busy() != "" {
		return nil
	}
	m.opts.logf("delete run %d started: %d items", m.runSeq+1, len(ids))
	return m.beginRun(m.opts.Deleter.StartDelete(m.restoreContext(), ids), len(ids), "")
}

// removeDeleted takes deleted items out of the list (and so out of every
// grouped view) and forgets their outcomes.
func (m *Model) removeDeleted(ids []int64) {
	if len(ids) == 0 {
		return
	}
	keep := m.cursorItem()
	n := m.data.Remove(ids)
	if n == 0 {
		return
	}
	m.total = max(m.total-int64(n), 0) // the server's count, as it now stands
	for _, id := range ids {
		if o, ok := m.outcomes[id]; ok && o.retryable() {
			m.retryableCount--
		}
		delete(m.outcomes, id)
	}
	m.anchor = -1
	m.follow(keep)
}

// deleteAdvice is the status line after a delete run.
func (m *Model) deleteAdvice() string {
	rr := m.rr
	switch {
	case rr.authLost:
		return "token rejected (InvalidAccessToken): quit, set a fresh token with the delete_recycled grant, restart"
	case rr.failedBy[api.CodeNoPermission] == rr.total:
		return m.noPermissionSentence()
	case rr.unknown > 0:
		return "some deletes are not confirmed: ctrl+r reloads to see what is still in the bin"
	case rr.failedCount > 0 || rr.skipped > 0:
		return "the rows left are still in the bin and stay marked: D tries them again"
	}
	return "done — deleted items left the list"
}
