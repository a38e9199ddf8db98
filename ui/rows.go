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
	row    int32  // item index, or -1-node on a group row
	ver    uint32 // item version, or the tree's build number
	marks  uint32 // group rows: the store's mark generation (low bits)
	minute int32  // minutes since the epoch
	depth  int16
	open   bool
	abs    bool
}

// itemKey is the key of item idx drawn at the given depth.
func (m *Model) itemKey(idx, depth int32) rowKey {
	return rowKey{row: idx, ver: m.data.Version(idx), depth: int16(depth), abs: m.absTime, minute: m.minuteKey()}
}

// minuteKey is the minute rows are drawn in, as a key field.
func (m *Model) minuteKey() int32 { return int32(m.minute.Unix() / 60) }

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
	return rowKey{row: -1 - e.node, ver: s.g.built, depth: int16(e.depth), open: s.g.isExpanded(e.node),
		abs: s.m.absTime, marks: uint32(s.m.data.MarkGen()), minute: s.m.minuteKey()}
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
