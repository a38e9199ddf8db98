package bindata

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"smhbin/api"
	"smhbin/safe"
)

// BatchTree groups the items of view into deletion batches: walking the
// items from the newest removal to the oldest, a pause of more than gap
// between two removals ends a time cluster, and within a cluster each
// top-level original folder is its own batch, so that two folders emptied
// in the same minute are two batches. Batches come newest first; the items
// of a batch keep the view's order (the current sort).
//
// markable and soonDays feed the per-batch counts of restorable and
// expiring items. The cost is one pass when view is already in removal
// order (the default listing, or a local sort by deletion time) and a
// sort of a copy of the indexes otherwise.
func BatchTree(items []api.Item, view []int32, gap time.Duration, markable func(int32) bool, soonDays int64) Tree {
	ord, from, step := view, 0, 1
	switch removalOrder(items, view) {
	case 1: // oldest first: walk it backwards
		from, step = len(view)-1, -1
	case 0:
		ord = slices.Clone(view)
		slices.SortFunc(ord, func(x, y int32) int {
			if c := items[y].RemovalTime.Compare(items[x].RemovalTime); c != 0 {
				return c
			}
			return cmp.Compare(items[x].ID, items[y].ID)
		})
	}
	nodes := []Node{{Parent: -1, Depth: -1, Dir: -1}}
	batchOf := make([]int32, len(items))
	open := map[string]int32{} // top folder → batch, within the current cluster
	var prev time.Time
	for i := range ord {
		idx := ord[from+i*step]
		it := &items[idx]
		t := it.RemovalTime
		if i == 0 || prev.Sub(t) > gap {
			clear(open)
		}
		prev = t
		top := topFolder(it)
		b, ok := open[top]
		if !ok {
			b = int32(len(nodes))
			nodes = append(nodes, Node{Key: strconv.FormatInt(t.UnixNano(), 10) + "\x00" + top, Dir: -1, Newest: t})
			open[top] = b
		}
		batchOf[idx] = b
		nodes[b].Count++
		nodes[b].Oldest = t
	}
	// Lay the batches out one after the other, newest first (the order
	// they were opened in), then drop each item into its batch's range in
	// view order.
	root := &nodes[0]
	root.Kids = make([]int32, 0, len(nodes)-1)
	next := make([]int32, len(nodes))
	var pos int32
	for b := int32(1); b < int32(len(nodes)); b++ {
		root.Kids = append(root.Kids, b)
		nodes[b].Lo, nodes[b].Dlo, next[b] = pos, pos, pos
		pos += nodes[b].Count
		nodes[b].Hi = pos
	}
	flat := make([]int32, len(view))
	prefix := make([][]string, len(nodes))
	deepest := make([]int, len(nodes))
	for _, idx := range view {
		b := batchOf[idx]
		flat[next[b]] = idx
		next[b]++
		it := &items[idx]
		nd := &nodes[b]
		nd.Size += it.Size
		if markable(idx) {
			nd.Restorable++
		}
		if it.RemainingDays <= soonDays {
			nd.Soon++
		}
		folder := it.OriginalPath[:max(len(it.OriginalPath)-1, 0)]
		if nd.Lo+1 == next[b] {
			prefix[b] = folder
		} else {
			prefix[b] = commonPrefix(prefix[b], folder)
		}
		deepest[b] = max(deepest[b], len(folder))
	}
	for b := 1; b < len(nodes); b++ {
		nodes[b].Name = "/" + safe.Join(prefix[b])
		if deepest[b] > len(prefix[b]) {
			if len(prefix[b]) > 0 {
				nodes[b].Name += "/"
			}
			nodes[b].Name += "…"
		}
	}
	return Tree{Nodes: nodes, Flat: flat}
}

// removalOrder reports whether view is ordered by removal time newest
// first (-1; also when all times are equal), oldest first (1) or neither (0).
func removalOrder(items []api.Item, view []int32) int {
	desc, asc := true, true
	for i := 1; i < len(view) && (desc || asc); i++ {
		switch items[view[i-1]].RemovalTime.Compare(items[view[i]].RemovalTime) {
		case -1:
			desc = false
		case 1:
			asc = false
		}
	}
	switch {
	case desc:
		return -1
	case asc:
		return 1
	}
	return 0
}

// topFolder is the first segment of the item's original folder ("" at the
// root): a deleted folder counts as part of the folder it was in.
func topFolder(it *api.Item) string {
	if len(it.OriginalPath) > 1 {
		return it.OriginalPath[0]
	}
	return ""
}

// commonPrefix is the longest common leading run of segments of a and b.
func commonPrefix(a, b []string) []string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}
