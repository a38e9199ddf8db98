package bindata

import (
	"cmp"
	"slices"

	"smhbin/api"
)

// SortKey is a column the table can be ordered by. Each maps to an
// order_by value so that, while the listing is still streaming, the server
// can do the sorting (a local sort of half a list would be a lie).
type SortKey int

const (
	SortDeleted SortKey = iota // removalTime
	SortName                   // name
	SortSize                   // size
	SortLeft                   // remainingTime
	NumSortKeys
)

// APIField is the order_by value for the key.
func (k SortKey) APIField() string {
	switch k {
	case SortName:
		return api.OrderByName
	case SortSize:
		return api.OrderBySize
	case SortLeft:
		return api.OrderByRemainingTime
	}
	return api.OrderByRemovalTime
}

// SortKeyFor maps an order_by value back to a column (unknown → deleted).
func SortKeyFor(field string) SortKey {
	for k := SortKey(0); k < NumSortKeys; k++ {
		if k.APIField() == field {
			return k
		}
	}
	return SortDeleted
}

// compare orders two items by the key, ascending, with the id as a tie
// break so that the order is total and repeatable.
func (k SortKey) compare(r *Rows, x, y int32) int {
	a, b := &r.rows[x], &r.rows[y]
	var c int
	switch k {
	case SortName:
		c = cmp.Compare(a.Name, b.Name)
	case SortSize:
		c = cmp.Compare(a.Size, b.Size)
	case SortLeft:
		c = cmp.Compare(r.RemainingDays(x), r.RemainingDays(y))
	default:
		c = r.RemovalTime(x).Compare(r.RemovalTime(y))
	}
	if c == 0 {
		c = cmp.Compare(a.ID, b.ID)
	}
	return c
}

// SortLocal orders all loaded items by key (descending when desc) and
// recomputes the filtered view. Used once everything is loaded. The order
// is total (the id breaks ties), and descending is exactly the reverse of
// ascending. The keys are packed and radix sorted (see sortkeys.go).
func (s *Store) SortLocal(k SortKey, desc bool) {
	s.order = sortedOrder(&s.tab.Rows, s.order, k, desc)
	s.refilter()
}

// Sorted is a local sort's result, made by a SortJob.
type Sorted struct {
	order   []int32
	members uint64
}

// SortJob snapshots what a local sort by k needs and returns the sort as
// a function that may run on another goroutine (it only reads the items,
// which nothing modifies in place). Install its result with SetOrder.
func (s *Store) SortJob(k SortKey, desc bool) func() Sorted {
	rows, order, members := s.tab.Rows, slices.Clone(s.order), s.members
	return func() Sorted { return Sorted{order: sortedOrder(&rows, order, k, desc), members: members} }
}

// SetOrder installs a SortJob's order and recomputes the view. It refuses
// (false) an order made before items were added or removed.
func (s *Store) SetOrder(r Sorted) bool {
	if r.members != s.members || len(r.order) != len(s.order) {
		return false
	}
	s.order = r.order
	s.refilter()
	return true
}
