package bindata

import (
	"cmp"
	"slices"
)

// UrgentDays is the days-left threshold of the warning about marked
// items: anything at or below it may be gone before tomorrow.
const UrgentDays = 1

// SetExpiring turns the expiring filter on or off. The filter only narrows
// and re-orders the view; the order keeps the listing's sort, so turning it
// off gives back exactly the order the user had.
func (s *Store) SetExpiring(on bool, days int64) {
	s.expiring, s.expDays = on, days
	s.refilter()
}

// Expiring reports whether the expiring filter is on.
func (s *Store) Expiring() bool { return s.expiring }

// sortExpiring orders the view by days left, soonest first, then by id,
// while the expiring filter is on. The view holds few items then, and a
// page that adds some to an already ordered view is cheap to re-sort.
func (s *Store) sortExpiring() {
	if !s.expiring {
		return
	}
	r := &s.tab.Rows
	slices.SortFunc(s.view, func(x, y int32) int {
		if c := cmp.Compare(r.RemainingDays(x), r.RemainingDays(y)); c != 0 {
			return c
		}
		return cmp.Compare(r.rows[x].ID, r.rows[y].ID)
	})
}
