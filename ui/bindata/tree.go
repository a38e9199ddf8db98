package bindata

import (
	"slices"
	"time"
)

// Node is one group of a grouped view: a deletion batch or an original
// folder. Its items are a contiguous range of the tree's Flat slice, so
// marking or restoring a group, however large, is one loop over a range.
type Node struct {
	Key    string // identity across rebuilds: expanded state and cursor follow it
	Name   string // sanitized: the folder's name, or the batch's common folder
	Parent int32
	Depth  int32
	Kids   []int32 // child folders, by name (folders only)
	// Flat[Lo:Hi] is every item under the node (sub-folders included);
	// Flat[Dlo:Hi] are the node's own item rows.
	Lo, Dlo, Hi int32
	Dir         int32 // folders: the deleted directory item at this path, or -1

	Count, Restorable, Soon int32 // items, markable ones, expiring ones
	Subfolders              int32 // folders: folders below this one
	Size                    uint64
	Newest, Oldest          time.Time
}

// Tree is a built grouping: Nodes[0] is an invisible root whose kids are
// the top-level groups and whose own items sit at the root.
type Tree struct {
	Nodes []Node
	Flat  []int32
}

// Items is every item under node n.
func (t *Tree) Items(n int32) []int32 {
	nd := &t.Nodes[n]
	return t.Flat[nd.Lo:nd.Hi]
}

// Own is node n's own item rows (not those of its sub-folders).
func (t *Tree) Own(n int32) []int32 {
	nd := &t.Nodes[n]
	return t.Flat[nd.Dlo:nd.Hi]
}

// growFlat returns flat at length n. When it must grow it grows to room
// (the store's room, the listing's size once reserved) at once, not by a
// quarter at a time: at a million items every such copy held up a page.
func growFlat(flat []int32, n, room int) []int32 {
	if cap(flat) < n {
		flat = slices.Grow(flat, max(room, n)-len(flat))
	}
	return flat[:n]
}
