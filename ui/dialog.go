package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/ui/bindata"
)

type dialogKind int

const (
	dialogNone dialogKind = iota
	dialogRestore
	dialogCancel
	dialogDelete // delete the selection for good: wants the count typed
	dialogEmpty  // empty the bin: wants the library id or the item count typed
)

// dialogState is the open confirm dialog and what confirming it does.
type dialogState struct {
	kind       dialogKind
	ids        []int64
	bytes      uint64
	noPerm     int // selected items the server will not let us restore
	restored   int // selected items already restored
	strategy   api.PathStrategy
	retry      bool
	dirMissing int // failed with DirectoryNotFound (retry only)

	// The typed confirmation of dialogDelete and dialogEmpty.
	names  []string // the first few items' names, sanitized and cut to fit
	want   []string // what may be typed to confirm (the count, "delete", the library id)
	typing string   // what has been typed so far
	wrong  bool     // enter was pressed with the wrong text
}

// askRestore opens the confirm dialog for the marked items, or when
// nothing is marked the group or item under the cursor.
func (m *Model) askRestore() tea.Cmd {
	if m.readOnly() {
		m.setStatus("read-only: restoring is disabled", true)
		return nil
	}
	if m.restoreRunning() {
		m.setStatus("a "+m.rr.op.String()+" is already running", true)
		return nil
	}
	if m.emptying {
		m.setStatus("the bin is being emptied", true)
		return nil
	}
	sel := m.selection()
	d := m.tally(dialogState{kind: dialogRestore, strategy: m.opts.RestorePath}, sel, (*bindata.Row).Restorable)
	if len(sel) == 0 {
		m.setStatus("nothing to restore: mark rows with "+m.keyName(m.km.Mark)+" or move to one", true)
		return nil
	}
	if len(d.ids) == 0 {
		// Open no dialog that can only say "0 items": say why instead.
		m.setStatus(nothingRestorable(d), true)
		return nil
	}
	m.openDialog(d)
	return nil
}

// tally sorts a selection into what the dialog would send (can: the server
// allows it), what the token may not touch and what a restore already took
// out of the bin, with the first names for the dialog to list. It reads
// the compact rows: no item is rebuilt per mark.
func (m *Model) tally(d dialogState, sel []int32, can func(*bindata.Row) bool) dialogState {
	rows := m.data.Items()
	for _, idx := range sel {
		it := &rows[idx]
		switch {
		case !can(it):
			d.noPerm++
		case m.rowStatus(idx).done:
			d.restored++
		default:
			d.ids = append(d.ids, it.ID)
			d.bytes += it.Size
			if len(d.names) < deleteNames {
				d.names = append(d.names, it.Name) // sanitized and cut when drawn
			}
		}
	}
	return d
}

// nothingDeletable says why none of a selection can be deleted.
func nothingDeletable(d dialogState) string {
	switch {
	case d.restored > 0 && d.noPerm == 0:
		return "nothing to delete: " + countOf(d.restored, "item was", "items were") + " restored, so no longer in the bin"
	case d.restored == 0:
		return "nothing to delete: your token may not delete " + plural(d.noPerm, "this item", "these "+humanize.Comma(int64(d.noPerm))+" items")
	}
	return "nothing to delete: " + humanize.Comma(int64(d.restored)) + " restored, " + humanize.Comma(int64(d.noPerm)) + " without permission"
}

// nothingRestorable says why none of a selection can be restored.
func nothingRestorable(d dialogState) string {
	switch {
	case d.restored > 0 && d.noPerm == 0:
		return "nothing to restore: " + countOf(d.restored, "item was", "items were") + " already restored"
	case d.restored == 0:
		return "nothing to restore: your token lacks permission for " + plural(d.noPerm, "this item", "these "+humanize.Comma(int64(d.noPerm))+" items")
	}
	return "nothing to restore: " + humanize.Comma(int64(d.restored)) + " already restored, " + humanize.Comma(int64(d.noPerm)) + " without permission"
}

// countOf is "1 item was" or "1,234 items were".
func countOf(n int, one, many string) string {
	return humanize.Comma(int64(n)) + " " + plural(n, one, many)
}

// askRetryFailed opens the dialog for items whose last restore failed or
// was never sent. Restored and unknown items are never offered again.
func (m *Model) askRetryFailed() tea.Cmd {
	ids := m.retryIDs()
	if len(ids) == 0 || m.readOnly() || m.restoreRunning() {
		return nil
	}
	d := dialogState{kind: dialogRestore, strategy: m.opts.RestorePath, retry: true, ids: ids}
	for _, id := range ids {
		if idx, ok := m.data.Index(id); ok {
			d.bytes += m.data.Items()[idx].Size
		}
		if m.outcomes[id].code == api.CodeDirectoryNotFound {
			d.dirMissing++
		}
	}
	m.openDialog(d)
	return nil
}

