package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"smhbin/api"
)

// batchItems are three deletion batches: four files in a/ now (one of
// them locked), two in b/ in the same minute, and three in a/ an hour ago.
func batchItems() []api.Item {
	s := time.Second
	items := []api.Item{
		at(1, 0, "a", "x1"), at(2, 10*s, "b", "y1"), at(3, 20*s, "a", "x2"), at(4, 30*s, "b", "y2"),
		at(5, 40*s, "a", "x3"), at(6, 50*s, "a", "locked"),
		at(7, time.Hour, "a", "old1"), at(8, time.Hour+s, "a", "old2"), at(9, time.Hour+2*s, "a", "old3"),
	}
	items[5].HasAuthority = true // canRestore false
	return items
}

// TestRestoreOnABatchRow: r with nothing marked on a batch row asks to
// restore that batch's restorable items; marks, when there are some, win;
// on an item row r takes that item.
func TestRestoreOnABatchRow(t *testing.T) {
	cases := []struct {
		name   string
		keys   []string
		ids    []int64
		noPerm int
	}{
		{"the first batch, with its locked item left out", []string{"b"}, []int64{1, 3, 5}, 1},
		{"the second batch", []string{"b", "down"}, []int64{2, 4}, 0},
		{"the last batch", []string{"b", "G"}, []int64{7, 8, 9}, 0},
		{"marks win over the batch under the cursor", []string{" ", "b", "G"}, []int64{1}, 0},
		{"an item row inside a batch", []string{"b", "G", "enter", "down", "down"}, []int64{8}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := loaded(t, &fakeBin{items: batchItems()}, 100, 24, func(o *Options) { o.Restorer = nopRestorer{} })
			press(t, m, c.keys...)
			press(t, m, "r")
			if m.mode != modeDialog || m.dialog.kind != dialogRestore {
				t.Fatalf("r opened no restore dialog (mode %d)", m.mode)
			}
			if !slices.Equal(m.dialog.ids, c.ids) || m.dialog.noPerm != c.noPerm {
				t.Fatalf("dialog ids %v noPerm %d, want %v and %d", m.dialog.ids, m.dialog.noPerm, c.ids, c.noPerm)
			}
			mustContain(t, m.View(), "Restore "+itemCount(len(c.ids)))
			press(t, m, "n")
		})
	}
}

// TestGroupedViewKeys: expand and collapse are live only in the grouped
// views (so the hint bar offers them only there), a range mark only in
// the table; b and f toggle their view.
func TestGroupedViewKeys(t *testing.T) {
	m := loaded(t, &fakeBin{items: batchItems()}, 120, 24, nil)
	steps := []struct {
		key      string
		mode     viewMode
		expand   bool
		hintWord string
	}{
		{"", viewTable, false, "b batches"},
		{"b", viewBatches, true, "enter/→ expand"},
		{"f", viewFolders, true, "enter/→ expand"},
		{"f", viewTable, false, "f folders"},
		{"b", viewBatches, true, "enter/→ expand"},
		{"b", viewTable, false, "b batches"},
	}
	for i, s := range steps {
		if s.key != "" {
			press(t, m, s.key)
		}
		hints := m.bottomLine()
		if m.vmode != s.mode || m.km.Expand.Enabled() != s.expand || m.km.Collapse.Enabled() != s.expand ||
			m.km.RangeMark.Enabled() == s.expand || !strings.Contains(hints, s.hintWord) {
			t.Fatalf("step %d (%q): view %d expand %v range %v hints %q", i, s.key, m.vmode, m.km.Expand.Enabled(), m.km.RangeMark.Enabled(), hints)
		}
		if !s.expand && strings.Contains(hints, "expand") {
			t.Fatalf("step %d: the table's hint bar offers expand: %q", i, hints)
		}
	}
	press(t, m, "?")
	mustContain(t, m.View(), "Views", "b        batches", "expiring soon", "export CSV")
}

// TestViewSwitchUsesBuiltViews: switching back to a built view reuses it
// (and its cursor); new rows or a new filter rebuild it; leaving a grouped
// view on an item puts the table's cursor there.
func TestViewSwitchUsesBuiltViews(t *testing.T) {
	m := newTestModel(t, &fakeBin{}, 100, 24, nil)
	feedPage(m, 10, false, batchItems()...)
	press(t, m, "b", "enter", "down", "down", "f", "b")
	g := &m.batches
	flat := &g.tree.Flat[0]
	press(t, m, "f", "b")
	if &g.tree.Flat[0] != flat {
		t.Fatal("switching views rebuilt an up-to-date batch view")
	}
	if e, _ := g.current(); e.node >= 0 || m.data.Items()[e.item].ID != 3 {
		t.Fatalf("the batch view's cursor moved to %+v", e)
	}
	feedPage(m, 10, true, at(10, 15*time.Second, "a", "x0"))
	if &g.tree.Flat[0] == flat || g.tree.Nodes[1].Count != 5 {
		t.Fatal("a new page did not regroup the open batch view")
	}
	if e, _ := g.current(); m.data.Items()[e.item].ID != 3 {
		t.Fatalf("after regrouping the cursor is on %+v, want item 3", e)
	}
	press(t, m, "b")
	if id := m.data.Items()[m.cursorItem()].ID; id != 3 {
		t.Fatalf("leaving the batch view put the table's cursor on %d, want 3", id)
	}
}

// TestGroupSummary: the details pane on a group row sums the group up.
func TestGroupSummary(t *testing.T) {
	m := loaded(t, &fakeBin{items: batchItems()}, 130, 30, nil)
	press(t, m, "b", " ")
	press(t, m, "up")
	v := m.View()
	mustContain(t, v, "Deletion batch", "folder     /a", "1 original folder", "4 items", "3 can be restored · 1 cannot",
		"marked     3", "from 2026-11-23", "expiring   none within 3d")
	press(t, m, "f")
	mustContain(t, m.View(), "path       /a", "0 below it", "7 items")
}

// TestGroupedFramesFit: every grouped frame fits the terminal, hostile
// names included, from tiny sizes up.
func TestGroupedFramesFit(t *testing.T) {
	for _, sz := range [][2]int{{20, 5}, {40, 10}, {80, 24}, {120, 40}, {200, 12}} {
		m := loaded(t, &fakeBin{items: goldenItems()}, sz[0], sz[1], func(o *Options) { o.Restorer = nopRestorer{} })
		for _, k := range []string{"b", "enter", "down", " ", "tab", "f", "down", "enter", "down", "e", "b", "G", "enter", "tab"} {
			press(t, m, k)
			checkFrame(t, m.View(), sz[0], sz[1], itoa(sz[0])+"x"+itoa(sz[1])+" after "+k)
		}
	}
}

// TestGoldenGroupedScreens pins the grouped views' frames.
// Regenerate with: go test ./ui -run TestGoldenGroupedScreens -update
func TestGoldenGroupedScreens(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		keys []string
	}{
		{"batches_80x24", 80, 24, []string{"b", "enter", "down", " "}},
		{"folders_120x40", 120, 40, []string{"f", "down", "enter", "down", " ", "down"}},
		{"expiring_batches_80x24", 80, 24, []string{"e", "b", "down"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := loaded(t, &fakeBin{items: goldenItems()}, c.w, c.h, func(o *Options) { o.Restorer = nopRestorer{} })
			press(t, m, c.keys...)
			v := m.View()
			checkFrame(t, v, c.w, c.h, c.name)
			golden.RequireEqual(t, []byte(v))
		})
	}
}
