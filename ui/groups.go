package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"smhbin/ui/bindata"
	"smhbin/ui/rowlist"
)

// viewMode is what the table area shows: the flat table or a grouped view.
type viewMode int

const (
	viewTable   viewMode = iota
	viewBatches          // deletion batches (b)
	viewFolders          // the tree of original folders (f)
)

// entry is one visible row: a group row (node ≥ 0) or an item row.
type entry struct {
	node   int32 // the group, or -1 for an item row
	item   int32 // the item, for item rows
	parent int32 // the group the row sits in (0: the root)
	depth  int32
}

// groupView is a grouped view's state: the tree built from the store's
// view, the visible rows, and its own row list (cursor and window), so
// that switching between views keeps each one's place. It is rebuilt only
// when the store's view, or the restore outcomes behind its counts,
// changed since it was built.
type groupView struct {
	kind     viewMode
	tree     bindata.Tree
	entries  []entry
	list     rowlist.Model[rowKey]
	expanded map[string]bool // explicit toggles by node key; absent: the kind's default
	built    uint32          // builds so far: part of a group row's key
	gen      uint64          // store generation of the tree
	outGen   uint64          // outcome generation of the tree

	markGen uint64          // store.MarkGen of the counts below
	marked  map[int32]int32 // marked items per node, counted for rows on screen
	folderN map[int32]int   // distinct original folders per batch, for its summary

	// The groupings kept up to date page by page (only the one of kind is
	// used): a page arriving costs the page, not a regrouping.
	liveBatches bindata.LiveBatches
	liveFolders bindata.LiveFolders
}

// activeGroup is the grouped view on screen, fresh, or nil for the table.
func (m *Model) activeGroup() *groupView {
	var g *groupView
	switch m.vmode {
	case viewBatches:
		g = &m.batches
	case viewFolders:
		g = &m.folders
	default:
		return nil
	}
	if g.built == 0 || g.gen != m.data.Gen() || g.outGen != m.outGen {
		m.rebuild(g)
	}
	g.list.Clamp()
	return g
}

// rebuild regroups the store's view, keeping the cursor on the same group
// or item when it is still there.
func (m *Model) rebuild(g *groupView) {
	keepNode, keepItem := "", int32(-1)
	if e, ok := g.current(); ok && e.node >= 0 {
		keepNode = g.tree.Nodes[e.node].Key
	} else if ok {
		keepItem = e.item
	}
	if g.outGen != m.outGen { // restore outcomes changed what is markable
		g.liveBatches.Reset()
		g.liveFolders.Reset()
	}
	items, view, shape := m.data.Rows(), m.data.View(), m.data.Shape()
	if g.kind == viewBatches {
		g.tree = g.liveBatches.Tree(items, view, shape, m.opts.BatchGap, m.markable, m.opts.ExpiringDays)
	} else {
		g.tree = g.liveFolders.Tree(items, view, shape, m.markable, m.opts.ExpiringDays)
		bindata.SortFolders(&g.tree, m.sortKey, m.desc) // every node, so none keeps an older order
	}
	g.built++
	g.gen, g.outGen = m.data.Gen(), m.outGen
	g.marked, g.folderN = nil, nil
	g.flatten()
	for i, e := range g.entries {
		if (e.node >= 0 && keepNode != "" && g.tree.Nodes[e.node].Key == keepNode) || (e.node < 0 && e.item == keepItem) {
			g.list.SetCursor(i)
			break
		}
	}
}

// current is the entry under the cursor.
func (g *groupView) current() (entry, bool) {
	c := g.list.Cursor()
	if c < 0 || c >= len(g.entries) {
		return entry{}, false
	}
	return g.entries[c], true
}

// isExpanded: folders start open at the top level (one level of the tree
// in view), batches start closed (one line each).
func (g *groupView) isExpanded(n int32) bool {
	nd := &g.tree.Nodes[n]
	if v, ok := g.expanded[nd.Key]; ok {
		return v
	}
	return g.kind == viewFolders && nd.Depth == 0
}

func (g *groupView) setExpanded(n int32, on bool) {
	if g.expanded == nil {
		g.expanded = map[string]bool{}
	}
	g.expanded[g.tree.Nodes[n].Key] = on
	g.flatten()
}

// flatten lists the visible rows: each group, and under an open group its
// sub-groups and then its items.
func (g *groupView) flatten() {
	g.entries = g.entries[:0]
	if len(g.tree.Nodes) > 0 {
		g.walk(0, 0)
	}
	g.list.Clamp()
}

