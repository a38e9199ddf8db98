package ui

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// viewMode is what the table area shows: the flat table or a grouped view.
type viewMode int

const (
	viewTable   viewMode = iota
	viewBatches          // deletion batches (b)
	viewFolders          // the tree of original folders (f)
)

// gnode is one group of a grouped view: a deletion batch or an original
// folder. Its items are a contiguous range of the tree's flat slice, so
// marking or restoring a group, however large, is one loop over a range.
type gnode struct {
	key    string // identity across rebuilds: expanded state and cursor follow it
	name   string // sanitized: the folder's name, or the batch's common folder
	parent int32
	depth  int32
	kids   []int32 // child folders, by name (folders only)
	// flat[lo:hi] is every item under the node (sub-folders included);
	// flat[dlo:hi] are the node's own item rows.
	lo, dlo, hi int32
	dir         int32 // folders: the deleted directory item at this path, or -1

	count, restorable, soon int32 // items, markable ones, expiring ones
	subfolders              int32 // folders: folders below this one
	size                    uint64
	newest, oldest          time.Time
}

// groupTree is a built grouped view: nodes[0] is an invisible root whose
// kids are the top-level groups and whose own items sit at the root.
type groupTree struct {
	nodes []gnode
	flat  []int32
}

// entry is one visible row: a group row (node ≥ 0) or an item row.
type entry struct {
	node   int32 // the group, or -1 for an item row
	item   int32 // the item, for item rows
	parent int32 // the group the row sits in (0: the root)
	depth  int32
}

// groupView is a grouped view's state: the tree built from the store's
// view, the visible rows, and its own cursor, so that switching between
// views keeps each one's place. It is rebuilt only when the store's view,
// or the restore outcomes behind its counts, changed since it was built.
type groupView struct {
	kind           viewMode
	tree           groupTree
	entries        []entry
	cursor, offset int
	expanded       map[string]bool // explicit toggles by node key; absent: the kind's default
	built          bool
	gen, outGen    uint64 // store and outcome generations of the tree

	markGen uint64          // store.markGen of the counts below
	marked  map[int32]int32 // marked items per node, counted for rows on screen
	folderN map[int32]int   // distinct original folders per batch, for its summary

	// rowCache holds rendered group rows (not the cursor's) by node, valid
	// for one width, time format and state of the marks.
	rowCache   map[int32]string
	rowW       int
	rowAbs     bool
	rowMarkGen uint64
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
	g.kind = m.vmode
	if !g.built || g.gen != m.data.gen || g.outGen != m.outGen {
		m.rebuild(g)
	}
	g.clamp(m.groupRows())
	return g
}

// rebuild regroups the store's view, keeping the cursor on the same group
// or item when it is still there.
func (m *Model) rebuild(g *groupView) {
	keepNode, keepItem := "", int32(-1)
	if e, ok := g.current(); ok && e.node >= 0 {
		keepNode = g.tree.nodes[e.node].key
	} else if ok {
		keepItem = e.item
	}
	if g.kind == viewBatches {
		g.tree = batchTree(m.data.items, m.data.view, m.opts.BatchGap, m.markable, m.opts.ExpiringDays)
	} else {
		g.tree = folderTree(m.data.items, m.data.view, m.markable, m.opts.ExpiringDays)
	}
	g.built, g.gen, g.outGen = true, m.data.gen, m.outGen
	g.marked, g.folderN, g.rowCache = nil, nil, nil
	g.flatten()
	for i, e := range g.entries {
		if (e.node >= 0 && keepNode != "" && g.tree.nodes[e.node].key == keepNode) || (e.node < 0 && e.item == keepItem) {
			g.cursor = i
			break
		}
	}
}

func (m *Model) groupRows() int { return max(m.layout().rows, 1) }

// current is the entry under the cursor.
func (g *groupView) current() (entry, bool) {
	if g.cursor < 0 || g.cursor >= len(g.entries) {
		return entry{}, false
	}
	return g.entries[g.cursor], true
}

// isExpanded: folders start open at the top level (one level of the tree
// in view), batches start closed (one line each).
func (g *groupView) isExpanded(n int32) bool {
	nd := &g.tree.nodes[n]
	if v, ok := g.expanded[nd.key]; ok {
		return v
	}
	return g.kind == viewFolders && nd.depth == 0
}

