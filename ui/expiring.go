package ui

import (
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"
)

// toggleExpiring is the e key: the table (and the grouped views, which are
// built from the same view) shows only what is about to leave the bin.
func (m *Model) toggleExpiring() {
	keep := m.cursorItem()
	m.data.SetExpiring(!m.data.Expiring(), m.opts.ExpiringDays)
	m.table.SetCursor(0)
	m.follow(keep)
	if m.data.Expiring() {
		m.setStatus("showing items with ≤"+m.expiringDays()+" left, soonest first — "+m.keyName(m.km.Expiring)+" again shows all", false)
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
	if n := m.data.MarkSoon(); n > 0 {
		var b strings.Builder
		m.st.Warn.Wrap(&b, "⚠ "+humanize.Comma(int64(n))+" marked "+plural(n, "expires", "expire")+" within a day")
		parts = append(parts, b.String())
	}
	if m.data.Expiring() {
		parts = append(parts, "expiring ≤"+m.expiringDays()+": "+humanize.Comma(int64(len(m.data.View()))))
	}
	return parts
}
