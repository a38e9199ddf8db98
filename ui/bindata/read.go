package bindata

import "smhbin/api"

// The read API: what the UI draws and tests check, without reaching into
// the store's fields. Slices returned are the store's own and must not be
// modified; they stay valid until the next call that changes the store.

// Items is every loaded item's compact row, by index: its id, size, name
// and authority at the cost of an index.
func (s *Store) Items() []Row { return s.tab.rows }

// Rows is a snapshot of the loaded items for the grouped views, the
// export and sorts off the Update goroutine; it stays valid as pages
// arrive.
func (s *Store) Rows() Rows { return s.tab.Rows }

// Item is the item at index idx, rebuilt exactly as it was added, for
// the few readers that need the whole item (visible rows, the details
// pane, dialogs); it must not be modified. The last few rebuilt are kept,
// since a frame asks again for the rows it draws. Prefer Items or Rows in
// loops over many items.
func (s *Store) Item(idx int32) *api.Item {
	c := &s.built[idx%int32(len(s.built))]
	if c.idx != idx+1 {
		it := s.tab.Item(idx)
		c.idx, c.it = idx+1, &it
	}
	return c.it
}

// Len is the number of loaded items (deleted ones left the list).
func (s *Store) Len() int { return len(s.order) }

// Order is the display order of every item (sorted, unfiltered).
func (s *Store) Order() []int32 { return s.order }

// View is the display order narrowed by the filters: the table's rows.
func (s *Store) View() []int32 { return s.view }

// Index is the index of the item with id, if it is loaded.
func (s *Store) Index(id int64) (int32, bool) {
	idx, ok := s.byID.get(s.tab.rows, id)
	return idx, ok
}

// Query is the lower-cased filter query ("" when none).
func (s *Store) Query() string { return s.query }

// MarkCount is the number of marked items.
func (s *Store) MarkCount() int { return s.markCount }

// MarkBytes is the total size of the marked items.
func (s *Store) MarkBytes() uint64 { return s.markBytes }

// MarkSoon is the number of marked items with at most UrgentDays left.
func (s *Store) MarkSoon() int { return s.markSoon }

// Gen changes whenever the view may have changed.
func (s *Store) Gen() uint64 { return s.gen }

// Shape changes whenever the view changes other than by rows appended
// at its end: while it holds, a grouping can take just the new rows.
func (s *Store) Shape() uint64 { return s.shape }

// MarkGen changes whenever a mark does.
func (s *Store) MarkGen() uint64 { return s.markGen }

// Version is item idx's version: it changes whenever the item's mark
// changes or Touch is called for it, and is never reused.
func (s *Store) Version(idx int32) uint32 { return s.ver[idx] }

// Touch gives item idx a new version: its restore state changed.
func (s *Store) Touch(idx int32) {
	s.clock++
	s.ver[idx] = s.clock
}

// Marked reports whether item idx is marked.
func (s *Store) Marked(idx int32) bool {
	return s.marks[idx/64]&(1<<(uint(idx)%64)) != 0
}

// MarkedInOrder is the marked items' indexes in display order.
func (s *Store) MarkedInOrder() []int32 {
	out := make([]int32, 0, s.markCount)
	for _, idx := range s.order {
		if s.Marked(idx) {
			out = append(out, idx)
		}
	}
	return out
}
