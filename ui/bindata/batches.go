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
// order (the default listing, or a local sort by deletion time), and
// otherwise one pass over the items in the order they were listed, which
// is the removal order whenever the listing was; only a view whose items
// were listed in some other order sorts a copy of the indexes.
func BatchTree(items []api.Item, view []int32, gap time.Duration, markable func(int32) bool, soonDays int64) Tree {
	var l LiveBatches
	return l.Tree(RowsOf(items), view, 0, gap, markable, soonDays)
}

// LiveBatches is a BatchTree kept up to date while pages arrive: as long
// as the view only grows at its end, newest first (the bin's default
// listing), a page costs its own rows plus the batches of the last time
// cluster, which are the only ones it can add to, not a regrouping of
// everything loaded. Any other change (the store's Shape) rebuilds.
type LiveBatches struct {
	shape   uint64
	n       int  // view rows taken in
	live    bool // view was newest first: the state can be extended
	gap     time.Duration
	nodes   []Node
	flat    []int32
	open    map[string]int32 // top folder → batch, within the current cluster
	prev    time.Time        // removal time of the last row taken in
	batchOf []int32          // batch per item index
	first   []int32          // view position of each batch's first row (live only)
	prefix  [][]string       // common folder per batch
	deepest []int            // deepest folder per batch
	builds  int              // full builds, for tests
}

// Reset forgets the built tree, so the next Tree call regroups
// everything (the counts behind markable changed).
func (l *LiveBatches) Reset() { *l = LiveBatches{builds: l.builds} }

// Tree returns the batches of view. shape is the store's Shape when view
// was taken: while it and gap are unchanged, only the rows appended since
// the last call are grouped.
func (l *LiveBatches) Tree(rows Rows, view []int32, shape uint64, gap time.Duration,
	markable func(int32) bool, soonDays int64) Tree {
	items := &rows
	if l.live && l.shape == shape && l.gap == gap && len(view) >= l.n &&
		(l.n == 0 || removalOrder(items, view[l.n-1:]) == -1) {
		l.extend(items, view, markable, soonDays)
		return Tree{Nodes: l.nodes, Flat: l.flat}
	}
	l.Reset()
	l.builds++
	l.shape, l.gap = shape, gap
	switch removalOrder(items, view) {
	case -1:
		l.live = true
		l.extend(items, view, markable, soonDays)
	default:
		l.assign(items, removalSorted(items, view), -1, markable, soonDays)
		l.layout(view, 1, 0, items.Cap())
		l.n = len(view)
	}
	return Tree{Nodes: l.nodes, Flat: l.flat}
}

// extend takes in the view rows appended since the last call, which
// continue it newest first.
func (l *LiveBatches) extend(items *Rows, view []int32, markable func(int32) bool, soonDays int64) {
	rows := view[l.n:]
	if len(rows) == 0 && len(l.nodes) > 0 {
		return
	}
	b0 := l.assign(items, rows, l.n, markable, soonDays)
	from := len(view)
	if int(b0) < len(l.nodes) {
		from = int(l.first[b0])
	}
	l.layout(view, b0, from, items.Cap())
	l.n = len(view)
}

// reserve makes room for a page of adding rows. Arrays that must grow
// grow to what the whole listing will likely need (the store's room for
// items; batches in the proportion seen so far) rather than by a quarter:
// at a million items every copy would hold up the page that made it.
func (l *LiveBatches) reserve(items *Rows, adding int) {
	room := max(items.Cap(), items.Len())
	if cap(l.batchOf) < items.Len() {
		l.batchOf = slices.Grow(l.batchOf, room-len(l.batchOf))
	}
	if cap(l.nodes)-len(l.nodes) >= adding {
		return
	}
	want := len(l.nodes) + adding
	if seen := items.Len() - adding; seen > 0 {
		want = max(want, l.Projected(room, seen))
	}
	l.nodes = slices.Grow(l.nodes, want-len(l.nodes))
	l.nodes[0].Kids = slices.Grow(l.nodes[0].Kids, want-len(l.nodes[0].Kids))
	l.prefix = slices.Grow(l.prefix, want-len(l.prefix))
	l.deepest = slices.Grow(l.deepest, want-len(l.deepest))
	l.first = slices.Grow(l.first, want-len(l.first))
}

