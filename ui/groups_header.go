package ui

// itemsShown reports whether an open group's item rows are on screen,
// and then what the first column's title is: those rows need the table's
// column titles (SIZE, DELETED, LEFT…) more than the view's title, which
// shrinks into the first column's.
func (m *Model) itemsShown(g *groupView) (string, bool) {
	off := g.list.Offset()
	end := min(off+g.list.Height(), len(g.entries))
	for _, e := range g.entries[off:end] {
		if e.node < 0 {
			if g.kind == viewFolders {
				return "FOLDERS · NAME", true
			}
			return "BATCHES · NAME", true
		}
	}
	return "", false
}
