package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/explain"
	"smhbin/safe"
)

// dialogTextWidth is the widest line of the delete dialogs: their box
// (border and padding add 6) fits an 80-column terminal with room.
const dialogTextWidth = 64

// deleteLines is the delete dialog: what goes, how much, that it cannot
// be undone, what was left out and why, and the typed confirmation.
func (m *Model) deleteLines() []string {
	d := m.dialog
	n := len(d.ids)
	lines := []string{
		m.st.ErrorLine.Render("Delete " + humanize.Comma(int64(n)) + " " + plural(n, "item", "items") + " for good · " + humanize.Bytes(d.bytes)),
		"",
		"This cannot be undone: " + plural(n, "it leaves", "they leave") + " the recycle bin now",
		"and can never be restored, by smhbin or anyone else.",
	}
	if n > 0 {
		lines = append(lines, "")
	}
	w := min(dialogTextWidth, max(m.width-12, 10)) - 4
	for _, name := range d.names {
		lines = append(lines, "  • "+safe.Truncate(safe.Text(name), w))
	}
	if more := n - len(d.names); more > 0 {
		lines = append(lines, m.st.Faint.Render("  and "+humanize.Comma(int64(more))+" more"))
	}
	if d.noPerm > 0 || d.restored > 0 {
		lines = append(lines, "")
	}
	if d.noPerm > 0 {
		lines = append(lines, m.st.Faint.Render(leftOut(d.noPerm, "cannot be deleted (no permission)")))
	}
	if d.restored > 0 {
		lines = append(lines, m.st.Faint.Render(leftOut(d.restored, "already restored, so no longer in the bin")))
	}
	lines = append(lines, "")
	if n == 0 {
		return append(lines, m.st.ErrorLine.Render("nothing to delete")+"   "+m.st.HintKey.Render("esc")+" close")
	}
	return append(lines, m.typedLines("delete "+plural(n, "it", "them"))...)
}

// leftOut is "1 selected item is left out: why" or "3 selected items are
// left out: why".
func leftOut(n int, why string) string {
	return humanize.Comma(int64(n)) + " selected " + plural(n, "item is", "items are") + " left out: " + why
}

// emptyLines is the empty-bin dialog.
func (m *Model) emptyLines() []string {
	d := m.dialog
	n, all := m.binCount()
	size := humanize.Bytes(d.bytes)
	if !all {
		size += " or more (not every item is loaded)"
	}
	lines := []string{
		m.st.ErrorLine.Render("Empty the recycle bin of " + safe.Truncate(safe.Text(m.opts.Library), 30) + "?"),
		"",
		"Every item in the bin is deleted for good: " + humanize.Comma(n) + " " + plural(int(n), "item", "items") + ",",
		size + ". This cannot be undone.",
		m.st.Faint.Render("Marks and the filter do not matter: the whole bin goes."),
		"",
	}
	return append(lines, m.typedLines("empty the bin")...)
}

// typedLines are the prompt and the typed text of a typed dialog.
func (m *Model) typedLines(what string) []string {
	d := m.dialog
	alts := make([]string, 0, len(d.want))
	for i := len(d.want) - 1; i >= 0; i-- { // the library id first, then the count
		alts = append(alts, m.st.HintKey.Render(safe.Truncate(safe.Text(d.want[i]), 30)))
	}
	lines := []string{
		"Type " + strings.Join(alts, " or ") + ", then enter, to " + what + ":",
		"› " + safe.Truncate(safe.Text(d.typing), dialogTextWidth-3) + "▏",
	}
	if d.wrong {
		lines = append(lines, m.st.ErrorLine.Render("that is not it: nothing was deleted"))
	}
	return lines
}

// typedHints is the hint bar of a typed dialog.
func (m *Model) typedHints() string {
	d := m.dialog
	return " " + m.st.HintKey.Render("type "+safe.Truncate(safe.Text(d.want[0]), 20)) + " " + m.st.HintDesc.Render("then enter") +
		m.st.Faint.Render(" · ") + m.st.HintKey.Render("esc") + " " + m.st.HintDesc.Render("cancel")
}

// shortHints is the browse hint bar's bindings; when deleting is off, a
// last hint says why (it is dropped first when the bar is full).
func (m *Model) shortHints() []key.Binding {
	bs := m.km.AppendShort(m.shortBuf[:0])
	m.shortBuf = bs // kept for the next frame: nothing holds bs past the hint bar
	// Only a deliberate off (read-only, the server's choice) is worth a
	// hint; an embedding that simply gave no Deleter says so in help.
	if m.deleteOff() != "" && (m.opts.ReadOnly || m.opts.DeleteOff != "") {
		off := key.NewBinding(key.WithKeys(m.km.Delete.Keys()...),
			key.WithHelp(m.km.Delete.Help().Key, "delete off (? says why)"))
		// After help and quit, before the grouped views: a terminal too
		// narrow for it still shows those two.
		at := len(bs)
		for i, b := range bs {
			if slices.Equal(b.Keys(), m.km.Quit.Keys()) {
				at = i + 1
			}
		}
		bs = slices.Insert(slices.Clone(bs), at, off)
	}
	return bs
}

// noPermissionSentence is the status after a delete every item of which
// was refused NoPermission: the grant is missing.
func (m *Model) noPermissionSentence() string { return explain.NoPermission(api.OpDelete) }
