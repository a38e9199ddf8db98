package bindata

import (
	"math/bits"
	"time"

	"smhbin/api"
	"smhbin/query"
)

// Store holds every loaded item once, plus the derived orderings the table
// shows. Items are addressed by their index in items (int32 keeps the
// ordering slices small at 100k items); nothing here touches the terminal.
type Store struct {
	tab table // the items, as compact rows (rows.go)
	// built holds items rebuilt by Item, by index modulo its size (an
	// item never changes once added, and Reset starts a new store).
	built [128]struct {
		idx int32 // index + 1; 0 is empty
		it  *api.Item
	}
	byID idIndex // recycledItemId → index, for restore events and dedup

	order []int32 // display order (server order while streaming, or locally sorted)
	view  []int32 // order narrowed by the filter query
	query string  // canonical text of the filter query; "" shows everything

	qx queryState // the parsed query and a match-ready item per item (query.go)

	marks     []uint64 // bitset over item indexes
	markCount int
	markBytes uint64
	markSoon  int // marked items with at most UrgentDays left, for the status warning

	// expiring narrows the view to items with at most expDays left, ordered
	// by days left (see expiring.go); order itself is left alone.
	expiring bool
	expDays  int64

	// gen changes whenever view may have changed, markGen whenever a mark
	// did: the grouped views rebuild or recount only when theirs is stale.
	gen, markGen uint64

	// shape changes whenever view changes other than by appending (a
	// filter, a sort, a reset, the expiring order), so the grouped views
	// can add a page of rows instead of regrouping everything.
	shape uint64
	// members changes whenever the set of listed items does, so that a
	// sort made off the Update goroutine is not installed over another set.
	members uint64

	// sticky remembers marks by id across reloads and re-lists, so a
	// refresh or a sort change never loses a selection.
	sticky map[int64]struct{}

	// ver is a version per item, taken from clock when the item is added
	// and again whenever its mark or restore state changes, so a drawn
	// row keyed by it is never stale. clock survives Reset: an index
	// reused by a reload never meets a version it had before.
	ver   []uint32
	clock uint32
}

// New returns an empty store.
func New() *Store {
	return &Store{}
}

// Add appends a page of items, dropping ids already loaded (a page boundary
// can shift when the bin changes between requests). It returns how many were new.
func (s *Store) Add(items []api.Item) int {
	n := 0
	names := newPageNames(items)
	for i := range items {
		it := &items[i]
		name := names.next(it)
		if _, dup := s.Index(it.ID); dup {
			continue
		}
		idx := int32(len(s.tab.rows))
		s.tab.add(it, name)
		s.addQueryItem(it)
		s.clock++
		s.ver = append(s.ver, s.clock)
		s.byID.put(s.tab.rows, idx)
		s.order = append(s.order, idx)
		if _, ok := s.sticky[it.ID]; ok {
			// The id's mark is now held by the bitset (or dropped, for an
			// item that can no longer be restored). Before matching:
			// marked: reads it.
			delete(s.sticky, it.ID)
			s.SetMark(idx, true)
		}
		if s.match(idx) {
			s.view = append(s.view, idx)
		}
		n++
	}
	if need := (len(s.tab.rows) + 63) / 64; need > len(s.marks) {
		s.marks = append(s.marks, make([]uint64, need-len(s.marks))...)
	}
	if n > 0 {
		s.gen++
		s.members++
		if s.expiring {
			s.shape++
			s.sortExpiring()
		}
	}
	return n
}

// Reserve sizes the Store for n items up front (the server's totalNum),
// so that loading 100k items does not leave slices with up to twice the
// capacity they need. n is capped: totalNum is a hint from the network.
func (s *Store) Reserve(n int) {
	if min(n, maxRoom) > cap(s.tab.rows) {
		s.Adopt(NewRoom(n, s.qx.items.TextPerItem()))
	}
}

// maxRoom caps a Room: totalNum is a hint from the network.
const maxRoom = 1 << 21

// Room is memory for a store of a known size (a listing's totalNum):
// every per-item array, made ahead of time by NewRoom and taken by
// Store.Adopt. At a million items it is some 200 MB, and zeroing that
// (when the heap hands out memory an earlier listing freed) took 60 ms,
// so the browser makes it off the Update goroutine.
type Room struct {
	rows        []Row
	order, view []int32
	ver         []uint32
	slots       []int32
	marks       []uint64
	qx          query.Room
}

// NewRoom allocates room for n items (capped) whose lower-cased names
// take about perName bytes each (Store.NamePerItem). It touches no store,
// so it may run on any goroutine.
func NewRoom(n, perName int) Room {
	n = max(min(n, maxRoom), 0)
	return Room{
		rows: make([]Row, 0, n), order: make([]int32, 0, n), view: make([]int32, 0, n),
		ver: make([]uint32, 0, n), slots: make([]int32, slotsFor(n)), marks: make([]uint64, 0, (n+63)/64),
		qx: query.NewRoom(n, n*perName),
	}
}

