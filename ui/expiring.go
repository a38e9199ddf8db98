package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"
)

// urgentDays is the days-left threshold of the status bar's warning about
// marked items: anything at or below it may be gone before tomorrow.
const urgentDays = 1

// setExpiring turns the expiring filter on or off. The filter only narrows
// and re-orders the view; order keeps the listing's sort, so turning it
// off gives back exactly the order the user had.
func (s *store) setExpiring(on bool, days int64) {
	s.expiring, s.expDays = on, days
	s.refilter()
}

// sortExpiring orders the view by days left, soonest first, then by id,
// while the expiring filter is on. The view holds few items then, and a
// page that adds some to an already ordered view is cheap to re-sort.
func (s *store) sortExpiring() {
	if !s.expiring {
		return
	}
	items := s.items
	slices.SortFunc(s.view, func(x, y int32) int {
		if c := cmp.Compare(items[x].RemainingDays, items[y].RemainingDays); c != 0 {
			return c
		}
		return cmp.Compare(items[x].ID, items[y].ID)
	})
}

// toggleExpiring is the e key: the table (and the grouped views, which are
// built from the same view) shows only what is about to leave the bin.
func (m *Model) toggleExpiring() {
	keep := m.cursorItem()
	m.data.setExpiring(!m.data.expiring, m.opts.ExpiringDays)
	m.cursor = 0
	m.follow(keep)
	m.rows.reset()
	if m.data.expiring {
		m.setStatus("showing items with ≤"+m.expiringDays()+" left, soonest first — e again shows all", false)
	} else {
		m.setStatus("showing all items in the previous order", false)
	}
}

// expiringDays is the threshold as the status bar writes it: "3d".
func (m *Model) expiringDays() string {
	return strconv.FormatInt(m.opts.ExpiringDays, 10) + "d"
}

// expiringStatus is the status-bar part of the expiring filter and the
// warning about marked items that expire within a day; both counts are
// kept up to date as they change, so a frame only formats them.
func (m *Model) expiringStatus(parts []string) []string {
	if n := m.data.markSoon; n > 0 {
		var b strings.Builder
		m.st.Warn.Wrap(&b, "⚠ "+humanize.Comma(int64(n))+" marked "+plural(n, "expires", "expire")+" within a day")
		parts = append(parts, b.String())
	}
	if m.data.expiring {
		parts = append(parts, "expiring ≤"+m.expiringDays()+": "+humanize.Comma(int64(len(m.data.view))))
	}
	return parts
}
