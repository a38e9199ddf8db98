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
