package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// TestTeatestDeleteFlow runs the real program loop: mark 3, D, type 3,
// enter → the three rows leave the list and the emulator's bin no longer
// holds them.
func TestTeatestDeleteFlow(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := New(Options{Client: e.client, Restorer: e.engine, Deleter: e.engine, Styles: asciiStyles(),
		Library: "testlib", Now: func() time.Time { return testNow }})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitScreen(t, tm, "a.txt", "10 items")
	keys(tm, " ", " ", " ")
	waitScreen(t, tm, "3 marked")
	keys(tm, "D")
	waitScreen(t, tm, "Delete 3 items for good", "Type 3")
	keys(tm, "3", "enter")
	waitScreen(t, tm, "deleted 3 of 3", "7 items")
	keys(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	for _, r := range e.recs[:3] {
		if e.srv.InBin(r.ID) {
			t.Errorf("%s is still in the emulator's bin", r.Name)
		}
		if _, ok := fm.data.Index(r.ID); ok {
			t.Errorf("%s is still in the list", r.Name)
		}
	}
	if len(fm.data.View()) != 7 {
		t.Fatalf("%d rows left, want 7", len(fm.data.View()))
	}
}
