package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// waitScreen waits until the program's output contains every substring.
func waitScreen(t *testing.T, tm *teatest.TestModel, subs ...string) {
	t.Helper()
	var seen bytes.Buffer
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen.Write(b)
		for _, s := range subs {
			if !strings.Contains(seen.String(), s) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func keys(tm *teatest.TestModel, ks ...string) {
	for _, k := range ks {
		tm.Send(keyMsg(k))
	}
}

// TestTeatestBrowseFlow runs the real program loop against the emulator:
// start → rows appear → filter → mark 3 → "3 marked".
func TestTeatestBrowseFlow(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := New(Options{Client: e.client, Restorer: e.engine, Styles: asciiStyles(), Library: "testlib",
		Now: func() time.Time { return testNow }})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitScreen(t, tm, "a.txt", "10 items")
	tm.Type("/")
	tm.Type("txt")
	waitScreen(t, tm, "9/10")
	keys(tm, "enter", " ", " ", " ", " ")
	waitScreen(t, tm, "3 marked")
	keys(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
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
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(110, 30))
			waitScreen(t, tm, "10 items")
			keys(tm, " ", " ", " ", " ", " ", " ")
			waitScreen(t, tm, "5 marked")
			keys(tm, "r")
			waitScreen(t, tm, "Restore 5 items")
			keys(tm, "y")
			waitScreen(t, tm, "restored 3 of 5", "✗ DirectoryNotFound", "✗ SourceFileNotFound", "report (1).docx")
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}})
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
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
