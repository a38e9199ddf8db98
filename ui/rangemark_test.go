package ui

import (
	"strings"
	"testing"
)

// TestRangeRowsHighlightWhileMoving: after v, the rows the next v would
// mark are underlined (without colour) as the cursor moves, and only
// those; the cursor row is in reverse video.
func TestRangeRowsHighlightWhileMoving(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(30)}, 80, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	ranged := func() int { return strings.Count(m.render(), m.st.Range.On) }
	press(t, m, "v")
	if n := ranged(); n != 0 {
		t.Fatalf("%d rows highlighted with the cursor on the anchor", n)
	}
	press(t, m, "down", "down", "down")
	if n := ranged(); n != 3 {
		t.Fatalf("%d rows highlighted, want the anchor and the 2 rows between", n)
	}
	if !strings.Contains(m.render(), m.st.Cursor.On+"▸") {
		t.Fatal("the cursor row is not in reverse video without colour")
	}
	press(t, m, "up")
	if n := ranged(); n != 2 {
		t.Fatalf("after moving back, %d rows highlighted, want 2", n)
	}
	press(t, m, "v")
	if n := ranged(); n != 0 || m.data.MarkCount() != 3 {
		t.Fatalf("after the second v: %d highlighted, %d marked; want 0 and 3", n, m.data.MarkCount())
	}
}

// TestEscClearsTheFilterThenTheMarks: the first esc drops an applied
// filter and says a second one clears the marks; the second does.
func TestEscClearsTheFilterThenTheMarks(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(30)}, 80, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, " ", " ", "/", "f", "i", "l", "e", "enter")
	if m.data.Query() == "" || m.data.MarkCount() != 2 {
		t.Fatalf("setup: query %q, %d marks", m.data.Query(), m.data.MarkCount())
	}
	press(t, m, "esc")
	if m.data.Query() != "" || m.data.MarkCount() != 2 {
		t.Fatalf("first esc: query %q, %d marks; want no filter and the 2 marks", m.data.Query(), m.data.MarkCount())
	}
	if !strings.Contains(m.status, "esc again clears the 2 marks") {
		t.Errorf("first esc says %q", m.status)
	}
	press(t, m, "esc")
	if m.data.MarkCount() != 0 || !strings.Contains(m.status, "cleared 2 marks") {
		t.Fatalf("second esc: %d marks, status %q", m.data.MarkCount(), m.status)
	}
}
