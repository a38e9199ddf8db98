package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestHelpScrollsAndSearches: at 80×24 the end of the help (the symbol
// legend, how to quit) is reachable with G, j/k move a line, / keeps only
// matching lines, and esc drops the search before it closes the help.
func TestHelpScrollsAndSearches(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(30)}, 80, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "?")
	if strings.Contains(m.render(), "outcome unknown") {
		t.Fatal("the end of the legend fits at 80×24: the test no longer scrolls")
	}
	press(t, m, "G")
	end := m.render()
	for _, want := range []string{"outcome unknown", "⊘", "▲ ▼", "✗", "? or esc close"} {
		if !strings.Contains(end, want) {
			t.Errorf("help scrolled to the end lacks %q:\n%s", want, end)
		}
	}
	press(t, m, "k")
	if m.help.offset != len(m.helpLines())-m.helpBodyHeight()-1 {
		t.Errorf("k moved to line %d", m.help.offset)
	}
	press(t, m, "g")
	if m.help.offset != 0 {
		t.Errorf("g left the help at line %d", m.help.offset)
	}
	press(t, m, "pgdown")
	if m.help.offset != m.helpBodyHeight() {
		t.Errorf("pgdown moved to line %d, want %d", m.help.offset, m.helpBodyHeight())
	}
	press(t, m, "/", "q", "u", "i", "t", "enter")
	v := m.render()
	if !strings.Contains(v, "q        quit") || strings.Contains(v, "page down") {
		t.Errorf("a search for quit shows:\n%s", v)
	}
	press(t, m, "esc")
	if m.mode != modeHelp || m.help.query != "" {
		t.Fatalf("first esc: mode %v, query %q; want help without the search", m.mode, m.help.query)
	}
	press(t, m, "esc")
	if m.mode != modeBrowse {
		t.Fatal("second esc did not close help")
	}
}

// TestHintsKeepHelpAndQuit: at every width from 40 the hint bar offers
// ? help and q quit, and never a hint cut in half.
func TestHintsKeepHelpAndQuit(t *testing.T) {
	for w := 40; w <= 200; w += 7 {
		for _, keys := range [][]string{nil, {" "}, {"b"}, {"/", "x", "enter"}} {
			m := loaded(t, &fakeBin{items: makeItems(30)}, w, 24, func(o *Options) { o.Restorer = nopRestorer{} })
			press(t, m, keys...)
			h := m.bottomLine()
			if !strings.Contains(h, "? help") || !strings.Contains(h, "q quit") {
				t.Fatalf("width %d after %q: hints %q lack help or quit", w, keys, h)
			}
			if ansi.StringWidth(h) > w {
				t.Fatalf("width %d: hints are %d wide", w, ansi.StringWidth(h))
			}
		}
	}
}

// TestHintsOfferNothingDeadOnAnEmptyView: with no row shown, marking and
// restoring do nothing, so they are neither offered nor taken.
func TestHintsOfferNothingDeadOnAnEmptyView(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(30)}, 120, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "/", "n", "o", "m", "a", "t", "c", "h", "enter")
	h := m.bottomLine()
	for _, dead := range []string{"space mark", "r restore"} {
		if strings.Contains(h, dead) {
			t.Errorf("empty view offers %q: %q", dead, h)
		}
	}
	press(t, m, "r")
	if m.mode == modeDialog {
		t.Error("r opened a dialog with nothing to restore")
	}
}

// TestHelpNamesTheMouseOnlyWhenItIsOn: the Mouse legend is in the help
// with the mouse on, and gone with mouse = false / --no-mouse.
func TestHelpNamesTheMouseOnlyWhenItIsOn(t *testing.T) {
	for _, off := range []bool{false, true} {
		m := loaded(t, &fakeBin{items: makeItems(5)}, 80, 24, func(o *Options) { o.NoMouse = off })
		found := false
		for _, sec := range m.helpSections() {
			if strings.Contains(sec[0], "Mouse") {
				found = true
			}
		}
		if found == off {
			t.Errorf("mouse off %v: Mouse legend shown %v", off, found)
		}
	}
}
