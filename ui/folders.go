package ui

import (
	"slices"
	"strings"

	"smhbin/api"
	"smhbin/safe"
)

// folderTree builds the tree of original folders of the items in view.
// Each folder node covers everything below it; folders are ordered by
// name and items keep the view's order (the current sort). A deleted
// directory (Type "dir") is not an item row but the node at its own path,
// placed first in that node's range, so that marking or restoring the node
// takes the directory and everything listed under it. Since the tree is
// built from the view, a filter keeps exactly the matches and the folders
// above them.
func folderTree(items []api.Item, view []int32, markable func(int32) bool, soonDays int64) groupTree {
	type childKey struct {
		parent int32
		name   string
	}
	nodes := []gnode{{parent: -1, depth: -1, dir: -1}}
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
				nodes = append(nodes, gnode{key: nodes[n].key + "\x00" + seg, name: safe.Text(seg), parent: n, depth: nodes[n].depth + 1, dir: -1})
				nodes[n].kids = append(nodes[n].kids, c)
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
			if n := nodeAt(it.OriginalPath); nodes[n].dir < 0 {
				nodes[n].dir, where[i] = idx, n
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
		sortKids(nodes, nodes[i].kids)
	}
	// Lay the tree out depth first: the directory item, the sub-folders,
	// then the folder's own items.
	var pos int32
	var layout func(n int32)
	layout = func(n int32) {
		nd := &nodes[n]
		nd.lo = pos
		if nd.dir >= 0 {
			pos++
		}
		for _, k := range nd.kids {
			layout(k)
		}
		nd = &nodes[n]
		nd.dlo = pos
		pos += direct[n]
		nd.hi = pos
	}
	layout(0)
	flat := make([]int32, len(view))
	next := direct[:len(nodes)] // reused as each node's next free slot
	for n := range nodes {
		next[n] = nodes[n].dlo
	}
	for i, idx := range view {
		n := where[i]
		nd := &nodes[n]
		if nd.dir == idx {
			flat[nd.lo] = idx
		} else {
			flat[next[n]] = idx
			next[n]++
		}
		addItem(nd, &items[idx], markable(idx), soonDays)
	}
	// A child is always created after its parent, so walking the nodes
	// backwards adds every folder into its parent after its own children.
	for n := len(nodes) - 1; n > 0; n-- {
		nd, p := &nodes[n], &nodes[nodes[n].parent]
		p.count += nd.count
		p.restorable += nd.restorable
		p.soon += nd.soon
		p.size += nd.size
		p.subfolders += nd.subfolders + 1
		if !nd.newest.IsZero() && nd.newest.After(p.newest) {
			p.newest = nd.newest
		}
		if !nd.oldest.IsZero() && (p.oldest.IsZero() || nd.oldest.Before(p.oldest)) {
			p.oldest = nd.oldest
		}
	}
	return groupTree{nodes: nodes, flat: flat}
}

// addItem counts one item into a node's totals.
func addItem(nd *gnode, it *api.Item, markable bool, soonDays int64) {
	nd.count++
	nd.size += it.Size
	if markable {
		nd.restorable++
	}
	if it.RemainingDays <= soonDays {
		nd.soon++
	}
	if t := it.RemovalTime; !t.IsZero() {
		if t.After(nd.newest) {
			nd.newest = t
		}
		if nd.oldest.IsZero() || t.Before(nd.oldest) {
			nd.oldest = t
		}
	}
}

// sortKids orders sibling folders by name.
func sortKids(nodes []gnode, kids []int32) {
	if len(kids) < 2 {
		return
	}
	slices.SortFunc(kids, func(a, b int32) int { return strings.Compare(nodes[a].name, nodes[b].name) })
}

// folderPath is node n's full original path, for its summary.
func folderPath(nodes []gnode, n int32) string {
	var segs []string
	for ; n > 0; n = nodes[n].parent {
		segs = append(segs, nodes[n].name)
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
