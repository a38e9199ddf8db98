package ui

import (
	"cmp"
	"slices"

	"smhbin/api"
)

// sortKey is a column the table can be ordered by. Each maps to an
// order_by value so that, while the listing is still streaming, the server
// can do the sorting (a local sort of half a list would be a lie).
type sortKey int

const (
	sortDeleted sortKey = iota // removalTime
	sortName                   // name
	sortSize                   // size
	sortLeft                   // remainingTime
	numSortKeys
)

// apiField is the order_by value for the key.
func (k sortKey) apiField() string {
	switch k {
	case sortName:
		return api.OrderByName
	case sortSize:
		return api.OrderBySize
	case sortLeft:
		return api.OrderByRemainingTime
	}
	return api.OrderByRemovalTime
}

// sortKeyFor maps an order_by value back to a column (unknown → deleted).
func sortKeyFor(field string) sortKey {
	for k := sortKey(0); k < numSortKeys; k++ {
		if k.apiField() == field {
			return k
		}
	}
	return sortDeleted
}

// compare orders two items by the key, ascending, with the id as a tie
// break so that the order is total and repeatable.
func (k sortKey) compare(a, b *api.Item) int {
	var c int
	switch k {
	case sortName:
		c = cmp.Compare(a.Name, b.Name)
	case sortSize:
		c = cmp.Compare(a.Size, b.Size)
	case sortLeft:
		c = cmp.Compare(a.RemainingDays, b.RemainingDays)
	default:
		c = a.RemovalTime.Compare(b.RemovalTime)
	}
	if c == 0 {
		c = cmp.Compare(a.ID, b.ID)
	}
	return c
}

// sortLocal orders all loaded items by key (descending when desc) and
// recomputes the filtered view. Used once everything is loaded. The
// comparison ends with the id, so the order is total: an unstable sort
// gives the same result as a stable one, at a fraction of the cost.
func (s *store) sortLocal(k sortKey, desc bool) {
	items := s.items
	slices.SortFunc(s.order, func(x, y int32) int {
		c := k.compare(&items[x], &items[y])
		if desc {
			return -c
		}
		return c
	})
	s.refilter()
}
