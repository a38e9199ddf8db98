package ui

import (
	"net/http"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// deleteFirstThree runs the real program loop over e: mark 3, D, type 3,
// enter, and quit once the screen says they are deleted. It checks the
// three rows left the list and the emulator's bin, and returns the final
// model.
func deleteFirstThree(t *testing.T, e *emu) *Model {
	t.Helper()
	m := New(Options{Client: e.client, Restorer: e.engine, Deleter: e.engine, Styles: asciiStyles(),
		Library: "testlib", Now: func() time.Time { return testNow }})
	scr := startProgram(t, m, 100, 30)
	scr.wait(t, "a.txt", "10 items")
	scr.keys(" ", " ", " ")
	scr.wait(t, "3 marked")
	scr.keys("D")
	scr.wait(t, "Delete 3 items for good", "Type 3")
	scr.keys("3", "enter")
	scr.wait(t, "deleted 3 of 3", "7 items")
	scr.keys("q")
	fm := scr.final(t)
	for _, r := range e.recs[:3] {
		if e.srv.InBin(r.ID) {
			t.Errorf("%s is still in the emulator's bin", r.Name)
		}
		if _, ok := fm.data.Index(r.ID); ok {
			t.Errorf("%s is still in the list", r.Name)
		}
	}
	return fm
}

// TestTeatestDeleteFlow: the three rows leave the list and the emulator's
// bin no longer holds them.
func TestTeatestDeleteFlow(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	if fm := deleteFirstThree(t, e); len(fm.data.View()) != 7 {
		t.Fatalf("%d rows left, want 7", len(fm.data.View()))
	}
}

// TestTeatestDeleteLostReply: the server deletes three items and drops the
// connection before answering. The delete is never sent again; each item
// is re-checked, found gone, and leaves the list as deleted — not shown as
// failed, and not offered for another try.
func TestTeatestDeleteLostReply(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	e.srv.SetFault(fakesmh.Fault{ResetAfterDelete: true})
	deleteFirstThree(t, e)
	sends := e.srv.DeleteSends()
	for id, n := range sends {
		if n != 1 {
			t.Errorf("id %d was sent for deletion %d times, want once", id, n)
		}
	}
	if len(sends) != 3 {
		t.Fatalf("delete sends %v, want the three marked ids once each", sends)
	}
	checks := 0
	for _, r := range e.srv.Requests() {
		if r.Method == http.MethodGet && r.Query.Has("info") {
			checks++
		}
	}
	if checks < 3 {
		t.Fatalf("%d re-checks after the lost reply, want one per item", checks)
	}
}
