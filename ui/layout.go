package ui

// wideWidth is the terminal width from which the details pane sits to the
// right of the table instead of below it.
const wideWidth = 120

// cols holds the width of each table column; 0 hides the column.
type cols struct {
	name, size, deleted, left, folder int
}

// gutter is the cursor glyph, the mark glyph, a space, the type glyph and
// a space: "▸● ◆ ".
const gutter = 5

// screen is the geometry of one frame, derived from the terminal size and
// the UI state; View and the cursor logic share it.
type screen struct {
	tableW  int  // columns available to the table
	rows    int  // visible table rows
	details int  // details pane: width when side, height when below; 0 = hidden
	side    bool // details pane to the right
	c       cols
}

func (m *Model) layout() screen {
	var s screen
	chrome := 4 // title, header, status, hints
	if m.progressVisible() {
		chrome++
	}
	s.tableW = m.width
	body := m.height - chrome
	if m.showDetails && m.width >= wideWidth {
		s.side = true
		s.details = min(max(m.width*35/100, 36), 60)
		s.tableW = m.width - s.details - 1 // a blank column before the pane
	} else if m.showDetails && body >= 14 {
		s.details = min(12, body/2)
		body -= s.details
	}
	s.rows = max(body, 0)
	s.c = columnsFor(s.tableW, m.absTime)
	return s
}

// columnsFor fits the columns into width w, hiding the least important
// ones first (folder, then deleted, then days left, then size) so the name
// always keeps a usable width.
func columnsFor(w int, abs bool) cols {
	c := cols{size: 8, deleted: 14, left: 6} // "LEFT ▼", spaced as "SIZE ▼"
	if abs {
		c.deleted = 16
	}
	const minName, minFolder = 16, 12
	fixed := func() int {
		n := gutter
		for _, x := range []int{c.size, c.deleted, c.left} {
			if x > 0 {
				n += x + 1
			}
		}
		return n
	}
	if rest := w - fixed(); rest >= minName+1+minFolder {
		c.folder = max(minFolder, (rest-1)*2/5)
		c.name = rest - 1 - c.folder
		return c
	}
	for _, hide := range []*int{&c.deleted, &c.left, &c.size} {
		if w-fixed() >= minName {
			break
		}
		*hide = 0
	}
	c.name = max(w-fixed(), 1)
	return c
}
