package preview

import (
	"slices"
	"testing"
	"time"
)

// sim drives a Policy the way the UI will: a cursor move calls Want (0
// for a cached row), a Wait schedules a Tick, a Fetch schedules its Done
// after the fetch's latency, and an accepted result is cached.
type sim struct {
	t        *testing.T
	p        *Policy
	latency  time.Duration
	events   []event
	cache    map[int64]bool
	fetched  []int64 // ids fetched, in order
	accepted []int64
	dropped  int
	flying   int
	maxFly   int
}

type event struct {
	at   time.Time
	kind int // 0 move, 1 tick, 2 done
	id   int64
	gen  uint64
}

var t0 = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func newSim(t *testing.T, debounce, latency time.Duration) *sim {
	return &sim{t: t, p: New(debounce), latency: latency, cache: map[int64]bool{}}
}

func (s *sim) move(at time.Duration, id int64) {
	s.events = append(s.events, event{at: t0.Add(at), kind: 0, id: id})
}

func (s *sim) handle(d Decision, now time.Time) {
	switch d.Action {
	case Wait:
		if d.After > 0 {
			s.events = append(s.events, event{at: now.Add(d.After), kind: 1})
		}
	case Fetch:
		s.fetched = append(s.fetched, d.ID)
		s.flying++
		s.maxFly = max(s.maxFly, s.flying)
		s.events = append(s.events, event{at: now.Add(s.latency), kind: 2, id: d.ID, gen: d.Gen})
	}
}

// run processes every event in time order (moves before timers at the
// same instant, as a key press would be read first).
func (s *sim) run() {
	cursor := int64(0)
	for len(s.events) > 0 {
		slices.SortStableFunc(s.events, func(a, b event) int { return a.at.Compare(b.at) })
		e := s.events[0]
		s.events = s.events[1:]
		switch e.kind {
		case 0:
			cursor = e.id
			id := cursor
			if s.cache[id] {
				id = 0
			}
			s.handle(s.p.Want(id, e.at), e.at)
		case 1:
			s.handle(s.p.Tick(e.at), e.at)
		case 2:
			s.flying--
			ok, next := s.p.Done(e.gen, e.at)
			if ok {
				if e.id != cursor {
					s.t.Errorf("accepted %d while the cursor is on %d", e.id, cursor)
				}
				s.cache[e.id] = true
				s.accepted = append(s.accepted, e.id)
			} else {
				s.dropped++
			}
			s.handle(next, e.at)
		}
	}
}

// Holding a key through 100 image rows (a repeat every 30 ms) fetches
// only the row the cursor stops on.
func TestFastScrollFetchesOnce(t *testing.T) {
	s := newSim(t, DefaultDebounce, 300*time.Millisecond)
	for i := range 100 {
		s.move(time.Duration(i)*30*time.Millisecond, int64(1000+i))
	}
	s.run()
	if len(s.fetched) != 1 || s.fetched[0] != 1099 || len(s.accepted) != 1 {
		t.Errorf("fetched %v, accepted %v", s.fetched, s.accepted)
	}
	t.Logf("100 rows at 30 ms: %d fetch(es)", s.p.Started())
}

// Slower, uneven scrolling (pauses just past the debounce now and then)
// still sends few requests, never two at once, and drops the results of
// rows the cursor left.
func TestUnevenScrollFewFetchesOneInFlight(t *testing.T) {
	s := newSim(t, DefaultDebounce, 400*time.Millisecond)
	at := time.Duration(0)
	for i := range 100 {
		s.move(at, int64(1000+i))
		step := 40 * time.Millisecond
		if i%25 == 24 {
			step = 200 * time.Millisecond // a pause past the debounce
		}
		at += step
	}
	s.run()
	if s.maxFly > 1 {
		t.Errorf("%d fetches in flight at once", s.maxFly)
	}
	if n := len(s.fetched); n > 5 {
		t.Errorf("%d fetches: %v", n, s.fetched)
	}
	if last := s.accepted[len(s.accepted)-1]; last != 1099 {
		t.Errorf("last accepted %d, want the row the cursor stopped on", last)
	}
	if s.dropped == 0 {
		t.Error("no result was dropped although the cursor left its row")
	}
	t.Logf("100 rows with pauses: %d fetches, %d dropped, %d accepted", len(s.fetched), s.dropped, len(s.accepted))
}

// Coming back to a cached row fetches nothing; coming back to the row
// being fetched accepts that fetch's result.
func TestCacheAndReturn(t *testing.T) {
	s := newSim(t, DefaultDebounce, 300*time.Millisecond)
	s.move(0, 1)
	s.move(time.Second, 2)
	s.move(2*time.Second, 1) // cached
	s.move(3*time.Second, 3) // fetch starts at 3.15 s
	s.move(3200*time.Millisecond, 4)
	s.move(3300*time.Millisecond, 3) // back before the result arrives
	s.run()
	if want := []int64{1, 2, 3}; !slices.Equal(s.fetched, want) || !slices.Equal(s.accepted, want) {
		t.Errorf("fetched %v accepted %v, want %v", s.fetched, s.accepted, want)
	}
}

func TestDoneStaleGeneration(t *testing.T) {
	p := New(0)
	d := p.Want(7, t0.Add(time.Second))
	if d.Action != Wait || d.After != DefaultDebounce {
		t.Fatalf("first Want: %+v", d)
	}
	d = p.Tick(t0.Add(time.Second + DefaultDebounce))
	if d.Action != Fetch || d.ID != 7 || d.Gen != 1 {
		t.Fatalf("Tick: %+v", d)
	}
	if ok, _ := p.Done(99, t0.Add(2*time.Second)); ok {
		t.Error("an unknown generation was accepted")
	}
	if ok, next := p.Done(1, t0.Add(2*time.Second)); !ok || next.Action != Idle {
		t.Errorf("Done(1) = %v, %+v", ok, next)
	}
	if ok, _ := p.Done(1, t0.Add(2*time.Second)); ok {
		t.Error("a generation was accepted twice")
	}
	if d := p.Want(0, t0.Add(3*time.Second)); d.Action != Idle {
		t.Errorf("Want(0) = %+v", d)
	}
}
