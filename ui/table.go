package ui

import (
	"strings"
	"time"

	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/safe"
	"smhbin/theme"
	"smhbin/ui/bindata"
)

// typeGlyph is a one-cell symbol per item type (single code points only:
// emoji and icon fonts render at different widths in different terminals).
func typeGlyph(it *api.Item) string {
	switch it.Type {
	case "dir":
		return "▪"
	case "image":
		return "◩"
	case "video":
		return "▶"
	case "symlink":
		return "↪"
	}
	switch it.FileType {
	case "image":
		return "◩"
	case "video":
		return "▶"
	}
	return "·"
}

// renderRow draws one table row. The cursor row is drawn plain inside the
// cursor paint, since nested SGR resets would cut its background short.
// indent shifts the name right, for item rows in a grouped view's tree.
func (m *Model) renderRow(b *strings.Builder, idx int32, c cols, cursor bool, indent int) {
	it := m.data.Item(idx)
	restorable := it.Restorable()
	st := m.rowStatus(idx)

	var line, mark strings.Builder
	if cursor {
		line.WriteString("▸")
	} else {
		line.WriteString(" ")
	}
	switch {
	case m.data.Marked(idx):
		mark.WriteString("●")
	case !restorable:
		mark.WriteString("⊘")
	default:
		mark.WriteString(" ")
	}
	glyph := typeGlyph(it)
	if st.glyph != "" {
		glyph = st.glyph
	}

	// cells in order; each is (text, paint) so non-cursor rows can colour them.
	type cell struct {
		s string
		p theme.Paint
	}
	// Nine cells at most: mark, gap, glyph, gap, name, size, deleted, left,
	// folder. A smaller capacity regrew the slice on the heap every row.
	cells := make([]cell, 0, 9)
	cells = append(cells, cell{mark.String(), m.st.Mark}, cell{" ", theme.Paint{}}, cell{glyph, st.paint}, cell{" ", theme.Paint{}})
	cells = append(cells, cell{indentPad(safe.Text(it.Name), c.name, indent), theme.Paint{}})
	if c.size > 0 {
		cells = append(cells, cell{" " + safe.PadLeft(humanize.Bytes(it.Size), c.size), theme.Paint{}})
	}
	if c.deleted > 0 {
		cells = append(cells, cell{" " + safe.Pad(m.when(it.RemovalTime), c.deleted), m.st.Subtle})
	}
	if c.left > 0 {
		p := theme.Paint{}
		if it.RemainingDays <= 3 {
			p = m.st.Warn
		}
		cells = append(cells, cell{" " + safe.PadLeft(daysLeft(it.RemainingDays), c.left), p})
	}
	if c.folder > 0 {
		text, p := truncLeft("/"+safe.Join(it.OriginalPath[:max(len(it.OriginalPath)-1, 0)]), c.folder), m.st.Subtle
		if st.text != "" {
			text, p = st.text, st.paint
			if st.path != "" {
				text += truncMiddle(st.path, c.folder-safe.Width(st.text))
			}
		}
		cells = append(cells, cell{" " + safe.Pad(text, c.folder), p})
	}

	switch {
	case cursor:
		for _, x := range cells {
			line.WriteString(x.s)
		}
		p := m.st.Cursor
		if !restorable {
			p = m.st.CursorDim
		}
		p.Wrap(b, line.String())
	case !restorable:
		for _, x := range cells {
			line.WriteString(x.s)
		}
		m.st.Dim.Wrap(b, line.String())
	default:
		b.WriteString(line.String())
		for _, x := range cells {
			x.p.Wrap(b, x.s)
		}
	}
}

// when formats a time as relative ("3 days ago") or absolute local time.
func (m *Model) when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	if m.absTime {
		return t.Local().Format("2006-01-02 15:04")
	}
	return humanize.RelTime(t, m.opts.Now(), "ago", "from now")
}

func daysLeft(d int64) string {
	if d <= 0 {
		return "<1d"
	}
	return humanize.Comma(d) + "d"
}

// renderHeader draws the column titles with ▲/▼ on the sorted column.
func (m *Model) renderHeader(b *strings.Builder, c cols) { m.renderHeaderNamed(b, c, "NAME") }

// renderHeaderNamed is renderHeader with the first column's title given:
// a grouped view names itself there.
func (m *Model) renderHeaderNamed(b *strings.Builder, c cols, name string) {
	sorted, desc := m.sortKey, m.desc
	if m.data.Expiring() {
		sorted, desc = bindata.SortLeft, false // the expiring filter orders by days left
	}
	arrow := "▲"
	if desc {
		arrow = "▼"
	}
	title := func(k bindata.SortKey, s string) string {
		if sorted == k {
			return s + " " + arrow
		}
		return s
	}
	var h strings.Builder
	h.WriteString(strings.Repeat(" ", gutter))
	h.WriteString(safe.Pad(title(bindata.SortName, name), c.name))
	if c.size > 0 {
		h.WriteString(" " + safe.PadLeft(title(bindata.SortSize, "SIZE"), c.size))
	}
	if c.deleted > 0 {
		h.WriteString(" " + safe.Pad(title(bindata.SortDeleted, "DELETED"), c.deleted))
	}
	if c.left > 0 {
		h.WriteString(" " + safe.PadLeft(title(bindata.SortLeft, "LEFT"), c.left))
	}
	if c.folder > 0 {
		h.WriteString(" " + safe.Pad("ORIGINAL FOLDER", c.folder))
	}
	m.st.Header.Wrap(b, h.String())
}

// renderTable draws the header and the visible window of rows of the
// view on screen: exactly s.rows+1 lines, each ended by eol(i) (which adds
// the side pane's line i and the newline), so the frame is written into
// one builder with no splitting and re-joining.
func (m *Model) renderTable(b *strings.Builder, s screen, eol func(i int)) {
	list := &m.table
	if g := m.activeGroup(); g != nil {
		m.renderGroupHeader(b, s.tableW, g)
		list = &g.list
	} else {
		m.renderHeader(b, s.c)
	}
	eol(0)
	empty := ""
	if list.Len() == 0 {
		empty = safe.Pad(m.emptyText(s.tableW), s.tableW)
	}
	list.View(b, empty, s.side, func(i int) { eol(i + 1) })
}

func (m *Model) emptyText(w int) string {
	var s string
	switch {
	case m.data.Query() != "" && m.data.Len() > 0:
		s = "  no item matches the filter"
	case m.data.Expiring() && m.data.Len() > 0:
		s = "  nothing loaded expires within " + m.expiringDays()
	case m.loading || (!m.complete && m.loadErr == nil):
		s = "  loading the recycle bin…"
	case m.loadErr != nil:
		s = "  nothing loaded"
	default:
		s = "  the recycle bin is empty"
	}
	return safe.Truncate(s, w)
}