func (g *groupView) setExpanded(n int32, on bool) {
	if g.expanded == nil {
		g.expanded = map[string]bool{}
	}
	g.expanded[g.tree.nodes[n].key] = on
	g.rowCache = nil // the row's arrow changed
	g.flatten()
}

// flatten lists the visible rows: each group, and under an open group its
// sub-groups and then its items.
func (g *groupView) flatten() {
	g.entries = g.entries[:0]
	if len(g.tree.nodes) > 0 {
		g.walk(0, 0)
	}
}

func (g *groupView) walk(n, depth int32) {
	nd := &g.tree.nodes[n]
	for _, k := range nd.kids {
		g.entries = append(g.entries, entry{node: k, item: -1, parent: n, depth: depth})
		if g.isExpanded(k) {
			g.walk(k, depth+1)
		}
	}
	for _, idx := range g.tree.flat[nd.dlo:nd.hi] {
		g.entries = append(g.entries, entry{node: -1, item: idx, parent: n, depth: depth})
	}
}

// clamp keeps cursor and offset inside the rows and the window of h rows.
func (g *groupView) clamp(h int) {
	n := len(g.entries)
	g.cursor = min(max(g.cursor, 0), max(n-1, 0))
	if g.cursor < g.offset {
		g.offset = g.cursor
	}
	if g.cursor >= g.offset+h {
		g.offset = g.cursor - h + 1
	}
	g.offset = min(max(g.offset, 0), max(n-h, 0))
}

// items is every item under node n.
func (g *groupView) items(n int32) []int32 {
	nd := &g.tree.nodes[n]
	return g.tree.flat[nd.lo:nd.hi]
}

// markedIn counts node n's marked items, once per change of the marks.
func (g *groupView) markedIn(s *store, n int32) int32 {
	if g.marked == nil || g.markGen != s.markGen {
		g.marked, g.markGen = map[int32]int32{}, s.markGen
	}
	if c, ok := g.marked[n]; ok {
		return c
	}
	var c int32
	for _, idx := range g.items(n) {
		if s.marked(idx) {
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
	m.rows.reset() // item rows are indented in the grouped views
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
		return slices.Clone(g.items(n))
	}
	return nil
}

// handleGroupKey moves, marks, expands and collapses in a grouped view;
// it reports whether it took the key.
func (m *Model) handleGroupKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	g := m.activeGroup()
	if g == nil {
		return nil, false
	}
	h := m.groupRows()
	move := func(d int) { g.cursor += d }
	switch {
	case key.Matches(msg, m.km.Up):
		move(-1)
	case key.Matches(msg, m.km.Down):
		move(1)
	case key.Matches(msg, m.km.PageUp):
		move(-h)
	case key.Matches(msg, m.km.PageDown):
		move(h)
	case key.Matches(msg, m.km.HalfUp):
		move(-max(h/2, 1))
	case key.Matches(msg, m.km.HalfDown):
		move(max(h/2, 1))
	case key.Matches(msg, m.km.Top):
		g.cursor = 0
	case key.Matches(msg, m.km.Bottom):
		g.cursor = len(g.entries) - 1
	case key.Matches(msg, m.km.Mark):
		m.markEntry(g)
		move(1)
	case key.Matches(msg, m.km.Expand):
		if e, ok := g.current(); ok && e.node >= 0 {
			g.setExpanded(e.node, !g.isExpanded(e.node))
		}
	case key.Matches(msg, m.km.Collapse):
		g.collapse()
	default:
		return nil, false
	}
	g.clamp(h)
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
	for i := g.cursor - 1; i >= 0 && e.parent > 0; i-- {
		if g.entries[i].node == e.parent {
			g.cursor = i
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
	items := g.items(e.node)
	all, any := true, false
	for _, idx := range items {
		if m.markable(idx) {
			any = true
			if !m.data.marked(idx) {
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
		if (all || m.markable(idx)) && m.data.setMark(idx, !all) {
			n++
		}
	}
	m.rows.reset()
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
