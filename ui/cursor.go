package ui

// cursorItem is the item index under the table's cursor, or -1 when the
// view is empty.
func (m *Model) cursorItem() int32 {
	view, c := m.data.View(), m.table.Cursor()
	if c < 0 || c >= len(view) {
		return -1
	}
	return view[c]
}

// follow puts the table's cursor back on item idx after the view was
// re-ordered or re-filtered; when idx is gone the cursor stays where it
// was, clamped.
func (m *Model) follow(idx int32) {
	if idx >= 0 {
		for i, v := range m.data.View() {
			if v == idx {
				m.table.SetCursor(i)
				return
			}
		}
	}
	m.table.Clamp()
}
