package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// TestHintCacheRedrawsOnlyWhenItsInputsChange: the bar is drawn again
// when a binding is enabled or disabled, its help changes, the width or
// the background changes, and never otherwise.
func TestHintCacheRedrawsOnlyWhenItsInputsChange(t *testing.T) {
	bs := []key.Binding{
		key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "restore")),
		key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
	var c hintCache
	draws := 0
	get := func(w int, dark bool) {
		c.get(bs, w, dark, func() string { draws++; return "bar" })
	}
	steps := []struct {
		name   string
		change func()
		w      int
		dark   bool
		redraw bool
	}{
		{"first frame", func() {}, 80, true, true},
		{"nothing changed", func() {}, 80, true, false},
		{"a binding disabled", func() { bs[0].SetEnabled(false) }, 80, true, true},
		{"still disabled", func() {}, 80, true, false},
		{"enabled again", func() { bs[0].SetEnabled(true) }, 80, true, true},
		{"help text changed", func() { bs[1].SetHelp("q", "quit now") }, 80, true, true},
		{"keys changed", func() { bs[1].SetKeys("ctrl+q") }, 80, true, true},
		{"narrower", func() {}, 60, true, true},
		{"light background", func() {}, 60, false, true},
		{"steady", func() {}, 60, false, false},
	}
	for _, s := range steps {
		before := draws
		s.change()
		get(s.w, s.dark)
		if got := draws > before; got != s.redraw {
			t.Fatalf("%s: redrawn %v, want %v", s.name, got, s.redraw)
		}
	}
}

// TestHintBarFollowsTheModeAfterCaching: the cached bar of the table is
// not shown in the sort menu, and comes back after it.
func TestHintBarFollowsTheModeAfterCaching(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(20)}, 100, 24, nil)
	table := lastLine(m.render())
	m.Update(keyMsg("s"))
	menu := lastLine(m.render())
	if menu == table {
		t.Fatalf("the sort menu shows the table's hints: %q", menu)
	}
	m.Update(keyMsg("esc"))
	if got := lastLine(m.render()); got != table {
		t.Fatalf("back in the table the hints are %q, want %q", got, table)
	}
}

func lastLine(frame string) string {
	lines := strings.Split(frame, "\n")
	return lines[len(lines)-1]
}