// NamePerItem is what NewRoom should assume a name takes, from the names
// loaded so far.
func (s *Store) NamePerItem() int { return s.qx.items.TextPerItem() }

// Adopt moves the store into r's arrays, copying the items loaded so far,
// when r has room for more than the store does (a room made before a
// reset, or outgrown meanwhile, is dropped).
func (s *Store) Adopt(r Room) {
	if cap(r.rows) <= cap(s.tab.rows) {
		return
	}
	s.tab.rows = append(r.rows[:0], s.tab.rows...)
	s.order = append(r.order[:0], s.order...)
	s.ver = append(r.ver[:0], s.ver...)
	if s.query == "" && !s.expiring {
		s.view = append(r.view[:0], s.view...) // it will be order's copy
	}
	if len(r.slots) > len(s.byID.slots) {
		s.byID.adopt(s.tab.rows, r.slots)
	}
	if cap(r.marks) > cap(s.marks) {
		s.marks = append(r.marks[:0], s.marks...)
	}
	s.qx.items.Adopt(r.qx)
}

// Reset drops all items but keeps the marks (by id) for when they return:
// both the loaded marked items and the ids still waiting from an earlier
// reset, so a second reload or re-sort before every page is back loses none.
func (s *Store) Reset() {
	sticky := make(map[int64]struct{}, s.markCount+len(s.sticky))
	for id := range s.sticky {
		sticky[id] = struct{}{}
	}
	for w, word := range s.marks {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			sticky[s.tab.rows[w*64+b].ID] = struct{}{}
		}
	}
	*s = Store{sticky: sticky, query: s.query, qx: s.qx.reset(),
		expiring: s.expiring, expDays: s.expDays, gen: s.gen + 1, markGen: s.markGen + 1, clock: s.clock, shape: s.shape + 1,
		members: s.members + 1}
}

// SetFilter parses q in the filter language and narrows the view to its
// matches (see SetQuery); text that does not parse leaves the view alone
// and returns the error.
func (s *Store) SetFilter(q string) error {
	pq, err := query.Parse(q)
	if err != nil {
		return err
	}
	s.SetQuery(pq, time.Now())
	return nil
}

// match reports whether item idx belongs in the view: it passes the query
// and, while the expiring filter is on, it expires soon enough.
func (s *Store) match(idx int32) bool {
	return s.matchQuery(idx) &&
		(!s.expiring || s.tab.RemainingDays(idx) <= s.expDays)
}

// refilter recomputes the view from order (after a sort).
func (s *Store) refilter() {
	s.rescan(s.order)
}

// SetMark marks or unmarks one item, keeping the count and byte total
// exact. Unrestorable items can never be marked.
func (s *Store) SetMark(idx int32, on bool) bool {
	w := &s.tab.rows[idx]
	if on && !w.Restorable() {
		return false
	}
	if int(idx/64) >= len(s.marks) {
		s.marks = append(s.marks, make([]uint64, int(idx/64)+1-len(s.marks))...)
	}
	if s.Marked(idx) == on {
		return false
	}
	s.marks[idx/64] ^= 1 << (uint(idx) % 64)
	s.setQueryMark(idx, on)
	s.markGen++
	s.Touch(idx)
	soon := 0
	if s.tab.RemainingDays(idx) <= UrgentDays {
		soon = 1
	}
	if on {
		s.markCount++
		s.markBytes += w.Size
		s.markSoon += soon
	} else {
		s.markCount--
		s.markBytes -= w.Size
		s.markSoon -= soon
	}
	return true
}

// MarkView applies f to every item in the view (mark all / invert),
// marking only items can allows; unmarking is always allowed.
func (s *Store) MarkView(f func(marked bool) bool, can func(int32) bool) {
	for _, idx := range s.view {
		on := f(s.Marked(idx))
		if on && !can(idx) {
			continue
		}
		s.SetMark(idx, on)
	}
}

// ClearMarks unmarks everything, including marks remembered across reloads.
func (s *Store) ClearMarks() {
	for w, word := range s.marks {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			s.Touch(int32(w*64 + b))
			s.setQueryMark(int32(w*64+b), false)
		}
	}
	clear(s.marks)
	s.markCount, s.markBytes, s.markSoon = 0, 0, 0
	s.markGen++
	s.sticky = nil
}

// ForgetMark drops id's mark whether or not the item is loaded: a
// restored item must not come back marked from a stale page.
func (s *Store) ForgetMark(id int64) {
	delete(s.sticky, id)
	if idx, ok := s.Index(id); ok {
		s.SetMark(idx, false)
	}
}

// PendingMarks is the number of marks kept by id for items not loaded
// (yet): they are not counted by MarkCount and no restore sends them.
func (s *Store) PendingMarks() int { return len(s.sticky) }

// MarkedIDs returns the marked items' ids in display order.
func (s *Store) MarkedIDs() []int64 {
	ids := make([]int64, 0, s.markCount)
	for _, idx := range s.order {
		if s.Marked(idx) {
			ids = append(ids, s.tab.rows[idx].ID)
		}
	}
	return ids
}
