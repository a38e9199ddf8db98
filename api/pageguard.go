package api

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrEndlessListing: the server's pages would never end (a repeated
// marker, an empty page that still names a next one, an item listed twice
// or far more items than the server counted). The listing stops with what
// it had; errors.Is finds it in the error PageGuard.Check returns.
var ErrEndlessListing = errors.New("SMH API: the listing does not end")

// Listing bounds.
const (
	// MaxListItems is the most items one listing accepts when the server
	// gives no usable totalNum (the JS SDK's marker model omits it).
	MaxListItems = 2_000_000
	// MinPageGap is the least time between two page requests of a paced
	// listing (the TUI's): at most 50 requests a second.
	MinPageGap = 20 * time.Millisecond
)

// PageGuard walks one listing's pages with the caller and stops a server
// that would page forever. The CLI and the TUI both feed it every page, so
// the rules live here once. The zero value is ready to use; a new listing
// needs a new PageGuard.
type PageGuard struct {
	markers map[Marker]struct{}
	ids     map[int64]struct{}
	total   int64 // the first usable totalNum
	loaded  int64
	next    time.Time // earliest start of the next paced request
}

// Check vets page p, the next page of the listing, and records it. It
// returns an error wrapping ErrEndlessListing, and records nothing, when
// p repeats a marker already followed, is empty but names a next page,
// lists an id already seen, or takes the listing far past the first
// totalNum (half again plus 1,000, for items deleted while paging) or past
// MaxListItems.
func (g *PageGuard) Check(p Page) error {
	if g.markers == nil {
		g.markers, g.ids = map[Marker]struct{}{}, map[int64]struct{}{}
	}
	stop := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrEndlessListing, fmt.Sprintf(format, args...))
	}
	if p.NextMarker != "" {
		if len(p.Items) == 0 {
			return stop("an empty page still names a next page")
		}
		if _, dup := g.markers[p.NextMarker]; dup {
			return stop("the server sent page marker %s twice", strconv.Quote(cleanText(string(p.NextMarker), 64)))
		}
	}
	fresh := make(map[int64]struct{}, len(p.Items))
	for i := range p.Items {
		id := p.Items[i].ID
		_, seen := g.ids[id]
		if _, again := fresh[id]; seen || again {
			return stop("item %d was listed twice", id)
		}
		fresh[id] = struct{}{}
	}
	total := g.total
	if total == 0 {
		total = p.TotalNum
	}
	limit := int64(MaxListItems)
	if total > 0 && total < MaxListItems {
		limit = total + max(total/2, 1000)
	}
	if n := g.loaded + int64(len(p.Items)); n > limit {
		return stop("%d items listed although the server counted %d", n, total)
	}
	g.total = total
	g.loaded += int64(len(p.Items))
	for id := range fresh {
		g.ids[id] = struct{}{}
	}
	if p.NextMarker != "" {
		g.markers[p.NextMarker] = struct{}{}
	}
	return nil
}

// Delay paces a listing: called as a page request starts at now, it
// returns how long that request should wait first so that requests are at
// least MinPageGap apart.
func (g *PageGuard) Delay(now time.Time) time.Duration {
	if now.Before(g.next) {
		d := g.next.Sub(now)
		g.next = g.next.Add(MinPageGap)
		return d
	}
	g.next = now.Add(MinPageGap)
	return 0
}
