package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"smhbin/ui/bindata"
)

// The room for the whole listing is made off the Update goroutine on the
// second page and adopted when it comes; a room made for a listing since
// replaced is dropped.
func TestListingAdoptsItsRoom(t *testing.T) {
	const n = 2_500
	bin := &fakeBin{items: makeItems(n)}
	m := newTestModel(t, bin, 120, 40, func(o *Options) { o.PageSize = 500 })
	rows := m.data.Rows()
	if rows.Cap() >= n {
		t.Fatalf("room for %d items before any page", rows.Cap())
	}
	var rooms int
	runWith(t, m, m.Init(), func(msg tea.Msg, _ time.Time) {
		if _, ok := msg.(roomMsg); ok {
			rooms++
		}
	})
	rows = m.data.Rows()
	if m.data.Len() != n || rooms != 1 || rows.Cap() < n {
		t.Fatalf("%d items, %d rooms adopted, room for %d; want %d, 1, ≥ %d", m.data.Len(), rooms, rows.Cap(), n, n)
	}

	press(t, m, "ctrl+r") // a new listing: a new generation
	rows = m.data.Rows()
	before := rows.Cap()
	m.handleRoom(roomMsg{gen: m.gen - 1, room: bindata.NewRoom(10*n, 32)})
	rows = m.data.Rows()
	if rows.Cap() != before {
		t.Errorf("a room made for the replaced listing was adopted (room %d → %d)", before, rows.Cap())
	}
	if m.data.Len() != n {
		t.Errorf("%d items after the reload, want %d", m.data.Len(), n)
	}
}