func (g *groupView) walk(n, depth int32) {
	for _, k := range g.tree.Nodes[n].Kids {
		g.entries = append(g.entries, entry{node: k, item: -1, parent: n, depth: depth})
		if g.isExpanded(k) {
			g.walk(k, depth+1)
		}
	}
	for _, idx := range g.tree.Own(n) {
		g.entries = append(g.entries, entry{node: -1, item: idx, parent: n, depth: depth})
	}
}

// markedIn counts node n's marked items, once per change of the marks.
func (g *groupView) markedIn(s *bindata.Store, n int32) int32 {
	if g.marked == nil || g.markGen != s.MarkGen() {
		g.marked, g.markGen = map[int32]int32{}, s.MarkGen()
	}
	if c, ok := g.marked[n]; ok {
		return c
	}
	var c int32
	for _, idx := range g.tree.Items(n) {
		if s.Marked(idx) {
			c++
		}
	}
	g.marked[n] = c
	return c
}

// switchView shows v, or the table when v is already shown. Leaving a
// grouped view on an item puts the table's cursor on that item.
func (m *Model) switchView(v viewMode) {
	if m.vmode == v {
		v = viewTable
	}
	leaving := m.focusItem()
	m.vmode = v
	if v == viewTable && leaving >= 0 {
		m.follow(leaving)
	}
	m.activeGroup()
}

// focusItem is the item under the cursor of whichever view is shown, or
// -1 on a group row or an empty view.
func (m *Model) focusItem() int32 {
	g := m.activeGroup()
	if g == nil {
		return m.cursorItem()
	}
	if e, ok := g.current(); ok && e.node < 0 {
		return e.item
	}
	return -1
}

// cursorGroup is the group row under the cursor, if any.
func (m *Model) cursorGroup() (*groupView, int32, bool) {
	g := m.activeGroup()
	if g == nil {
		return nil, 0, false
	}
	if e, ok := g.current(); ok && e.node >= 0 {
		return g, e.node, true
	}
	return nil, 0, false
}

// groupSelection is what r restores with nothing marked on a group row:
// every item of the group (the dialog leaves out what cannot be restored).
func (m *Model) groupSelection() []int32 {
	if g, n, ok := m.cursorGroup(); ok {
		return slices.Clone(g.tree.Items(n))
	}
	return nil
}

// handleGroupKey marks, expands and collapses in a grouped view (its row
// list has already taken the movement keys); it reports whether it took
// the key.
func (m *Model) handleGroupKey(g *groupView, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.km.Mark):
		m.markEntry(g)
		g.list.MoveBy(1)
	case key.Matches(msg, m.km.Expand):
		if e, ok := g.current(); ok && e.node >= 0 {
			g.setExpanded(e.node, !g.isExpanded(e.node))
		}
	case key.Matches(msg, m.km.Collapse):
		g.collapse()
	default:
		return nil, false
	}
	return nil, true
}

// collapse closes the open group under the cursor, or else moves to the
// group the row sits in, as file-tree browsers do.
func (g *groupView) collapse() {
	e, ok := g.current()
	if !ok {
		return
	}
	if e.node >= 0 && g.isExpanded(e.node) {
		g.setExpanded(e.node, false)
		return
	}
	for i := g.list.Cursor() - 1; i >= 0 && e.parent > 0; i-- {
		if g.entries[i].node == e.parent {
			g.list.SetCursor(i)
			return
		}
	}
}

// markEntry is space in a grouped view: on an item as in the table; on a
// group, mark every markable item under it, or unmark them all when all
// are marked already.
func (m *Model) markEntry(g *groupView) {
	e, ok := g.current()
	if !ok {
		return
	}
	if e.node < 0 {
		m.toggleMark(e.item)
		return
	}
	items := g.tree.Items(e.node)
	all, any := true, false
	for _, idx := range items {
		if m.markable(idx) {
			any = true
			if !m.data.Marked(idx) {
				all = false
				break
			}
		}
	}
	if !any {
		m.setStatus("nothing here can be restored (no permission, or already restored)", true)
		return
	}
	n := 0
	for _, idx := range items {
		if (all || m.markable(idx)) && m.data.SetMark(idx, !all) {
			n++
		}
	}
	verb := "marked "
	if all {
		verb = "unmarked "
	}
	m.setStatus(verb+itemCount(n)+" in this "+g.noun(), false)
}

// noun names a group of the view for messages.
func (g *groupView) noun() string {
	if g.kind == viewBatches {
		return "batch"
	}
	return "folder"
}
