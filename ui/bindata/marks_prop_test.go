package bindata

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"smhbin/api"
)

// TestMarksSurviveAnyInterleaving drives random interleavings of page
// arrivals, reloads, server re-sorts, local sorts, filters, marks, clears
// and restores, and checks after every step that the marks are exactly the
// ones the user set (by id, whatever the timing) and that the count shown
// equals what a restore of the marks would send.
func TestMarksSurviveAnyInterleaving(t *testing.T) {
	for seed := range uint64(120) {
		runMarksScenario(t, seed)
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

func runMarksScenario(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, seed*7+1))
	// The bin: 120 items, every 9th not restorable.
	bin := map[int64]api.Item{}
	for id := int64(1); id <= 120; id++ {
		it := api.Item{ID: id, Name: "f" + strconv.FormatInt(id, 10), OriginalPath: []string{[]string{"a", "b", "c"}[id%3], "f"},
			Size: uint64(id * 3), RemainingDays: id % 40}
		if id%9 == 0 {
			it.HasAuthority = true
		}
		bin[id] = it
	}
	s := New()
	want := map[int64]bool{} // the user's marks, by id
	var listing []int64      // the current listing's order; pages are cut from it
	next := 0
	relist := func() {
		s.Reset()
		listing = listing[:0]
		for id := range int64(121) {
			if _, ok := bin[id]; ok {
				listing = append(listing, id)
			}
		}
		r.Shuffle(len(listing), func(i, j int) { listing[i], listing[j] = listing[j], listing[i] })
		next = 0
	}
	relist()
	for step := range 200 {
		switch op := r.IntN(10); {
		case op < 3: // a page arrives (sometimes overlapping the last one)
			from := max(0, next-r.IntN(3))
			to := min(len(listing), next+1+r.IntN(25))
			var page []api.Item
			for _, id := range listing[from:to] {
				if it, ok := bin[id]; ok { // restored items are gone from the bin
					page = append(page, it)
				}
			}
			s.Add(page)
			next = to
		case op == 3: // reload or server-side re-sort
			relist()
		case op == 4:
			s.SortLocal(SortKey(r.IntN(int(NumSortKeys))), r.IntN(2) == 0)
		case op == 5:
			s.SetFilter([]string{"", "a", "b/", "f1"}[r.IntN(4)])
		case op < 8: // mark or unmark a row in view
			if v := s.View(); len(v) > 0 {
				idx := v[r.IntN(len(v))]
				on := r.IntN(3) != 0
				if _, inBin := bin[s.Item(idx).ID]; on && !inBin {
					break // a restored row stays until a reload, unmarkable (see ui's markable)
				}
				s.SetMark(idx, on)
				it := s.Item(idx)
				if on && it.Restorable() {
					want[it.ID] = true
				} else if !on {
					delete(want, it.ID)
				}
			}
		case op == 8: // a restore settles some marked items: they leave the bin
			for _, id := range s.MarkedIDs() {
				if r.IntN(2) == 0 {
					s.ForgetMark(id)
					delete(want, id)
					delete(bin, id)
				}
			}
		default:
			if r.IntN(4) == 0 {
				s.ClearMarks()
				clear(want)
			}
		}
		checkMarks(t, s, want, step)
		if t.Failed() {
			return
		}
	}
	// Once every page is in, every mark the user set is back.
	for ; next < len(listing); next++ {
		if it, ok := bin[listing[next]]; ok {
			s.Add([]api.Item{it})
		}
	}
	if s.MarkCount() != len(want) || s.PendingMarks() != 0 {
		t.Errorf("all loaded: %d marked, %d pending; want %d", s.MarkCount(), s.PendingMarks(), len(want))
	}
}

func checkMarks(t *testing.T, s *Store, want map[int64]bool, step int) {
	t.Helper()
	ids := s.MarkedIDs()
	if len(ids) != s.MarkCount() || len(s.MarkedInOrder()) != s.MarkCount() {
		t.Errorf("step %d: count %d, but a restore would send %d", step, s.MarkCount(), len(ids))
	}
	var bytes uint64
	for _, id := range ids {
		if !want[id] {
			t.Errorf("step %d: id %d marked, the user did not mark it", step, id)
		}
		idx, _ := s.Index(id)
		bytes += s.Item(idx).Size
	}
	if bytes != s.MarkBytes() {
		t.Errorf("step %d: size %d, marked items total %d", step, s.MarkBytes(), bytes)
	}
	loaded := 0
	for id := range want {
		if _, ok := s.Index(id); ok {
			loaded++
		}
	}
	if loaded != len(ids) {
		t.Errorf("step %d: %d loaded items are marked by the user, %d show a mark", step, loaded, len(ids))
	}
	if s.MarkCount()+s.PendingMarks() != len(want) {
		t.Errorf("step %d: %d marked + %d pending, the user marked %d", step, s.MarkCount(), s.PendingMarks(), len(want))
	}
}
