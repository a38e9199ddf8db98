package ui

import (
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// TestTeatestRestoreOneBatch runs the real program loop against the
// emulator: besides the usual fixtures (deleted a minute apart this
// morning, in docs/ and gone/), photos/2023 lost four files two hours
// earlier, one of them locked. b, G (the oldest batch), r, y restores
// exactly that batch's three restorable files, each once, and nothing else.
func TestTeatestRestoreOneBatch(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{})
	var batch []fakesmh.Record
	for i, name := range []string{"p1.jpg", "p2.jpg", "locked.jpg", "p3.jpg"} {
		r := fakesmh.NewRecord("photos", "2023", name)
		r.ID = int64(600 + i)
		r.Type, r.FileType, r.Size = fakesmh.TypeFile, "image", 4096
		r.RemovalTime = testNow.Add(-2*time.Hour - time.Duration(i)*10*time.Second)
		r.CanRestore = name != "locked.jpg"
		batch = append(batch, r)
	}
	e.srv.Add(batch...)

	m := New(Options{Client: e.client, Restorer: e.engine, Styles: asciiStyles(), Library: "testlib",
		Now: func() time.Time { return testNow }})
	scr := startProgram(t, m, 110, 30)
	scr.wait(t, "14 items")
	scr.keys("b")
	scr.wait(t, "DELETION BATCHES · 3", "from /photos/2023")
	scr.keys("G", "r")
	scr.wait(t, "Restore 3 items", "1 selected item is left out")
	scr.keys("y")
	scr.wait(t, "restored 3 of 3")
	scr.keys("q")
	scr.final(t)

	for _, r := range append(e.recs, batch...) {
		want := 0
		if r.ID >= 600 && r.CanRestore {
			want = 1
		}
		if got := e.srv.RestoreCount(r.ID); got != want {
			t.Errorf("%s (%d) restored %d times, want %d", r.Name, r.ID, got, want)
		}
	}
}
