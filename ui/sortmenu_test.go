package ui

import (
	"strings"
	"testing"

	"smhbin/ui/bindata"
)

// TestSortMenuPicksAColumnInOnePress: s opens the menu, one letter picks
// a column in its own direction, the same letter again flips it, and the
// header's arrow is spaced alike on every column.
func TestSortMenuPicksAColumnInOnePress(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(30)}, 100, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "s")
	if m.mode != modeSort || !strings.Contains(m.render(), "Sort by") {
		t.Fatalf("s did not open the sort menu:\n%s", m.render())
	}
	steps := []struct {
		keys   []string
		k      bindata.SortKey
		desc   bool
		header string
	}{
		{[]string{"n"}, bindata.SortName, false, "NAME ▲"},
		{[]string{"s", "s"}, bindata.SortSize, true, "SIZE ▼"},
		{[]string{"s", "s"}, bindata.SortSize, false, "SIZE ▲"},
		{[]string{"s", "l"}, bindata.SortLeft, false, "LEFT ▲"},
		{[]string{"S"}, bindata.SortLeft, true, "LEFT ▼"},
		{[]string{"s", "d"}, bindata.SortDeleted, true, "DELETED ▼"},
	}
	for i, st := range steps {
		press(t, m, st.keys...)
		if m.mode != modeBrowse || m.sortKey != st.k || m.desc != st.desc || !strings.Contains(m.render(), st.header) {
			t.Fatalf("step %d %q: mode %v, sort %v desc %v; header:\n%s", i, st.keys, m.mode, m.sortKey, m.desc, strings.Split(m.render(), "\n")[1])
		}
	}
	press(t, m, "s", "esc")
	if m.mode != modeBrowse || m.sortKey != bindata.SortDeleted {
		t.Fatal("esc should close the menu and change nothing")
	}
}
