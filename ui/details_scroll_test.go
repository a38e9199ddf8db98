package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// paneLines is the details pane as drawn below the table: its lines of
// the frame, without colour.
func paneLines(t *testing.T, m *Model) []string {
	t.Helper()
	_, y, _, h, ok := m.detailsBox()
	if !ok {
		t.Fatal("the details pane is hidden")
	}
	return strings.Split(m.render(), "\n")[y : y+h]
}

// TestWheelScrollsDetails: the wheel over the details pane scrolls it (and
// stops at its end) while the table's cursor stays; over the table the
// wheel still moves the cursor, and the next row's details start at the top.
func TestWheelScrollsDetails(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(60)}, 80, 24, nil)
	press(t, m, m.km.Details.Keys()[0], m.km.RawFields.Keys()[0]) // every field: more than the pane holds
	_, y, _, h, _ := m.detailsBox()
	top := paneLines(t, m)
	if !strings.Contains(top[1], "file-00000.jpg") || !strings.Contains(top[h-1], "↓") || strings.Contains(top[0], "↑") {
		t.Fatalf("unscrolled pane:\n%s", strings.Join(top, "\n"))
	}
	m.Update(tea.MouseWheelMsg{X: 10, Y: y + 3, Button: tea.MouseWheelDown})
	got := paneLines(t, m)
	if m.table.Cursor() != 0 {
		t.Fatalf("the wheel over the details moved the table's cursor to %d", m.table.Cursor())
	}
	if got[1] != top[1+wheelStep] || !strings.Contains(got[0], "↑") {
		t.Fatalf("one notch down over the pane:\n%s", strings.Join(got, "\n"))
	}
	for range 20 {
		m.Update(tea.MouseWheelMsg{X: 10, Y: y + 3, Button: tea.MouseWheelDown})
	}
	end := paneLines(t, m)
	if strings.Contains(end[h-1], "↓") || strings.TrimSpace(strings.Trim(end[h-2], "│")) == "" {
		t.Fatalf("scrolled to the end, the pane should end on its last field:\n%s", strings.Join(end, "\n"))
	}
	m.Update(tea.MouseWheelMsg{X: 10, Y: y + 3, Button: tea.MouseWheelUp})
	if up := paneLines(t, m); up[1+wheelStep] != end[1] {
		t.Fatalf("one notch up from the end did not go back %d lines:\n%s", wheelStep, strings.Join(up, "\n"))
	}

	m.Update(tea.MouseWheelMsg{X: 10, Y: 3, Button: tea.MouseWheelDown})
	if m.table.Cursor() != wheelStep {
		t.Fatalf("the wheel over the table: cursor %d, want %d", m.table.Cursor(), wheelStep)
	}
	if next := paneLines(t, m); !strings.Contains(next[1], m.data.Item(m.cursorItem()).Name) || strings.Contains(next[0], "↑") {
		t.Fatalf("the next row's details should start at the top:\n%s", strings.Join(next, "\n"))
	}
}

// TestWheelScrollsSidePane: beside the table (120 columns and more) the
// wheel over the pane scrolls the pane, and over the table the table.
func TestWheelScrollsSidePane(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(60)}, 120, 16, nil)
	press(t, m, m.km.RawFields.Keys()[0])
	x, y, w, h, ok := m.detailsBox()
	if !ok || x == 0 {
		t.Fatal("setup: the details pane should be beside the table")
	}
	pane := func() string {
		var b strings.Builder
		for _, l := range strings.Split(m.render(), "\n")[y : y+h] {
			b.WriteString(ansi.Cut(l, x, x+w) + "\n")
		}
		return b.String()
	}
	before := pane()
	m.Update(tea.MouseWheelMsg{X: x + w/2, Y: y + 2, Button: tea.MouseWheelDown})
	if m.table.Cursor() != 0 || pane() == before || !strings.Contains(pane(), "↑") {
		t.Fatalf("the wheel over the side pane: cursor %d, pane\n%s", m.table.Cursor(), pane())
	}
	m.Update(tea.MouseWheelMsg{X: x - 2, Y: y + 2, Button: tea.MouseWheelDown})
	if m.table.Cursor() != wheelStep {
		t.Fatalf("the wheel just left of the pane: cursor %d, want %d", m.table.Cursor(), wheelStep)
	}
}

// TestKeysScrollDetails: J and K scroll the details pane a line at a time
// without a mouse, stop at its ends, leave the table's cursor alone, and
// are offered only while a pane is shown.
func TestKeysScrollDetails(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(60)}, 80, 24, nil)
	if m.km.DetailsDown.Enabled() {
		t.Fatal("J is offered with no details pane")
	}
	press(t, m, m.km.Details.Keys()[0], m.km.RawFields.Keys()[0])
	if !m.km.DetailsDown.Enabled() || !m.km.DetailsUp.Enabled() {
		t.Fatal("J/K are off while the pane is shown")
	}
	_, _, _, h, _ := m.detailsBox()
	top := paneLines(t, m)
	press(t, m, "J")
	got := paneLines(t, m)
	if got[1] != top[2] || m.table.Cursor() != 0 {
		t.Fatalf("J: cursor %d, pane:\n%s", m.table.Cursor(), strings.Join(got, "\n"))
	}
	for range 200 {
		press(t, m, "J")
	}
	end := paneLines(t, m)
	if strings.Contains(end[h-1], "↓") || !strings.Contains(end[0], "↑") {
		t.Fatalf("after many J the pane should be at its end:\n%s", strings.Join(end, "\n"))
	}
	for range 200 {
		press(t, m, "K")
	}
	if back := paneLines(t, m); strings.Join(back, "\n") != strings.Join(top, "\n") {
		t.Fatalf("after many K the pane should be back at the top:\n%s", strings.Join(back, "\n"))
	}
}
