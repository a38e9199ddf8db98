package ui

import (
	"testing"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// TestIdleSchedulesNoTicks: once every page has loaded and nothing is
// being restored, the spinner's next tick ends its chain, and browsing
// (moving, switching views, sorting, filtering) schedules nothing: an idle
// browser runs no timers of its own.
func TestIdleSchedulesNoTicks(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(120)}, 100, 24, nil)
	if !m.complete || m.loading {
		t.Fatal("the listing did not finish")
	}
	if _, cmd := m.Update(m.spin.Tick()); cmd != nil {
		t.Fatal("a spinner tick while idle scheduled another")
	}
	if m.spinning {
		t.Fatal("the spinner still counts as running")
	}
	for _, k := range []string{"j", "k", "b", "j", "f", "enter", "b", "s", "G", "g"} {
		if _, cmd := m.Update(keyMsg(k)); ticks(cmd) {
			t.Fatalf("key %q started a tick while idle", k)
		}
	}
}

// ticks reports whether cmd, or a command batched in it, is a spinner tick.
func ticks(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case spinner.TickMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if ticks(c) {
				return true
			}
		}
	}
	return false
}
