package bindata

import "slices"

// Remove takes the items with the given ids out of the list for good (they
// were deleted from the bin): out of the order, the view and the marks, so
// the table and every grouped view built from the view lose them at once.
// Their slots in items stay, so other indexes keep their meaning; Add can
// bring an id back should a later page list it again. It returns how many
// of the ids were loaded.
func (s *Store) Remove(ids []int64) int {
	gone := make(map[int32]struct{}, len(ids))
	for _, id := range ids {
		idx, ok := s.Index(id)
		if !ok {
			continue
		}
		s.SetMark(idx, false)
		s.byID.del(s.tab.rows, id)
		delete(s.sticky, id)
		gone[idx] = struct{}{}
	}
	if len(gone) == 0 {
		return 0
	}
	drop := func(idx int32) bool { _, ok := gone[idx]; return ok }
	s.order = slices.DeleteFunc(s.order, drop)
	s.view = slices.DeleteFunc(s.view, drop)
	s.gen++
	s.shape++   // rows left the middle of the view
	s.members++ // a sort made before no longer covers the list
	return len(gone)
}
