package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"

	"smhbin/safe"
)

// renderGroups draws a grouped view in the table's place: a header line
// and exactly s.rows rows, each ended by eol(i) as renderTable does. Item
// rows are the table's rows, indented, and cached the same way.
func (m *Model) renderGroups(b *strings.Builder, s screen, g *groupView, eol func(i int)) {
	m.renderGroupHeader(b, s.tableW, g)
	eol(0)
	end := min(g.offset+s.rows, len(g.entries))
	for i := g.offset; i < end; i++ {
		e := g.entries[i]
		switch {
		case e.node >= 0 && i == g.cursor:
			m.renderGroupRow(b, g, e, s.tableW, true)
		case e.node >= 0:
			m.cachedGroupRow(b, g, e, s.tableW)
		case i == g.cursor:
			m.renderRow(b, e.item, s.c, true, 2*int(e.depth))
		default:
			if r, ok := m.rows.m[e.item]; ok {
				b.WriteString(r)
				break
			}
			var rb strings.Builder
			m.renderRow(&rb, e.item, s.c, false, 2*int(e.depth))
			m.rows.put(e.item, rb.String())
			b.WriteString(rb.String())
		}
		eol(i - g.offset + 1)
	}
	for i := end - g.offset; i < s.rows; i++ {
		if i == 0 && len(g.entries) == 0 {
			b.WriteString(safe.Pad(m.emptyText(s.tableW), s.tableW))
		} else if s.side {
			b.WriteString(strings.Repeat(" ", s.tableW))
		}
		eol(i + 1)
	}
}

// renderGroupHeader names the view, or says plainly that the groups are
// made of a partial listing and may still change.
func (m *Model) renderGroupHeader(b *strings.Builder, w int, g *groupView) {
	var t string
	groups := len(g.tree.nodes[0].kids)
	switch {
	case !m.loadedAll():
		n := int64(len(m.data.items))
		what := "batches"
		if g.kind == viewFolders {
			what = "folders"
		}
		t = "grouping the " + humanize.Comma(n) + " loaded of " + humanize.Comma(max(m.total, n)) + " — " + what + " may still grow"
	case g.kind == viewBatches:
		t = "DELETION BATCHES · " + humanize.Comma(int64(groups)) + " · newest first"
	default:
		t = "ORIGINAL FOLDERS · " + humanize.Comma(int64(g.tree.nodes[0].subfolders))
	}
	m.st.Header.Wrap(b, safe.Pad(strings.Repeat(" ", gutter)+t, w))
}

// renderGroupRow draws one group as a single line w cells wide:
// "▸● ▾ 214 items · 3.1 GB · deleted 14:02 from /projects/2024/…".
func (m *Model) renderGroupRow(b *strings.Builder, g *groupView, e entry, w int, cursor bool) {
	nd := &g.tree.nodes[e.node]
	mark := " "
	switch marked := g.markedIn(m.data, e.node); {
	case nd.restorable == 0 && marked == 0:
		mark = "⊘"
	case marked > 0 && marked >= nd.restorable:
		mark = "●"
	case marked > 0:
		mark = "◐"
	}
	arrow := "▸"
	if g.isExpanded(e.node) {
		arrow = "▾"
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

// cachedGroupRow writes a non-cursor group row, rendering it only when
// it is not cached for this width, time format and state of the marks:
// labels are measured and formatted, which a cursor move should not redo.
func (m *Model) cachedGroupRow(b *strings.Builder, g *groupView, e entry, w int) {
	if g.rowCache == nil || g.rowW != w || g.rowAbs != m.absTime || g.rowMarkGen != m.data.markGen {
		g.rowCache, g.rowW, g.rowAbs, g.rowMarkGen = make(map[int32]string, 64), w, m.absTime, m.data.markGen
	}
	if r, ok := g.rowCache[e.node]; ok {
		b.WriteString(r)
		return
	}
	var rb strings.Builder
	m.renderGroupRow(&rb, g, e, w, false)
	g.rowCache[e.node] = rb.String()
	b.WriteString(rb.String())
}

// groupLabel is a group's one-line description.
func (m *Model) groupLabel(g *groupView, nd *gnode) string {
	var b strings.Builder
	if g.kind == viewFolders {
		b.WriteString(nd.name)
		b.WriteString("/ · ")
	}
	b.WriteString(itemCount(int(nd.count)))
	b.WriteString(" · ")
	b.WriteString(humanize.Bytes(nd.size))
	if g.kind == viewBatches {
		b.WriteString(" · deleted ")
		b.WriteString(m.batchTime(nd.newest))
		b.WriteString(" from ")
		b.WriteString(nd.name)
	} else if nd.dir >= 0 {
		b.WriteString(" · deleted folder")
	}
	if nd.soon > 0 {
		b.WriteString(" · ⚠ " + humanize.Comma(int64(nd.soon)) + plural(int(nd.soon), " expires ≤", " expire ≤") + m.expiringDays())
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
	nd := &g.tree.nodes[n]
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
		add("folder", nd.name)
		add("folders", humanize.Comma(int64(g.batchFolders(m, n)))+" original "+plural(g.batchFolders(m, n), "folder", "folders"))
	} else {
		out = append(out, detailLine{title: nd.name + "/"})
		add("path", folderPath(g.tree.nodes, n))
		add("folders", humanize.Comma(int64(nd.subfolders))+" below it")
		if nd.dir >= 0 {
			add("itself", "deleted too (id "+strconv.FormatInt(m.data.items[nd.dir].ID, 10)+"): restoring this row restores it")
		}
	}
	add("items", itemCount(int(nd.count))+" · "+humanize.Bytes(nd.size))
	can := humanize.Comma(int64(nd.restorable)) + " can be restored"
	if left := nd.count - nd.restorable; left > 0 {
		can += " · " + humanize.Comma(int64(left)) + " cannot (no permission, or restored)"
	}
	add("restore", can)
	add("marked", humanize.Comma(int64(g.markedIn(m.data, n))))
	if nd.oldest.Equal(nd.newest) {
		add("deleted", m.both(nd.newest))
	} else {
		add("deleted", "from "+m.both(nd.oldest))
		add("", "to "+m.both(nd.newest))
	}
	exp := "none within " + m.expiringDays()
	if nd.soon > 0 {
		exp = "⚠ " + humanize.Comma(int64(nd.soon)) + " within " + m.expiringDays()
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
	for _, idx := range g.items(n) {
		seen[m.data.items[idx].Folder()] = struct{}{}
	}
	if g.folderN == nil {
		g.folderN = map[int32]int{}
	}
	g.folderN[n] = len(seen)
	return len(seen)
}
