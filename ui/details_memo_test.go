package ui

import (
	"strings"
	"testing"
	"time"
)

// With thumbnails on, a keypress lays the focused item's details out once
// (the thumbnail's size and the pane share them), not at all when nothing
// they show changed, and again when something did: another item, its
// mark, the minute, all fields.
func TestDetailsLaidOutOncePerChange(t *testing.T) {
	m, _, clock := previewModel(t, 30, true, nil)
	m.render()
	step := func(what string, want int, keys ...string) string {
		t.Helper()
		before := m.details.layouts
		for _, k := range keys {
			m.Update(keyMsg(k))
		}
		frame := m.render()
		if got := m.details.layouts - before; got != want {
			t.Errorf("%s: laid out %d times, want %d", what, got, want)
		}
		return frame
	}
	step("j", 1, "j")
	step("k", 1, "k")
	step("a redraw with nothing changed", 0)
	step("a mark", 1, "space")
	if !strings.Contains(step("all fields", 1, "w"), "created") {
		t.Error("all fields: the pane does not show them")
	}

	*clock = clock.Add(3 * time.Minute)
	before := m.details.layouts
	m.Update(minuteMsg{})
	if frame := m.render(); m.details.layouts-before != 1 || !strings.Contains(frame, "minutes ago") {
		t.Errorf("a new minute: laid out %d times; the pane should say how long ago:\n%s", m.details.layouts-before, frame)
	}
}
