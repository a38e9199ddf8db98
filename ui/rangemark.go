package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// rangeCache is where the pending range's anchor sits in the view, kept
// until the view or the anchor changes: rows ask on every frame, and
// finding the anchor is a scan of the view.
type rangeCache struct {
	gen    uint64
	anchor int32
	pos    int // the anchor's row, -1 when it is not shown
}

// anchorRow is the view row of the range anchor, or -1.
func (m *Model) anchorRow() int {
	if m.anchor < 0 {
		return -1
	}
	c := &m.rangeAt
	if c.gen == m.data.Gen() && c.anchor == m.anchor {
		return c.pos
	}
	*c = rangeCache{gen: m.data.Gen(), anchor: m.anchor, pos: -1}
	for i, v := range m.data.View() {
		if v == m.anchor {
			c.pos = i
			break
		}
	}
	return c.pos
}

// inRange reports whether table row i would be marked by pressing v now:
// it lies between the anchor and the cursor and can be marked.
func (m *Model) inRange(i int) bool {
	a := m.anchorRow()
	if a < 0 {
		return false
	}
	lo, hi := min(a, m.table.Cursor()), max(a, m.table.Cursor())
	return i >= lo && i <= hi && m.markable(m.data.View()[i])
}

// renderRanged draws table row i as a row of the pending range: plain
// text inside the range paint, as the cursor row is drawn, so that the
// highlight shows without colour too (underlined under NO_COLOR).
func (m *Model) renderRanged(b *strings.Builder, i, w int) {
	var r strings.Builder
	m.renderRow(&r, m.data.View()[i], columnsFor(w, m.absTime), false, 0)
	m.st.Range.Wrap(b, ansi.Strip(r.String()))
}
