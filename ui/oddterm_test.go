package ui

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"smhbin/api/fakesmh"
)

// TestOddTerminalsAtStartup sizes a fresh model before its first page
// arrives (as a terminal reporting 0×0 or 1×1 does at start-up), then lets
// the pages stream in against the emulator: every frame must fit.
func TestOddTerminalsAtStartup(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {1, 0}, {0, 7}, {19, 4}, {20, 5}, {20, 1}, {200, 5}} {
		e, _ := newFaultEmu(t, fakesmh.Options{}, nil)
		m := New(Options{Client: e.client, Restorer: e.engine, Styles: asciiStyles(), Library: "testlib", PageSize: 3,
			Now: func() time.Time { return testNow }})
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		first := m.View()
		w, h := max(sz[0], 1), max(sz[1], 1)
		checkFrame(t, first, w, h, "before the first page")
		if strings.TrimSpace(first) == "" && w >= 5 {
			t.Errorf("%dx%d: an empty frame at start-up", sz[0], sz[1])
		}
		run(t, m, m.Init())
		checkFrame(t, checkScreen(t, m), w, h, "loaded")
		press(t, m, "G", " ", "tab", "?")
		checkFrame(t, m.View(), w, h, "help")
		press(t, m, "esc", "r")
		checkFrame(t, m.View(), w, h, "dialog")
		if len(m.data.Items()) != 10 {
			t.Errorf("%dx%d: %d items loaded, want 10", sz[0], sz[1], len(m.data.Items()))
		}
		if sz[0] >= 20 && sz[1] >= 5 && !strings.Contains(first, "smhbin") {
			t.Errorf("%dx%d: the start-up frame lacks the title:\n%s", sz[0], sz[1], first)
		}
	}
}

// TestOddTerminalsThroughTheProgram runs the real program loop at 20×5
// and 1×1 and checks the frames it settles on.
func TestOddTerminalsThroughTheProgram(t *testing.T) {
	for _, sz := range [][2]int{{20, 5}, {1, 1}} {
		e, _ := newFaultEmu(t, fakesmh.Options{}, nil)
		m := New(Options{Client: e.client, Restorer: e.engine, Styles: asciiStyles(), Library: "testlib",
			Now: func() time.Time { return testNow }})
		out := &syncOutput{}
		p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignals())
		done := make(chan *Model, 1)
		go func() {
			fm, err := p.Run()
			if err != nil {
				t.Errorf("program: %v", err)
			}
			done <- fm.(*Model)
		}()
		p.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		want := "smhbin"
		if sz[0] < 20 {
			want = "…"
		}
		waitOutput(t, out, want)
		p.Send(keyMsg("q"))
		fm := <-done
		checkFrame(t, fm.View(), sz[0], sz[1], "final")
	}
}

// TestNoColourForDumbTerminalsOrNoColor: TERM=dumb, an unset TERM,
// NO_COLOR and --no-color give frames without a single escape sequence,
// whatever the screen shows (marks, failures, dialogs, help, the filter).
func TestNoColourForDumbTerminalsOrNoColor(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		noColor bool
		plain   bool
	}{
		{"TERM=dumb", map[string]string{"TERM": "dumb", "COLORTERM": "truecolor"}, false, true},
		{"no TERM", map[string]string{}, false, true},
		{"NO_COLOR", map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}, false, true},
		{"--no-color", map[string]string{"TERM": "xterm-256color"}, true, true},
		{"colour terminal", map[string]string{"TERM": "xterm-256color"}, false, false}, // the control
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(k string) string { return tc.env[k] }
			if got := ProfileFromEnv(getenv, tc.noColor) == termenv.Ascii; got != tc.plain {
				t.Fatalf("ProfileFromEnv is ASCII: %v, want %v", got, tc.plain)
			}
			e, _ := newFaultEmu(t, fakesmh.Options{AsyncThreshold: -1}, nil)
			m := loaded(t, e.client, 120, 30, func(o *Options) {
				o.Styles, o.Restorer = StylesFor(io.Discard, getenv, tc.noColor), e.engine
			})
			var frames []string
			frames = append(frames, m.View())
			press(t, m, " ", " ", "r")
			frames = append(frames, m.View())
			press(t, m, "y")
			frames = append(frames, m.View())
			press(t, m, "?")
			frames = append(frames, m.View())
			press(t, m, "esc", "/", "t", "x")
			frames = append(frames, m.View())
			escapes := 0
			for _, f := range frames {
				escapes += strings.Count(f, "\x1b[")
			}
			if tc.plain && escapes > 0 {
				t.Fatalf("%d escape sequences under %s, e.g.:\n%q", escapes, tc.name, frames[2])
			}
			if !tc.plain && escapes == 0 {
				t.Fatal("a colour terminal got no colours: the check above could not fail")
			}
			mustContain(t, frames[2], "1 failed (1 DirectoryNotFound)", "✗ DirectoryNotF")
		})
	}
}
