package query

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchItems builds a Table of n synthetic items with realistic paths
// (ASCII and CJK folders, camera names, documents) and spread sizes and
// ages.
func benchItems(n int, now time.Time) *Table {
	r := rand.New(rand.NewPCG(1, 2))
	dirs := []string{"projects/2026/design", "设计/终稿", "Team Drive/Q3 reports", "照片/2026/假期", "tmp", ""}
	exts := []string{"jpg", "png", "pdf", "docx", "mp4", "mp3", "zip", "txt"}
	var t Table
	for i := range n {
		name := fmt.Sprintf("IMG_%d.%s", r.IntN(100000), exts[r.IntN(len(exts))])
		if i%3 == 0 {
			name = fmt.Sprintf("季度报告 v%d.%s", r.IntN(50), exts[r.IntN(len(exts))])
		}
		f := Fields{Name: name, Type: "file", Size: uint64(r.ExpFloat64() * 4e6),
			Removed: now.Add(-time.Duration(r.IntN(30*24*60)) * time.Minute), Left: int64(r.IntN(30)), Restorable: true}
		if d := dirs[r.IntN(len(dirs))]; d != "" {
			f.Path = []string{d, name}
		}
		t.AddFields(f)
	}
	return &t
}

// BenchmarkFilterKeystroke times what one keystroke in the filter prompt
// costs: parse the text, bind it to the clock, and scan every item into
// the view's index slice (Table.Filter from every item, as when no
// earlier result can be narrowed). "img" matches most items: the worst
// case for a plain word.
func BenchmarkFilterKeystroke(b *testing.B) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{100_000, 1_000_000} {
		items := benchItems(n, now)
		all := make([]int32, n)
		for i := range all {
			all[i] = int32(i)
		}
		view := make([]int32, 0, n)
		for _, text := range []string{"img_27", "img", "type:image size:>1MB deleted:<7d"} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, text), func(b *testing.B) {
				b.ReportAllocs()
				hits := 0
				for b.Loop() {
					q, err := Parse(text)
					if err != nil {
						b.Fatal(err)
					}
					m := q.At(now)
					view = items.Filter(m, all, view[:0])
					hits = len(view)
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}
