package ui

import (
	"image/color"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/keymap"
	"smhbin/theme"
)

// TestProgramAsksForKeyboardEnhancements: the program asks the terminal to
// disambiguate keys (kitty's protocol and xterm's modifyOtherKeys), which
// is what lets ctrl+i and tab, or ctrl+m and enter, be bound apart.
func TestProgramAsksForKeyboardEnhancements(t *testing.T) {
	m := New(Options{Client: &fakeBin{}, Styles: asciiStyles(), Now: func() time.Time { return testNow }})
	out := &syncOutput{}
	in, feed := io.Pipe() // input that stays open, as a terminal's does
	defer feed.Close()
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithoutSignals(), tea.WithWindowSize(80, 24))
	done := make(chan struct{})
	go func() { _, _ = p.Run(); close(done) }()
	waitOutput(t, out, "smhbin")
	p.Quit()
	<-done
	for _, seq := range []string{ansi.PushKittyKeyboard(ansi.KittyDisambiguateEscapeCodes), ansi.SetModifyOtherKeys2} {
		if !strings.Contains(out.String(), seq) {
			t.Errorf("the program never sent %q", seq)
		}
	}
}

// TestCtrlIAndTabAreDistinctKeys: with keyboard enhancements, ctrl+i
// arrives as itself, so a config may bind it apart from tab.
func TestCtrlIAndTabAreDistinctKeys(t *testing.T) {
	km, err := keymap.Rebind(keymap.Default(), map[string][]string{"details": {"ctrl+i"}})
	if err != nil {
		t.Fatal(err)
	}
	m := loaded(t, &fakeBin{items: makeItems(5)}, 80, 24, func(o *Options) { o.KeyMap = km })
	before := m.showDetails
	press(t, m, "tab")
	if m.showDetails != before {
		t.Fatal("tab toggled details, which is bound to ctrl+i only")
	}
	press(t, m, "ctrl+i")
	if m.showDetails == before {
		t.Fatal("ctrl+i did not toggle details")
	}
}

// TestBackgroundAnswerRestyles: the terminal's answer to the background
// query, when it arrives, replaces the environment's guess (dark), rows
// already drawn included.
func TestBackgroundAnswerRestyles(t *testing.T) {
	dark, light := "38;2;139;135;255", "38;2;90;86;224" // primary on dark and on light
	darkSubtle := "38;2;122;122;140"                    // the rows' secondary text on dark
	m := loaded(t, &fakeBin{items: makeItems(5)}, 80, 24, func(o *Options) {
		o.Styles = theme.New(theme.DefaultPalette(), theme.Target{Dark: true})
	})
	if f := m.render(); !strings.Contains(f, dark) || !strings.Contains(f, darkSubtle) || strings.Contains(f, light) {
		t.Fatal("the first frame is not in the dark palette")
	}
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if f := m.render(); strings.Contains(f, dark) || strings.Contains(f, darkSubtle) || !strings.Contains(f, light) {
		t.Fatalf("after a light background answer the frame still has dark colours:\n%q", f)
	}
}
