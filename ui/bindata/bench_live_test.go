package bindata

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/ui/internal/seed"
)

// scaled is n items newest first: the seeded 100k repeated with fresh ids
// and ever older removal times (a gap of an hour between copies), so the
// grouped views see as many batches and folders as a bin of n would.
func scaled(b *testing.B, n, from int) []api.Item {
	src := seed.Items100k(b)
	span := src[0].RemovalTime.Sub(src[len(src)-1].RemovalTime) + time.Hour
	out := make([]api.Item, n)
	for i := range out {
		k := from + i
		it := src[k%len(src)]
		r := k / len(src)
		it.ID += int64(r) << 32
		it.RemovalTime = it.RemovalTime.Add(-time.Duration(r) * span)
		out[i] = it
	}
	return out
}

// BenchmarkGroupPage1M adds pages of 1000 items to a store of 1M items
// with a grouped view open and brings the view up to date, as the browser
// does for each page that arrives: "table" is the store alone, "batches"
// and "folders" the views kept up to date page by page, and the
// "_rebuild" rows regroup everything per page (what a page cost before).
// Target: ≤ 16 ms per page.
func BenchmarkGroupPage1M(b *testing.B) {
	const base, page = 1_000_000, 1000
	first := scaled(b, base, 0)
	markable := func(int32) bool { return true }
	for _, view := range []string{"table", "batches", "folders", "batches_rebuild", "folders_rebuild"} {
		b.Run(view, func(b *testing.B) {
			s := New()
			s.Add(first)
			var lb LiveBatches
			var lf LiveFolders
			group := func() {
				switch view {
				case "batches":
					lb.Tree(s.Rows(), s.View(), s.Shape(), time.Minute, markable, 3)
				case "folders":
					lf.Tree(s.Rows(), s.View(), s.Shape(), markable, 3)
				case "batches_rebuild":
					batchTree(s.Rows(), s.View(), time.Minute, markable, 3)
				case "folders_rebuild":
					folderTree(s.Rows(), s.View(), markable, 3)
				}
			}
			group()
			next := base
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				p := scaled(b, page, next)
				next += page
				b.StartTimer()
				s.Add(p)
				group()
			}
		})
	}
}

// BenchmarkLoad1M loads 1M items in pages of 1000 (the work the browser
// does per page, without the network) with the table, the batches or the
// folders open. Target: with a grouped view open, loading takes at most
// 1.2× the time with the table open, which the network time (at least
// 1000 round trips) only makes easier.
func BenchmarkLoad1M(b *testing.B) {
	const n, page = 1_000_000, 1000
	all := scaled(b, n, 0)
	markable := func(int32) bool { return true }
	for _, view := range []string{"table", "batches", "folders"} {
		b.Run(view, func(b *testing.B) {
			for b.Loop() {
				s := New()
				s.Reserve(n)
				var lb LiveBatches
				var lf LiveFolders
				for p := 0; p < n; p += page {
					s.Add(all[p : p+page])
					switch view {
					case "batches":
						lb.Tree(s.Rows(), s.View(), s.Shape(), time.Minute, markable, 3)
					case "folders":
						lf.Tree(s.Rows(), s.View(), s.Shape(), markable, 3)
					}
				}
				if s.Len() != n {
					b.Fatal(fmt.Sprint("loaded ", s.Len()))
				}
			}
		})
	}
}

// BenchmarkSort1M sorts 1M loaded items by each key, with packed keys
// (SortLocal) and, for reference in the same run, by comparing the items
// as SortLocal did before. Target: the `s` key answers within 100 ms.
func BenchmarkSort1M(b *testing.B) {
	s := New()
	s.Add(scaled(b, 1_000_000, 0))
	for _, k := range []SortKey{SortDeleted, SortName, SortSize, SortLeft} {
		// Each sort starts from a shuffled order: a sorted one would
		// flatter the comparison sort, which is linear on sorted input.
		shuffle := func(b *testing.B) {
			b.StopTimer()
			r := rand.New(rand.NewPCG(1, 2))
			r.Shuffle(len(s.order), func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
			b.StartTimer()
		}
		b.Run(fmt.Sprintf("packed/%s", k.APIField()), func(b *testing.B) {
			for b.Loop() {
				shuffle(b)
				s.SortLocal(k, false)
			}
		})
		b.Run(fmt.Sprintf("compare/%s", k.APIField()), func(b *testing.B) {
			rows := s.Rows()
			for b.Loop() {
				shuffle(b)
				slices.SortFunc(s.order, func(x, y int32) int { return k.compare(&rows, x, y) })
				s.refilter()
			}
		})
	}
}
