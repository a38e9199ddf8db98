package ui

import "strings"

// detailsScroll is how far the details pane is scrolled, and for what: the
// offset belongs to the row it was scrolled on, so moving the cursor shows
// the next row's details from the top without a hook in every cursor move.
type detailsScroll struct {
	at  detailsFocus
	off int
}

// detailsFocus names what the details pane shows: an item, or a group row
// of a grouped view.
type detailsFocus struct {
	view       viewMode
	item, node int32
}

func (m *Model) detailsFocus() detailsFocus {
	if _, n, ok := m.cursorGroup(); ok {
		return detailsFocus{view: m.vmode, item: -1, node: n}
	}
	return detailsFocus{view: m.vmode, item: m.focusItem(), node: -1}
}

// detailsOffset is the first line the pane shows for its content of n
// lines in a box of height h, kept in range.
func (m *Model) detailsOffset(n, h int) int {
	if m.detScroll.at != m.detailsFocus() {
		return 0
	}
	return min(max(m.detScroll.off, 0), max(n-(h-2), 0))
}

// detailsBox is where the details pane is on screen (x, y of its top-left
// corner, w×h cells); ok is false when it is hidden.
func (m *Model) detailsBox() (x, y, w, h int, ok bool) {
	if m.mode == modeHelp {
		return 0, 0, 0, 0, false
	}
	s := m.layout()
	switch {
	case s.details == 0:
		return 0, 0, 0, 0, false
	case s.side:
		return s.tableW + 1, 1, s.details, s.rows + 1, true
	}
	return 0, s.rows + 2, m.width, s.details, true
}

// scrollDetails moves the details pane by delta lines if (x, y) is over
// it, and reports whether it was.
func (m *Model) scrollDetails(x, y, delta int) bool {
	bx, by, w, h, ok := m.detailsBox()
	if !ok || x < bx || x >= bx+w || y < by || y >= by+h {
		return false
	}
	return m.scrollDetailsBy(delta)
}

// scrollDetailsBy moves the details pane by delta lines, kept in range
// (the wheel over the pane, or J and K); false when no pane is shown.
func (m *Model) scrollDetailsBy(delta int) bool {
	_, _, w, h, ok := m.detailsBox()
	if !ok {
		return false
	}
	p := m.detailsPane(w, h)
	at := m.detailsFocus()
	if m.detScroll.at != at {
		m.detScroll = detailsScroll{at: at}
	}
	m.detScroll.off = p.off + delta
	m.detScroll.off = m.detailsOffset(len(p.lines), h)
	return true
}

// border is the pane's top or bottom border, with an arrow at its right
// end when there is more to scroll to that way (built only then: the
// plain border is kept between frames).
func (p pane) border(b *strings.Builder, top, more bool) {
	edge := p.m.paneEdge(p.w, top)
	if more && p.w >= 8 {
		arrow := " ↓ ─"
		if top {
			arrow = " ↑ ─"
		}
		// Box-drawing characters are 3 bytes: cut the last four cells and
		// the corner, then put them back with the arrow.
		edge = edge[:len(edge)-5*3] + arrow + edge[len(edge)-3:]
	}
	p.m.st.Subtle.Wrap(b, edge)
}
