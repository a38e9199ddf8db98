package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// vtScreen is a running program and the last frame it drew. The v2
// renderer sends only the cells that changed ("10/10" → "9/10" goes out as
// "9/" and a delete-character), so a substring search over the raw byte
// stream misses text that is plainly on screen. The waits below look at the
// frame itself, taken from View as the program loop renders it, with the
// styling stripped: what a user reads, independent of how the renderer
// chose to paint it.
type vtScreen struct {
	tm    *teatest.TestModel
	frame *atomic.Pointer[string]
}

// frameTap wraps the model so every View the program renders is recorded.
type frameTap struct {
	inner tea.Model
	frame *atomic.Pointer[string]
}

func (f frameTap) Init() tea.Cmd { return f.inner.Init() }

func (f frameTap) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := f.inner.Update(msg)
	return frameTap{inner: m, frame: f.frame}, cmd
}

func (f frameTap) View() tea.View {
	v := f.inner.View()
	s := ansi.Strip(v.Content)
	f.frame.Store(&s)
	return v
}

// startProgram runs m in a w×h test terminal.
func startProgram(t *testing.T, m *Model, w, h int) *vtScreen {
	t.Helper()
	frame := new(atomic.Pointer[string])
	tm := teatest.NewTestModel(t, frameTap{inner: m, frame: frame}, teatest.WithInitialTermSize(w, h))
	return &vtScreen{tm: tm, frame: frame}
}

// wait blocks until one frame shows every substring at once.
func (s *vtScreen) wait(t *testing.T, subs ...string) {
	t.Helper()
	waitFrame(t, s.frame, subs...)
}

// waitFrame blocks until the last frame shows every substring at once, and
// fails the test with that frame after the deadline (generous, for loaded
// CI machines; a passing wait returns as soon as the text is there).
func waitFrame(t *testing.T, frame *atomic.Pointer[string], subs ...string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		screen := ""
		if p := frame.Load(); p != nil {
			screen = *p
		}
		missing := ""
		for _, sub := range subs {
			if !strings.Contains(screen, sub) {
				missing = sub
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q; the last frame:\n%s", missing, screen)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// final returns the program's model after it quit.
func (s *vtScreen) final(t *testing.T) *Model {
	t.Helper()
	return s.tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(frameTap).inner.(*Model)
}

// keys sends key presses to the program.
func (s *vtScreen) keys(ks ...string) {
	for _, k := range ks {
		s.tm.Send(keyMsg(k))
	}
}

// TestTeatestBrowseFlow runs the real program loop against the emulator:
// start → rows appear → filter → mark 3 → "3 marked".
func TestTeatestBrowseFlow(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := New(Options{Client: e.client, Restorer: e.engine, Styles: asciiStyles(), Library: "testlib",
		Now: func() time.Time { return testNow }})
	scr := startProgram(t, m, 100, 30)
	scr.wait(t, "a.txt", "10 items")
	scr.tm.Type("/")
	scr.tm.Type("txt")
	scr.wait(t, "9/10")
	scr.keys("enter", " ", " ", " ", " ")
	scr.wait(t, "3 marked")
	scr.keys("q")
	fm := scr.final(t)
	if fm.data.MarkCount() != 3 || len(fm.data.View()) != 9 {
		t.Fatalf("final marks %d view %d, want 3 and 9", fm.data.MarkCount(), len(fm.data.View()))
	}
}

// TestTeatestRestoreFlow: mark five (with a DirectoryNotFound and a
// conflict), r, y, and check rows, summary and the emulator's state.
func TestTeatestRestoreFlow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		async int
	}{{"sync", -1}, {"async_202", 2}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEmu(t, fakesmh.Options{AsyncThreshold: tc.async, TaskDuration: 100 * time.Millisecond}, api.EngineOptions{})
			m := New(Options{Client: e.client, Restorer: e.engine, Styles: asciiStyles(), Library: "testlib",
				Now: func() time.Time { return testNow }})
			scr := startProgram(t, m, 110, 30)
			scr.wait(t, "10 items")
			scr.keys(" ", " ", " ", " ", " ", " ")
			scr.wait(t, "5 marked")
			scr.keys("r")
			scr.wait(t, "Restore 5 items")
			scr.keys("y")
			scr.wait(t, "restored 3 of 5", "✗ DirectoryNotFound", "✗ SourceFileNotFound", "report (1).docx")
			scr.keys("q")
			scr.final(t)
			for _, r := range e.recs {
				want := 0
				if r.Name == "a.txt" || r.Name == "report.docx" || r.Name == "e.txt" {
					want = 1
				}
				if got := e.srv.RestoreCount(r.ID); got != want {
					t.Errorf("%s restored %d times, want %d", r.Name, got, want)
				}
			}
			if tc.async > 0 {
				sawTask := false
				for _, r := range e.srv.Requests() {
					if strings.Contains(r.Path, "/api/v1/task/") {
						sawTask = true
					}
				}
				if !sawTask {
					t.Fatal("the async batch was never polled through the task API")
				}
			}
		})
	}
}
