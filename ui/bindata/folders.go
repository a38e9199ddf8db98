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
	type childKey struct {
		parent int32
		name   string
	}
	nodes := []Node{{Parent: -1, Depth: -1, Dir: -1}}
	child := map[childKey]int32{}
	// Consecutive items mostly share their folder (the bin lists them by
	// deletion time), so the chain of nodes of the last path is reused for
	// the segments the next path has in common with it.
	var prevSegs []string
	var prevChain []int32
	nodeAt := func(segs []string) int32 {
		k := 0
		for k < len(segs) && k < len(prevSegs) && segs[k] == prevSegs[k] {
			k++
		}
		n, chain := int32(0), prevChain[:k]
		if k > 0 {
			n = chain[k-1]
		}
		for _, seg := range segs[k:] {
			c, ok := child[childKey{n, seg}]
			if !ok {
				c = int32(len(nodes))
				nodes = append(nodes, Node{Key: nodes[n].Key + "\x00" + seg, Name: safe.Text(seg), Parent: n, Depth: nodes[n].Depth + 1, Dir: -1})
				nodes[n].Kids = append(nodes[n].Kids, c)
				child[childKey{n, seg}] = c
			}
			n = c
			chain = append(chain, n)
		}
		prevSegs, prevChain = segs, chain
		return n
	}
	where := make([]int32, len(view)) // the node each item goes to
	direct := make([]int32, 0, 64)    // own item rows per node
	for i, idx := range view {
		it := &items[idx]
		if it.Type == "dir" && len(it.OriginalPath) > 0 {
			if n := nodeAt(it.OriginalPath); nodes[n].Dir < 0 {
				nodes[n].Dir, where[i] = idx, n
				continue
			}
		}
		n := nodeAt(it.OriginalPath[:max(len(it.OriginalPath)-1, 0)])
		where[i] = n
		for int(n) >= len(direct) {
			direct = append(direct, 0)
		}
		direct[n]++
	}
	for len(direct) < len(nodes) {
		direct = append(direct, 0)
	}
	for i := range nodes {
		sortKids(nodes, nodes[i].Kids)
	}
	// Lay the tree out depth first: the directory item, the sub-folders,
	// then the folder's own items.
	var pos int32
	var layout func(n int32)
	layout = func(n int32) {
		nd := &nodes[n]
		nd.Lo = pos
		if nd.Dir >= 0 {
			pos++
		}
		for _, k := range nd.Kids {
			layout(k)
		}
		nd = &nodes[n]
		nd.Dlo = pos
		pos += direct[n]
		nd.Hi = pos
	}
	layout(0)
	flat := make([]int32, len(view))
	next := direct[:len(nodes)] // reused as each node's next free slot
	for n := range nodes {
		next[n] = nodes[n].Dlo
	}
	for i, idx := range view {
		n := where[i]
		nd := &nodes[n]
		if nd.Dir == idx {
			flat[nd.Lo] = idx
		} else {
			flat[next[n]] = idx
			next[n]++
		}
		addItem(nd, &items[idx], markable(idx), soonDays)
	}
	// A child is always created after its parent, so walking the nodes
	// backwards adds every folder into its parent after its own children.
	for n := len(nodes) - 1; n > 0; n-- {
		nd, p := &nodes[n], &nodes[nodes[n].Parent]
		p.Count += nd.Count
		p.Restorable += nd.Restorable
		p.Soon += nd.Soon
		p.Size += nd.Size
		p.Subfolders += nd.Subfolders + 1
		if !nd.Newest.IsZero() && nd.Newest.After(p.Newest) {
			p.Newest = nd.Newest
		}
		if !nd.Oldest.IsZero() && (p.Oldest.IsZero() || nd.Oldest.Before(p.Oldest)) {
			p.Oldest = nd.Oldest
		}
	}
	return Tree{Nodes: nodes, Flat: flat}
}

// addItem counts one item into a node's totals.
func addItem(nd *Node, it *api.Item, markable bool, soonDays int64) {
	nd.Count++
	nd.Size += it.Size
	if markable {
		nd.Restorable++
	}
	if it.RemainingDays <= soonDays {
		nd.Soon++
	}
	if t := it.RemovalTime; !t.IsZero() {
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
