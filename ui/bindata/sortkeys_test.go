package bindata

import (
	"slices"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/ui/internal/seed"
)

// TestPackedSortMatchesCompare: the radix sort of packed keys gives the
// order of comparing items by key then id, for every key both ways,
// including names equal for 16 bytes and more, names that differ only
// by a trailing NUL, zero and pre-1970 times, negative days and ids
// beyond 2^53.
func TestPackedSortMatchesCompare(t *testing.T) {
	items := slices.Clone(seed.Items(t, 3000))
	long := "0123456789abcdef-same-prefix-"
	odd := []api.Item{
		{ID: 1 << 60, Name: long + "b", Size: 1 << 40, RemainingDays: -3},
		{ID: 1<<60 + 1, Name: long + "a", Size: 1 << 40},
		{ID: 5, Name: long + "a", RemovalTime: time.Date(1960, 1, 1, 0, 0, 0, 7, time.UTC)},
		{ID: -4, Name: "a\x00"},
		{ID: 3, Name: "a"},
		{ID: 2, Name: ""},
		{ID: 1<<62 + 9007199254740993, Name: "a", RemovalTime: time.Date(1960, 1, 1, 0, 0, 0, 6, time.UTC)},
	}
	items = append(items, odd...)
	rows := RowsOf(items)
	order := make([]int32, len(items))
	for i := range order {
		order[i] = int32(len(items) - 1 - i)
	}
	for k := SortKey(0); k < NumSortKeys; k++ {
		for _, desc := range []bool{false, true} {
			want := slices.Clone(order)
			slices.SortFunc(want, func(x, y int32) int {
				c := k.compare(&rows, x, y)
				if desc {
					return -c
				}
				return c
			})
			got := sortedOrder(&rows, slices.Clone(order), k, desc)
			if !slices.Equal(got, want) {
				i := 0
				for got[i] == want[i] {
					i++
				}
				t.Fatalf("key %d desc %v: packed sort differs from comparing items at %d: %+v, want %+v", k, desc, i, items[got[i]], items[want[i]])
			}
		}
	}
}
