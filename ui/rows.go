package ui

import (
	"strings"

	"smhbin/ui/rowlist"
)

// rowKey is everything a drawn row depends on besides its width, so the
// row lists' caches never serve a stale row and nothing invalidates them
// by hand: an item's version changes with its mark and restore state, a
// group row's with its tree's build and the marks, and both with the
// indentation, the time format and the minute ("3 minutes ago").
type rowKey struct {
	item   int32  // item index, or -1 on a group row
	node   int32  // group node, or -1 on an item row
	ver    uint32 // item version, or the tree's build number
	depth  int32
	open   bool
	abs    bool
	marks  uint64 // group rows: the store's mark generation
	minute int64
}

// itemKey is the key of item idx drawn at the given depth.
func (m *Model) itemKey(idx, depth int32) rowKey {
	return rowKey{item: idx, node: -1, ver: m.data.Version(idx), depth: depth, abs: m.absTime, minute: m.minute.Unix()}
}

// listKeys is the movement part of the keymap, for the row lists.
func (m *Model) listKeys() rowlist.KeyMap {
	k := &m.km
	return rowlist.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		HalfUp: k.HalfUp, HalfDown: k.HalfDown, Top: k.Top, Bottom: k.Bottom}
}

// tableRows is the flat table as a row source: the store's view.
type tableRows struct{ m *Model }

func (s tableRows) Len() int { return len(s.m.data.View()) }

func (s tableRows) Key(i int) rowKey { return s.m.itemKey(s.m.data.View()[i], 0) }

func (s tableRows) Render(b *strings.Builder, i, w int, cursor bool) {
	s.m.renderRow(b, s.m.data.View()[i], columnsFor(w, s.m.absTime), cursor, 0)
}

// groupRows is a grouped view as a row source: its visible entries, group
// rows and indented item rows.
type groupRows struct {
	m *Model
	g *groupView
}

func (s groupRows) Len() int { return len(s.g.entries) }

func (s groupRows) Key(i int) rowKey {
	e := s.g.entries[i]
	if e.node < 0 {
		return s.m.itemKey(e.item, e.depth)
	}
	return rowKey{item: -1, node: e.node, ver: s.g.built, depth: e.depth, open: s.g.isExpanded(e.node),
		abs: s.m.absTime, marks: s.m.data.MarkGen(), minute: s.m.minute.Unix()}
}

func (s groupRows) Render(b *strings.Builder, i, w int, cursor bool) {
	e := s.g.entries[i]
	if e.node >= 0 {
		s.m.renderGroupRow(b, s.g, e, w, cursor)
		return
	}
	s.m.renderRow(b, e.item, columnsFor(w, s.m.absTime), cursor, 2*int(e.depth))
}

// sizeLists gives every row list the table's width and height, which
// depend on the terminal, the details pane and the progress line.
func (m *Model) sizeLists() {
	s := m.layout()
	m.table.SetSize(s.tableW, s.rows)
	m.batches.list.SetSize(s.tableW, s.rows)
	m.folders.list.SetSize(s.tableW, s.rows)
}
