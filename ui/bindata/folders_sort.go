package bindata

import (
	"cmp"
	"slices"
	"strings"
)

// SortFolders orders every node's sub-folders by column k, so the
// folders view follows the chosen sort: by total size, by newest
// deletion, by how many items expire soon (days left), or by name.
// Items inside a folder already keep the view's order.
func SortFolders(t *Tree, k SortKey, desc bool) {
	nodes := t.Nodes
	by := func(a, b int32) int {
		x, y := &nodes[a], &nodes[b]
		var c int
		switch k {
		case SortSize:
			c = cmp.Compare(x.Size, y.Size)
		case SortDeleted:
			c = x.Newest.Compare(y.Newest)
		case SortLeft:
			c = cmp.Compare(y.Soon, x.Soon) // more expiring soon first when ascending
		}
		if c == 0 {
			c = strings.Compare(x.Name, y.Name)
			if desc && k != SortName {
				c = -c // ties stay A→Z whatever the direction
			}
		}
		if desc {
			return -c
		}
		return c
	}
	for i := range nodes {
		if len(nodes[i].Kids) > 1 {
			slices.SortStableFunc(nodes[i].Kids, by)
		}
	}
}
