package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"

	"smhbin/safe"
	"smhbin/ui/bindata"
)

// renderGroupHeader names the view, or says plainly that the groups are
// made of a partial listing and may still change.
func (m *Model) renderGroupHeader(b *strings.Builder, w int, g *groupView) {
	if name, ok := m.itemsShown(g); ok && m.loadedAll() {
		m.renderHeaderNamed(b, columnsFor(w, m.absTime), name)
		return
	}
	var t string
	groups := len(g.tree.Nodes[0].Kids)
	switch {
	case !m.loadedAll():
		n := int64(m.data.Len())
		what := "batches"
		if g.kind == viewFolders {
			what = "folders"
		}
		t = "grouping the " + humanize.Comma(n) + " loaded of " + humanize.Comma(max(m.total, n)) + " — " + what + " may still grow"
	case g.kind == viewBatches:
		t = "DELETION BATCHES · " + humanize.Comma(int64(groups)) + " · newest first"
	default:
		t = "ORIGINAL FOLDERS · " + humanize.Comma(int64(g.tree.Nodes[0].Subfolders))
	}
	m.st.Header.Wrap(b, safe.Pad(strings.Repeat(" ", gutter)+t, w))
}

// renderGroupRow draws one group as a single line w cells wide:
// "▸● − 214 items · 3.1 GB · deleted 14:02 from /projects/2024/…".
func (m *Model) renderGroupRow(b *strings.Builder, g *groupView, e entry, w int, cursor bool) {
	nd := &g.tree.Nodes[e.node]
	mark := " "
	switch marked := g.markedIn(m.data, e.node); {
	case nd.Restorable == 0 && marked == 0:
		mark = "⊘"
	case marked > 0 && marked >= nd.Restorable:
		mark = "●"
	case marked > 0:
		mark = "◐"
	}
	// Not ▸, which is the cursor's glyph.
	arrow := "+"
	if g.isExpanded(e.node) {
		arrow = "−"
	}
	rest := " " + strings.Repeat(" ", min(2*int(e.depth), w)) + arrow + " " + m.groupLabel(g, nd)
	if cursor {
		m.st.Cursor.Wrap(b, "▸"+mark+safe.Pad(rest, w-2))
		return
	}
	b.WriteByte(' ')
	m.st.Mark.Wrap(b, mark)
	b.WriteString(safe.Pad(rest, w-2))
}

// groupLabel is a group's one-line description.
func (m *Model) groupLabel(g *groupView, nd *bindata.Node) string {
	var b strings.Builder
	if g.kind == viewFolders {
		b.WriteString(nd.Name)
		b.WriteString("/ · ")
	}
	b.WriteString(itemCount(int(nd.Count)))
	b.WriteString(" · ")
	b.WriteString(humanize.Bytes(nd.Size))
	if g.kind == viewBatches {
		b.WriteString(" · deleted ")
		b.WriteString(m.batchTime(nd.Newest))
		b.WriteString(" from ")
		b.WriteString(nd.Name)
	} else if nd.Dir >= 0 {
		b.WriteString(" · deleted folder")
	}
	if nd.Soon > 0 {
		b.WriteString(" · ⚠ " + humanize.Comma(int64(nd.Soon)) + plural(int(nd.Soon), " expires ≤", " expire ≤") + m.expiringDays())
	}
	return b.String()
}

// batchTime is when a batch was deleted: a clock time (the date too when
// it was not today) or, with T, relative like the table.
func (m *Model) batchTime(t time.Time) string {
	if !m.absTime || t.IsZero() {
		return m.when(t)
	}
	t, now := t.Local(), m.opts.Now().Local()
	switch {
	case t.Year() == now.Year() && t.YearDay() == now.YearDay():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("Jan 2 15:04")
	}
	return t.Format("2006-01-02 15:04")
}

// itemCount is "1 item" or "1,234 items".
func itemCount(n int) string {
	return humanize.Comma(int64(n)) + " " + plural(n, "item", "items")
}

// indentPad pads s to w cells after indent spaces (a name in a tree).
func indentPad(s string, w, indent int) string {
	if indent <= 0 {
		return safe.Pad(s, w)
	}
	indent = min(indent, max(w-1, 0))
	return strings.Repeat(" ", indent) + safe.Pad(s, w-indent)
}

// groupDetails is the details pane's content on a group row: the group's
// totals, what can be restored, when it was deleted and what expires.
func (m *Model) groupDetails(w int) ([]detailLine, bool) {
	g, n, ok := m.cursorGroup()
	if !ok {
		return nil, false
	}
	nd := &g.tree.Nodes[n]
	out := make([]detailLine, 0, 12)
	add := func(label, value string) {
		vw := max(w-detailLabelW-1, 1)
		for i, v := range wrapClusters(value, vw) {
			if i > 0 {
				label = ""
			}
			out = append(out, detailLine{label: label, value: v})
		}
	}
	if g.kind == viewBatches {
		out = append(out, detailLine{title: "Deletion batch"})
		add("folder", nd.Name)
		add("folders", humanize.Comma(int64(g.batchFolders(m, n)))+" original "+plural(g.batchFolders(m, n), "folder", "folders"))
	} else {
		out = append(out, detailLine{title: nd.Name + "/"})
		add("path", bindata.FolderPath(g.tree.Nodes, n))
		add("folders", humanize.Comma(int64(nd.Subfolders))+" below it")
		if nd.Dir >= 0 {
			add("itself", "deleted too (id "+strconv.FormatInt(m.data.Item(nd.Dir).ID, 10)+"): restoring this row restores it")
		}
	}
	add("items", itemCount(int(nd.Count))+" · "+humanize.Bytes(nd.Size))
	can := humanize.Comma(int64(nd.Restorable)) + " can be restored"
	if left := nd.Count - nd.Restorable; left > 0 {
		can += " · " + humanize.Comma(int64(left)) + " cannot (no permission, or restored)"
	}
	add("restore", can)
	add("marked", humanize.Comma(int64(g.markedIn(m.data, n))))
	if nd.Oldest.Equal(nd.Newest) {
		add("deleted", m.bothText(nd.Newest))
	} else {
		add("deleted", "from "+m.bothText(nd.Oldest))
		add("", "to "+m.bothText(nd.Newest))
	}
	exp := "none within " + m.expiringDays()
	if nd.Soon > 0 {
		exp = "⚠ " + humanize.Comma(int64(nd.Soon)) + " within " + m.expiringDays()
	}
	add("expiring", exp)
	return out, true
}

// batchFolders counts the distinct original folders of batch n, once per
// build: only for the batch whose summary is on screen.
func (g *groupView) batchFolders(m *Model, n int32) int {
	if c, ok := g.folderN[n]; ok {
		return c
	}
	seen := map[string]struct{}{}
	rows := m.data.Rows()
	for _, idx := range g.tree.Items(n) {
		seen[rows.Folder(idx)] = struct{}{}
	}
	if g.folderN == nil {
		g.folderN = map[int32]int{}
	}
	g.folderN[n] = len(seen)
	return len(seen)
}
