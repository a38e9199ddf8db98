package bindata

import (
	"math/rand/v2"
	"testing"
)

// TestIDIndexMatchesAMap: random adds, deletions and re-adds of ids from
// small and huge ranges (many sharing a home slot, runs wrapping the
// table's end) find exactly what a map finds.
func TestIDIndexMatchesAMap(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 9))
		var x idIndex
		var rows []Row
		want := map[int64]int32{}
		span := []int64{50, 5000, 1 << 62}[seed%3]
		if seed%4 == 0 {
			x.grow(rows, 3000) // Reserve first, as the browser does
		}
		for step := range 20_000 {
			id := r.Int64N(span) - span/2
			if seed%5 == 0 {
				id <<= 20 // ids that differ only in high bits
			}
			switch idx, ok := x.get(rows, id); {
			case ok != (want[id] != 0) || (ok && idx+1 != want[id]):
				t.Fatalf("seed %d step %d: get(%d) = %d, %v; want %d", seed, step, id, idx, ok, want[id]-1)
			case ok && r.IntN(2) == 0:
				x.del(rows, id)
				delete(want, id)
			case !ok:
				rows = append(rows, Row{ID: id})
				x.put(rows, int32(len(rows)-1))
				want[id] = int32(len(rows))
			}
			if x.n != len(want) {
				t.Fatalf("seed %d step %d: %d entries, want %d", seed, step, x.n, len(want))
			}
		}
		for id, idx := range want {
			if got, ok := x.get(rows, id); !ok || got+1 != idx {
				t.Fatalf("seed %d: id %d lost", seed, id)
			}
		}
	}
}
