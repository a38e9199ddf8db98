package bindata

import (
	"fmt"
	"testing"

	"smhbin/ui/internal/seed"
)

// BenchmarkStoreFilter is the data side of a filter keystroke over the
// seeded bin at 100k and 1M items: each op sets a query on a store that
// shows everything (a full scan: nothing to narrow) and clears it again,
// the two keystrokes of typing a character and deleting it. "s" is a
// plain word most items hold; "img_2" a rarer one; the third query has
// three qualifiers. Targets per keystroke: < 8 ms at 100k, < 60 ms at 1M.
// cpu-ms/op is the CPU time per op, which on a shared machine is the
// fairer figure: ns/op also counts the time spent waiting for a core.
func BenchmarkStoreFilter(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) { benchStoreFilter(b, n) })
	}
}

func benchStoreFilter(b *testing.B, n int) {
	s := New()
	if n == 100_000 {
		s.Add(seed.Items100k(b))
	} else {
		s.Add(scaled(b, n, 0))
	}
	for _, text := range []string{"s", "img_2", "type:image deleted:<30d size:>1MB"} {
		b.Run(text, func(b *testing.B) {
			b.ReportAllocs()
			hits := 0
			cpu := cpuTime()
			for b.Loop() {
				if err := s.SetFilter(text); err != nil {
					b.Fatal(err)
				}
				hits = len(s.View())
				if err := s.SetFilter(""); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(hits), "hits")
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
