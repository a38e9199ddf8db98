package ui

import (
	"strings"

	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/safe"
)

// dialogNames is how many marked names the restore dialog lists at most.
const dialogNames = 5

// restoreDialogLines is the restore (or retry) dialog: what will be sent
// (the first few names and "and N more"), the count and size, where it
// goes, and what is left out and why.
func (m *Model) restoreDialogLines() []string {
	d := m.dialog
	verb := "Restore"
	if d.retry {
		verb = "Retry"
	}
	inner := m.dialogInner()
	lines := []string{
		m.st.Title.Render(verb + " " + countOf(len(d.ids), "item", "items") + " · " + humanize.Bytes(d.bytes)),
		"",
	}
	lines = append(lines, m.dialogNameLines(inner)...)
	lines = append(lines, "", "destination  "+m.st.HintKey.Render(string(d.strategy))+"  "+
		m.st.Faint.Render("("+m.keyName(m.km.ToggleStrategy)+" to toggle)"))
	if d.strategy == api.FallbackToRoot {
		lines = append(lines, m.st.Faint.Render("             the original folder, or the space root if it is gone"))
	} else {
		lines = append(lines, m.st.Faint.Render("             the original folder; fails if it is gone"))
	}
	if d.noPerm > 0 {
		lines = append(lines, m.st.ErrorLine.Render(leftOut(d.noPerm, "your token may not restore "+plural(d.noPerm, "it", "them"))))
	}
	if d.restored > 0 {
		lines = append(lines, m.st.Faint.Render(leftOut(d.restored, "already restored")))
	}
	if d.dirMissing > 0 && d.strategy == api.OriginalPath {
		lines = append(lines, m.st.ErrorLine.Render(countOf(d.dirMissing, "failed", "failed")+" because the folder is gone: "+
			m.keyName(m.km.ToggleStrategy)+" for fallbackToRoot"))
	}
	lines = append(lines, "Name clashes are renamed, e.g. “report (1).docx”.", "")
	return append(lines, m.confirmHint(strings.ToLower(verb), "cancel"))
}

// dialogInner is the widest a dialog line may be: the terminal less the
// box's border and padding and a cell of margin each side.
func (m *Model) dialogInner() int {
	return max(min(m.width-8, 72), 10)
}

// dialogNameLines lists the first few items to be sent, name then
// folder, each cut to fit, then "and N more". Fewer names are listed on a
// short terminal so the box still fits.
func (m *Model) dialogNameLines(inner int) []string {
	ids := m.dialog.ids
	room := min(dialogNames, max(1, m.height-20))
	if len(ids) == room+1 {
		room++ // "and 1 more" would take the line the name needs
	}
	out := make([]string, 0, room+1)
	nameW := max(inner*3/5, 8)
	for _, id := range ids[:min(len(ids), room)] {
		idx, ok := m.data.Index(id)
		if !ok {
			continue
		}
		it := m.data.Item(idx)
		name := safe.Truncate(safe.Text(it.Name), nameW)
		folder := "/" + safe.Join(it.OriginalPath[:max(len(it.OriginalPath)-1, 0)])
		line := "• " + name
		if fw := inner - safe.Width(line) - 2; fw > 4 {
			line += "  " + m.st.Faint.Render(truncMiddle(folder, fw))
		}
		out = append(out, line)
	}
	if more := len(ids) - len(out); more > 0 {
		out = append(out, m.st.Faint.Render("  and "+humanize.Comma(int64(more))+" more"))
	}
	return out
}
