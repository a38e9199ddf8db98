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

// With a grouped view open while the listing loads, the room carries that
// view's arrays too, and only that view's.
func TestListingRoomCoversTheOpenGroupedView(t *testing.T) {
	for _, key := range []string{"b", "f"} {
		bin := &fakeBin{items: makeItems(3_000)}
		m := newTestModel(t, bin, 120, 40, func(o *Options) { o.PageSize = 500 })
		_, cmd := m.Update(keyMsg(key))
		var got []roomMsg
		runWith(t, m, tea.Batch(cmd, m.Init()), func(msg tea.Msg, _ time.Time) {
			if r, ok := msg.(roomMsg); ok {
				got = append(got, r)
			}
			_ = m.View() // as the program draws: the open view is kept up to date
		})
		if len(got) != 1 {
			t.Fatalf("%s: %d rooms", key, len(got))
		}
		if (got[0].batches != nil) != (key == "b") || (got[0].folders != nil) != (key == "f") {
			t.Errorf("%s: room for batches %v, folders %v", key, got[0].batches != nil, got[0].folders != nil)
		}
		if m.data.Len() != 3_000 {
			t.Errorf("%s: %d items loaded", key, m.data.Len())
		}
	}
}
