package bindata

// BatchRoom is memory for the live batches of a listing of a known size,
// made ahead of time off the Update goroutine and taken by
// LiveBatches.Adopt, as Room is for the store: at a million items it is
// some 20 MB, whose allocation on the Update goroutine held up a page
// for 30 ms.
type BatchRoom struct {
	batchOf, flat, first, kids []int32
	nodes                      []Node
	prefix                     [][]string
	deepest                    []int
}

// NewBatchRoom allocates room for n items in about batches batches (see
// LiveBatches.Projected). It may run on any goroutine.
func NewBatchRoom(n, batches int) BatchRoom {
	n, batches = max(min(n, maxRoom), 0), max(min(batches, maxRoom), 0)
	return BatchRoom{
		batchOf: make([]int32, 0, n), flat: make([]int32, 0, n),
		first: make([]int32, 0, batches), kids: make([]int32, 0, batches), nodes: make([]Node, 0, batches),
		prefix: make([][]string, 0, batches), deepest: make([]int, 0, batches),
	}
}

// Projected is how many batches a listing of n items will likely have,
// from their proportion among the items seen so far, with an eighth
// more; 0 before any.
func (l *LiveBatches) Projected(n, seen int) int {
	if seen <= 0 || len(l.nodes) == 0 {
		return 0
	}
	p := len(l.nodes) * max(min(n, maxRoom), 0) / seen // n may be any totalNum
	return p + p/8
}

// Adopt moves the batches into r's arrays where they are larger, copying
// what they hold. Batches not built yet (or reset) are left to size
// themselves at their first build.
func (l *LiveBatches) Adopt(r BatchRoom) {
	if len(l.nodes) == 0 {
		return
	}
	if cap(r.batchOf) > cap(l.batchOf) {
		l.batchOf = append(r.batchOf[:0], l.batchOf...)
	}
	if cap(r.flat) > cap(l.flat) {
		l.flat = append(r.flat[:0], l.flat...)
	}
	if cap(r.nodes) > cap(l.nodes) {
		l.nodes = append(r.nodes[:0], l.nodes...)
		l.nodes[0].Kids = append(r.kids[:0], l.nodes[0].Kids...)
		l.first = append(r.first[:0], l.first...)
		l.prefix = append(r.prefix[:0], l.prefix...)
		l.deepest = append(r.deepest[:0], l.deepest...)
	}
}

// FolderRoom is memory for the live folders of a listing of a known size
// (their item order), as BatchRoom is for the batches.
type FolderRoom struct{ flat []int32 }

// NewFolderRoom allocates room for n items. It may run on any goroutine.
func NewFolderRoom(n int) FolderRoom {
	return FolderRoom{flat: make([]int32, 0, max(min(n, maxRoom), 0))}
}

// Adopt moves the folders' item order into r where it is larger.
func (l *LiveFolders) Adopt(r FolderRoom) {
	if len(l.nodes) > 0 && cap(r.flat) > cap(l.flat) {
		l.flat = append(r.flat[:0], l.flat...)
	}
}
