package ui

import (
	"strings"
	"testing"
)

// TestDetailsKeepRelativeDatesWhole: at every pane width a relative date
// ("(3 minutes ago)") is on one line, never cut to "(3" / "minutes ago)".
func TestDetailsKeepRelativeDatesWhole(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(10)}, 120, 30, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "down", "down", "down", "w")
	for w := 30; w <= 60; w++ {
		for _, l := range m.detailLines(nil, m.data.Item(m.cursorItem()), m.cursorItem(), w) {
			if strings.Contains(l.value, "ago)") && !strings.Contains(l.value, "(") {
				t.Fatalf("width %d: a relative date is split across lines: %q", w, l.value)
			}
		}
	}
}

// TestDetailsSayWhoCanRestore: an item the token may not restore says so
// in words; the raw authority flags wait behind w.
func TestDetailsSayWhoCanRestore(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(10)}, 120, 30, func(o *Options) { o.Restorer = nopRestorer{} })
	idx := m.data.View()[9] // every 10th item cannot be restored
	text := func() string {
		var b strings.Builder
		for _, l := range m.detailLines(nil, m.data.Item(idx), idx, 56) {
			b.WriteString(l.label + " " + l.value + "\n")
		}
		return b.String()
	}
	if s := text(); !strings.Contains(s, "not with this token") || strings.Contains(s, "authority") {
		t.Fatalf("essentials:\n%s", s)
	}
	press(t, m, "w")
	if s := text(); !strings.Contains(s, "restore ✗  delete ✓") {
		t.Fatalf("raw fields:\n%s", s)
	}
}
