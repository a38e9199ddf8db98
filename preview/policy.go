// Package preview holds the fetch policy of the details pane's thumbnails:
// a pure state machine, free of Bubble Tea and of clocks, that the UI
// drives with the cursor's row and the time and that answers when to
// fetch. It debounces cursor movement, keeps at most one fetch in flight
// and numbers fetches with generations, so that a thumbnail for a row the
// cursor has left is dropped.
package preview

import "time"

// DefaultDebounce is how long the cursor must rest on a row before its
// thumbnail is fetched: longer than a held key's repeat interval (about
// 30–50 ms), short enough to feel immediate when the cursor stops.
const DefaultDebounce = 150 * time.Millisecond

// Action is what the UI should do next.
type Action int

// Actions.
const (
	// Idle: nothing to fetch.
	Idle Action = iota
	// Wait: call Tick after Decision.After (debounce), or wait for the
	// fetch in flight to finish (After is 0) and call Done.
	Wait
	// Fetch: start fetching Decision.ID and report it to Done with
	// Decision.Gen.
	Fetch
)

// Decision is the policy's answer.
type Decision struct {
	Action Action
	ID     int64         // the item to fetch (Fetch)
	Gen    uint64        // the fetch's generation (Fetch)
	After  time.Duration // when to Tick again (Wait); 0 = when the fetch in flight ends
}

// Policy decides when to fetch a thumbnail. The zero value is not ready:
// use New. It is not safe for concurrent use; the UI's Update owns it.
type Policy struct {
	debounce time.Duration
	want     int64     // the row the cursor rests on; 0 = none that needs a fetch
	since    time.Time // when want was set
	gen      uint64    // generation of the last fetch started
	flying   bool      // a fetch is in flight
	flyID    int64     // the item of the fetch in flight
	started  int       // fetches started, for the status line and tests
}

// New returns a Policy with the given debounce (DefaultDebounce if d <= 0).
func New(d time.Duration) *Policy {
	if d <= 0 {
		d = DefaultDebounce
	}
	return &Policy{debounce: d}
}

// Want tells the policy the cursor is on item id at now; id 0 means a row
// that needs no fetch (no preview, or already in the cache). Moving to a
// new row restarts the debounce; asking again for the same row does not.
func (p *Policy) Want(id int64, now time.Time) Decision {
	if id != p.want {
		p.want, p.since = id, now
	}
	return p.decide(now)
}

// Tick re-evaluates at now, when a Wait's After has passed.
func (p *Policy) Tick(now time.Time) Decision { return p.decide(now) }

// Done reports that fetch gen has finished (with a thumbnail or an error).
// accepted is false for a result to drop: a stale generation, or a row
// the cursor has left. next says what to do now that nothing is in flight.
func (p *Policy) Done(gen uint64, now time.Time) (accepted bool, next Decision) {
	if !p.flying || gen != p.gen {
		return false, p.decide(now)
	}
	p.flying = false
	accepted = p.flyID == p.want
	if accepted {
		p.want = 0 // the UI caches it; nothing left to fetch for this row
	}
	return accepted, p.decide(now)
}

// Started is how many fetches the policy has asked for.
func (p *Policy) Started() int { return p.started }

func (p *Policy) decide(now time.Time) Decision {
	switch {
	case p.want == 0:
		return Decision{Action: Idle}
	case p.flying:
		// One fetch at a time. If it is for this row, its Done is the
		// answer; if not, the next row waits for it rather than piling up
		// requests a scroll would abandon.
		return Decision{Action: Wait}
	}
	if rest := p.debounce - now.Sub(p.since); rest > 0 {
		return Decision{Action: Wait, After: rest}
	}
	p.gen++
	p.flying, p.flyID = true, p.want
	p.started++
	return Decision{Action: Fetch, ID: p.want, Gen: p.gen}
}
