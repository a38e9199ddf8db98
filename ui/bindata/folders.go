package bindata

import (
	"slices"
	"strings"

	"smhbin/api"
	"smhbin/safe"
)

// FolderTree builds the tree of original folders of the items in view.
// Each folder node covers everything below it; folders are ordered by
// name and items keep the view's order (the current sort). A deleted
// directory (Type "dir") is not an item row but the node at its own path,
// placed first in that node's range, so that marking or restoring the node
// takes the directory and everything listed under it. Since the tree is
// built from the view, a filter keeps exactly the matches and the folders
// above them.
func FolderTree(items []api.Item, view []int32, markable func(int32) bool, soonDays int64) Tree {
	var l LiveFolders
	return l.Tree(RowsOf(items), view, 0, markable, soonDays)
}

// childKey names a folder by its parent node and its own segment.
type childKey struct {
	parent int32
	name   string
}

// LiveFolders is a FolderTree kept up to date while pages arrive: as long
// as the view only grows at its end (the store's Shape holds), a page's
// rows are walked into the tree and counted into their folders and the
// folders above them; only the layout (one pass over nodes, one copy of
// the row indexes) is redone. Any other change rebuilds.
type LiveFolders struct {
	shape     uint64
	n         int // view rows taken in
	nodes     []Node
	flat      []int32
	child     map[childKey]int32
	prevSegs  []string  // the last path walked, and its chain of nodes:
	prevChain []int32   // consecutive items mostly share their folder
	own       [][]int32 // each node's own item rows, in view order
	unsorted  []int32   // nodes whose kids gained a folder since the last layout
	builds    int       // full builds, for tests
}

// Reset forgets the built tree, so the next Tree call regroups
// everything (the counts behind markable changed).
func (l *LiveFolders) Reset() { *l = LiveFolders{builds: l.builds} }

// Tree returns the folder tree of view. shape is the store's Shape when
// view was taken: while it is unchanged, only the rows appended since the
// last call are walked in.
func (l *LiveFolders) Tree(rows Rows, view []int32, shape uint64, markable func(int32) bool, soonDays int64) Tree {
	if l.nodes == nil || l.shape != shape || len(view) < l.n {
		l.Reset()
		l.builds++
		l.shape = shape
		l.nodes = []Node{{Parent: -1, Depth: -1, Dir: -1}}
		l.own = [][]int32{nil}
		l.child = map[childKey]int32{}
	} else if len(view) == l.n {
		return Tree{Nodes: l.nodes, Flat: l.flat}
	}
	items := &rows
	for _, idx := range view[l.n:] {
		var n int32
		if items.PathLen(idx) > 0 && items.Type(idx) == "dir" {
			n = l.nodeAt(items.Path(idx))
			if l.nodes[n].Dir >= 0 {
				n = -1 // a second directory at the same path: an item row
			} else {
				l.nodes[n].Dir = idx
			}
		} else {
			n = -1
		}
		if n < 0 {
			n = l.nodeAt(items.FolderSegs(idx))
			l.own[n] = append(l.own[n], idx)
		}
		ok := markable(idx)
		for a := n; a >= 0; a = l.nodes[a].Parent {
			addItem(&l.nodes[a], items, idx, ok, soonDays)
		}
	}
	l.n = len(view)
	l.flat = growFlat(l.flat, len(view), items.Cap())
	l.layout(view)
	return Tree{Nodes: l.nodes, Flat: l.flat}
}

// nodeAt is the folder node at segs, created (with the folders above it)
// when new.
func (l *LiveFolders) nodeAt(segs []string) int32 {
	k := 0
	for k < len(segs) && k < len(l.prevSegs) && segs[k] == l.prevSegs[k] {
		k++
	}
	n, chain := int32(0), l.prevChain[:k]
	if k > 0 {
		n = chain[k-1]
	}
	for _, seg := range segs[k:] {
		c, ok := l.child[childKey{n, seg}]
		if !ok {
			c = int32(len(l.nodes))
			l.nodes = append(l.nodes, Node{Key: l.nodes[n].Key + "\x00" + seg, Name: safe.Text(seg), Parent: n, Depth: l.nodes[n].Depth + 1, Dir: -1})
			l.own = append(l.own, nil)
			l.nodes[n].Kids = append(l.nodes[n].Kids, c)
			l.unsorted = append(l.unsorted, n)
			l.child[childKey{n, seg}] = c
			for a := n; a >= 0; a = l.nodes[a].Parent {
				l.nodes[a].Subfolders++
			}
		}
		n = c
		chain = append(chain, n)
	}
	l.prevSegs, l.prevChain = segs, chain
	return n
}

// layout orders the folders that gained sub-folders by name, lays the
// tree out depth first (the directory item, the sub-folders, then the
// folder's own items) and copies each node's rows into its range: a copy
// of runs, not a pass that looks up every row's node.
func (l *LiveFolders) layout(view []int32) {
	slices.Sort(l.unsorted)
	for _, n := range slices.Compact(l.unsorted) {
		sortKids(l.nodes, l.nodes[n].Kids)
	}
	l.unsorted = l.unsorted[:0]
	l.flat = growFlat(l.flat, len(view), len(view))
	var pos int32
	var walk func(n int32)
	walk = func(n int32) {
		nd := &l.nodes[n]
		nd.Lo = pos
		if nd.Dir >= 0 {
			l.flat[pos] = nd.Dir
			pos++
		}
		for _, k := range nd.Kids {
			walk(k)
		}
		nd = &l.nodes[n]
		nd.Dlo = pos
		pos += int32(copy(l.flat[pos:], l.own[n]))
		nd.Hi = pos
	}
	walk(0)
}

// addItem counts one item into a node's totals.
func addItem(nd *Node, items *Rows, idx int32, markable bool, soonDays int64) {
	nd.Count++
	nd.Size += items.rows[idx].Size
	if markable {
		nd.Restorable++
	}
	if items.RemainingDays(idx) <= soonDays {
		nd.Soon++
	}
	if t := items.RemovalTime(idx); !t.IsZero() {
		if t.After(nd.Newest) {
			nd.Newest = t
		}
		if nd.Oldest.IsZero() || t.Before(nd.Oldest) {
			nd.Oldest = t
		}
	}
}

// sortKids orders sibling folders by name.
func sortKids(nodes []Node, kids []int32) {
	if len(kids) < 2 {
		return
	}
	slices.SortFunc(kids, func(a, b int32) int { return strings.Compare(nodes[a].Name, nodes[b].Name) })
}

// FolderPath is node n's full original path, for its summary.
func FolderPath(nodes []Node, n int32) string {
	var segs []string
	for ; n > 0; n = nodes[n].Parent {
		segs = append(segs, nodes[n].Name)
	}
	var b strings.Builder
	for i := len(segs) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(segs[i])
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}