// assign walks rows (newest first) into batches, opening new ones as
// clusters and top folders change, and counts each row into its batch.
// pos is the view position of rows[0] when rows is a piece of the view
// (recorded per new batch), or -1. It returns the lowest batch touched.
func (l *LiveBatches) assign(items *Rows, rows []int32, pos int, markable func(int32) bool, soonDays int64) int32 {
	if len(l.nodes) == 0 {
		l.nodes = []Node{{Parent: -1, Depth: -1, Dir: -1}}
		l.prefix, l.deepest, l.first = [][]string{nil}, []int{0}, []int32{0}
		l.open = map[string]int32{}
	}
	l.reserve(items, len(rows))
	if len(l.batchOf) < items.Len() {
		l.batchOf = append(l.batchOf, make([]int32, items.Len()-len(l.batchOf))...)
	}
	b0 := int32(len(l.nodes))
	for i, idx := range rows {
		t := items.RemovalTime(idx)
		if l.prev.Sub(t) > l.gap { // (the zero prev never is: open starts empty)
			clear(l.open)
		}
		l.prev = t
		folder := items.FolderSegs(idx)
		top := topFolder(folder)
		b, ok := l.open[top]
		if !ok {
			b = int32(len(l.nodes))
			l.nodes = append(l.nodes, Node{Key: strconv.FormatInt(t.UnixNano(), 10) + "\x00" + top, Dir: -1, Newest: t})
			l.nodes[0].Kids = append(l.nodes[0].Kids, b)
			l.open[top] = b
			l.prefix = append(l.prefix, nil)
			l.deepest = append(l.deepest, 0)
			l.first = append(l.first, int32(pos+i))
		}
		b0 = min(b0, b)
		l.batchOf[idx] = b
		nd := &l.nodes[b]
		nd.Count++
		nd.Oldest = t
		nd.Size += items.rows[idx].Size
		if markable(idx) {
			nd.Restorable++
		}
		if items.RemainingDays(idx) <= soonDays {
			nd.Soon++
		}
		if nd.Count == 1 {
			l.prefix[b] = folder
		} else {
			l.prefix[b] = commonPrefix(l.prefix[b], folder)
		}
		l.deepest[b] = max(l.deepest[b], len(folder))
	}
	return b0
}

// layout lays batches b0 onwards out one after the other, newest first
// (the order they were opened in), right after the batches before b0,
// drops the view's rows from position from onwards that belong to them
// into their ranges in view order, and names them. room is the store's
// room for items, which the item order grows to at once.
func (l *LiveBatches) layout(view []int32, b0 int32, from, room int) {
	var pos int32
	if b0 > 1 {
		pos = l.nodes[b0-1].Hi
	}
	next := make([]int32, len(l.nodes)-int(b0))
	for b := b0; b < int32(len(l.nodes)); b++ {
		nd := &l.nodes[b]
		nd.Lo, nd.Dlo, next[b-b0] = pos, pos, pos
		pos += nd.Count
		nd.Hi = pos
		nd.Name = "/" + safe.Join(l.prefix[b])
		if l.deepest[b] > len(l.prefix[b]) {
			if len(l.prefix[b]) > 0 {
				nd.Name += "/"
			}
			nd.Name += "…"
		}
	}
	l.flat = growFlat(l.flat, len(view), room)
	for _, idx := range view[from:] {
		if b := l.batchOf[idx]; b >= b0 {
			l.flat[next[b-b0]] = idx
			next[b-b0]++
		}
	}
}

// removalSorted is view newest first. The items' own order is the order
// they were listed in, which is the removal order when the listing was
// sorted by it, so that is walked (and filtered by view) rather than
// sorted; a copy of view is sorted only when it is not.
func removalSorted(items *Rows, view []int32) []int32 {
	all := items.listedOrder()
	if all == 0 {
		ord := slices.Clone(view)
		slices.SortFunc(ord, func(x, y int32) int {
			if c := items.RemovalTime(y).Compare(items.RemovalTime(x)); c != 0 {
				return c
			}
			return cmp.Compare(items.rows[x].ID, items.rows[y].ID)
		})
		return ord
	}
	n := items.Len()
	in := make([]uint64, (n+63)/64)
	for _, idx := range view {
		in[idx/64] |= 1 << (uint(idx) % 64)
	}
	ord := make([]int32, 0, len(view))
	for i := range n {
		idx := int32(i)
		if all == 1 {
			idx = int32(n - 1 - i)
		}
		if in[idx/64]&(1<<(uint(idx)%64)) != 0 {
			ord = append(ord, idx)
		}
	}
	return ord
}

// removalOrder reports whether view is ordered by removal time newest
// first (-1; also when all times are equal), oldest first (1) or neither (0).
func removalOrder(items *Rows, view []int32) int {
	desc, asc := true, true
	for i := 1; i < len(view) && (desc || asc); i++ {
		switch items.RemovalTime(view[i-1]).Compare(items.RemovalTime(view[i])) {
		case -1:
			desc = false
		case 1:
			asc = false
		}
	}
	return orderOf(desc, asc)
}

// listedOrder is removalOrder over every item in index order (the order
// they were listed in), kept up to date as rows are added.
func (r *Rows) listedOrder() int {
	if r.Len() < 2 {
		return -1
	}
	return orderOf(r.desc, r.asc)
}

// orderOf is -1 for newest first, 1 for oldest first, 0 for neither.
func orderOf(desc, asc bool) int {
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
func topFolder(folder []string) string {
	if len(folder) > 0 {
		return folder[0]
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
