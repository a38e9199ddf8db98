package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/api"
	"smhbin/ui/bindata"
)

func click(m *Model, x, y int) {
	m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
}

func wheel(m *Model, down bool) {
	b := tea.MouseWheelUp
	if down {
		b = tea.MouseWheelDown
	}
	m.Update(tea.MouseWheelMsg{X: 10, Y: 5, Button: b})
}

func TestMouseMovesMarksAndSorts(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(60)}, 100, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Fatal("mouse reporting should be on by default")
	}
	wheel(m, true)
	wheel(m, true)
	if c := m.table.Cursor(); c != 2*wheelStep {
		t.Fatalf("two wheel notches down: cursor %d, want %d", c, 2*wheelStep)
	}
	wheel(m, false)
	if c := m.table.Cursor(); c != wheelStep {
		t.Fatalf("one notch up: cursor %d", c)
	}
	click(m, 20, 2+4) // the fifth row
	if c := m.table.Cursor(); c != 4 {
		t.Fatalf("click on row 5: cursor %d", c)
	}
	click(m, 1, 2+7) // the mark column of row 8
	if c := m.table.Cursor(); c != 7 || !m.data.Marked(m.cursorItem()) {
		t.Fatalf("click on the mark column: cursor %d, marked %v", c, m.data.Marked(m.cursorItem()))
	}
	click(m, 1, 2+7)
	if m.data.Marked(m.cursorItem()) {
		t.Fatal("a second click on the mark column should unmark")
	}
	header := strings.Split(m.render(), "\n")[1]
	x := strings.Index(header, "SIZE")
	click(m, x, 1)
	if m.sortKey != bindata.SortSize || !m.desc {
		t.Fatalf("click on SIZE: sort %v desc %v", m.sortKey, m.desc)
	}
}

func TestMouseWheelScrollsHelp(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(10)}, 80, 24, nil)
	press(t, m, "?")
	wheel(m, true)
	if m.help.offset != wheelStep {
		t.Fatalf("help at line %d after a notch down", m.help.offset)
	}
}

func TestMouseClickPressesDialogButtons(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(10)}, 80, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, " ", "r")
	if m.mode != modeDialog {
		t.Fatal("setup: no dialog")
	}
	lines := strings.Split(m.render(), "\n")
	for y, l := range lines {
		if i := strings.Index(l, "n/esc cancel"); i >= 0 {
			click(m, len([]rune(l[:i]))+2, y) // rune count = cells: the line left of it is narrow
			break
		}
	}
	if m.mode != modeBrowse {
		t.Fatal("a click on “n/esc cancel” left the dialog open")
	}
}

func TestNoMouseIgnoresTheMouse(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(10)}, 80, 24, func(o *Options) { o.NoMouse = true })
	if m.View().MouseMode != tea.MouseModeNone {
		t.Fatal("mouse reporting on despite NoMouse")
	}
	click(m, 20, 6)
	wheel(m, true)
	if m.table.Cursor() != 0 {
		t.Fatal("the mouse moved the cursor despite NoMouse")
	}
}

// clickHint clicks the middle of the first on-screen text hint.
func clickHint(t *testing.T, m *Model, hint string) {
	t.Helper()
	for y, l := range strings.Split(ansi.Strip(m.render()), "\n") {
		if i := strings.Index(l, hint); i >= 0 {
			click(m, ansi.StringWidth(l[:i])+ansi.StringWidth(hint)/2, y)
			return
		}
	}
	t.Fatalf("%q is not on screen", hint)
}

func TestMouseClickConfirmsTheDialog(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(10)}, 80, 24, func(o *Options) {
		o.Restorer = api.NewEngine(instantRestorer{}, api.EngineOptions{})
	})
	press(t, m, " ", "r")
	clickHint(t, m, "y/enter restore")
	if m.mode != modeBrowse || m.runSeq != 1 {
		t.Fatalf("a click on “y/enter restore”: mode %d, %d restore runs started", m.mode, m.runSeq)
	}
}

// TestMouseInGroupedViews: a click in the mark column marks a whole batch;
// the header sorts only while it shows the column titles (an open batch's
// item rows), not while it is the view's title.
func TestMouseInGroupedViews(t *testing.T) {
	m := loaded(t, &fakeBin{items: batchItems()}, 100, 24, nil)
	press(t, m, "b")
	click(m, 1, 2)
	if n := m.data.MarkCount(); n != 3 {
		t.Fatalf("a click in the first batch's mark column marked %d items, want its 3 restorable ones", n)
	}
	sortBefore := m.sortKey
	click(m, gutter+2, 1)
	if m.sortKey != sortBefore {
		t.Fatal("a click on the view's title changed the sort")
	}
	press(t, m, "enter")
	header := ansi.Strip(strings.Split(m.render(), "\n")[1])
	click(m, strings.Index(header, "SIZE"), 1)
	if m.sortKey != bindata.SortSize {
		t.Fatalf("a click on SIZE over an open batch: sort %v\n%s", m.sortKey, header)
	}
}