// askCancelRestore asks before stopping a running restore.
func (m *Model) askCancelRestore() tea.Cmd {
	if !m.restoreRunning() || m.rr.cancelling {
		return nil
	}
	m.openDialog(dialogState{kind: dialogCancel})
	return nil
}

func (m *Model) openDialog(d dialogState) {
	m.dialog = d
	m.mode = modeDialog
	m.syncKeys()
}

// handleDialogKey confirms, cancels or toggles the destination strategy.
func (m *Model) handleDialogKey(msg tea.KeyPressMsg) tea.Cmd {
	d := &m.dialog
	if d.typed() {
		return m.handleTypedKey(msg)
	}
	switch {
	case key.Matches(msg, m.km.ToggleStrategy) && d.kind == dialogRestore:
		if d.strategy == api.FallbackToRoot {
			d.strategy = api.OriginalPath
		} else {
			d.strategy = api.FallbackToRoot
		}
	case key.Matches(msg, m.km.Confirm):
		m.mode = modeBrowse
		confirmed := *d
		m.dialog = dialogState{}
		if confirmed.kind == dialogCancel {
			if m.restoreRunning() {
				m.rr.cancelling = true
				m.rr.run.Cancel()
				m.setStatus("cancelling: unsent chunks will not be sent; in-flight ones report back", false)
			}
			return nil
		}
		return m.startRestore(confirmed.ids, confirmed.strategy)
	case key.Matches(msg, m.km.Deny):
		m.mode = modeBrowse
		m.dialog = dialogState{}
	}
	return nil
}

// dialogLines is the dialog's text, one entry per line.
func (m *Model) dialogLines() []string {
	d := m.dialog
	switch d.kind {
	case dialogDelete:
		return m.deleteLines()
	case dialogEmpty:
		return m.emptyLines()
	case dialogCancel:
		rr := m.rr
		return []string{
			m.st.Title.Render("Stop this " + rr.op.String() + "?"),
			"",
			humanize.Comma(int64(rr.finals)) + " of " + humanize.Comma(int64(rr.total)) + " items are settled.",
			"Chunks not yet sent will not be sent.",
			"Chunks already sent finish and report back.",
			"",
			m.confirmHint("stop", "keep going"),
		}
	}
	return m.restoreDialogLines()
}

func (m *Model) confirmHint(yes, no string) string {
	return m.st.HintKey.Render(m.keyName(m.km.Confirm)) + " " + yes + "   " + m.st.HintKey.Render(m.keyName(m.km.Deny)) + " " + no
}

// overlayDialog draws the dialog box centred over the frame.
func (m *Model) overlayDialog(frame string) string {
	st := m.st.Dialog
	if m.dialog.typed() {
		st = m.st.DangerDialog
	}
	box := st.Render(strings.Join(m.dialogLines(), "\n"))
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	if bw > m.width || bh > m.height {
		// too small for the box: show its text alone, truncated
		lines := m.dialogLines()
		for i := range lines {
			lines[i] = truncateStyled(lines[i], m.width)
		}
		return strings.Join(lines[:min(len(lines), m.height)], "\n")
	}
	return placeOver(frame, box, (m.width-bw)/2, (m.height-bh)/2)
}

// placeOver writes box over frame at column x, row y, cell-accurately.
func placeOver(frame, box string, x, y int) string {
	fl := strings.Split(frame, "\n")
	for i, bl := range strings.Split(box, "\n") {
		r := y + i
		if r < 0 || r >= len(fl) {
			continue
		}
		line := fl[r]
		left := ansi.Truncate(line, x, "")
		for n := 1; ansi.StringWidth(left) > x && n <= 2; n++ {
			// Truncate counts a keycap's digit apart from its marks, so
			// the cut can come out a cell wider than StringWidth says.
			left = ansi.Truncate(line, x-n, "")
		}
		if pad := x - ansi.StringWidth(left); pad > 0 {
			left += strings.Repeat(" ", pad)
		}
		cut := x + ansi.StringWidth(bl)
		want := max(ansi.StringWidth(line)-cut, 0)
		right := ansi.TruncateLeft(line, cut, "")
		for n := 1; ansi.StringWidth(right) > want && n <= 2; n++ {
			// The cut split a wide rune, which TruncateLeft keeps whole:
			// cut again past it and pad instead.
			right = ansi.TruncateLeft(line, cut+n, "")
		}
		right = strings.Repeat(" ", want-ansi.StringWidth(right)) + right
		reset := ""
		if strings.Contains(line, "\x1b") {
			reset = "\x1b[0m" // stop the row's colours bleeding into the box
		}
		fl[r] = left + reset + bl + reset + right
	}
	return strings.Join(fl, "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
