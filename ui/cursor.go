package ui

// cursorItem is the item index under the cursor, or -1 when the view is empty.
func (m *Model) cursorItem() int32 {
	if m.cursor < 0 || m.cursor >= len(m.data.view) {
		return -1
	}
	return m.data.view[m.cursor]
}

// follow puts the cursor back on item idx after the view was re-ordered
// or re-filtered; when idx is gone the cursor stays where it was, clamped.
func (m *Model) follow(idx int32) {
	if idx >= 0 {
		for i, v := range m.data.view {
			if v == idx {
				m.cursor = i
				break
			}
		}
	}
	m.clampCursor()
}

// clampCursor keeps cursor and scroll offset inside the view and the window.
func (m *Model) clampCursor() {
	n := len(m.data.view)
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	h := max(m.layout().rows, 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = min(max(m.offset, 0), max(n-h, 0))
}

// moveBy moves the cursor by delta rows.
func (m *Model) moveBy(delta int) {
	m.cursor += delta
	m.clampCursor()
}
