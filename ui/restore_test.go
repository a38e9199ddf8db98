package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// TestRestoreFlowAgainstEmulator: mark five (one DirectoryNotFound, one
// name conflict), confirm, and check rows, summary and server state.
func TestRestoreFlowAgainstEmulator(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{ChunkSize: 2, Concurrency: 2})
	m := e.model(t, 120, 30, nil)
	if len(m.data.Items()) != len(e.recs) {
		t.Fatalf("loaded %d, want %d", len(m.data.Items()), len(e.recs))
	}
	// Rows in order: a, c(gone), report(conflict), locked(no perm), e, link...
	press(t, m, " ", " ", " ", " ", " ", " ") // "locked" is skipped with a message
	if m.data.MarkCount() != 5 {
		t.Fatalf("marked %d, want 5 (the locked row cannot be marked)", m.data.MarkCount())
	}
	press(t, m, "r")
	if m.mode != modeDialog {
		t.Fatal("r should open the confirm dialog")
	}
	mustContain(t, plain(m), "Restore 5 items · 17 kB", "originalPath", "report (1).docx")
	press(t, m, "t")
	mustContain(t, plain(m), "fallbackToRoot")
	press(t, m, "t", "y")

	mustContain(t, plain(m), "restored 3 of 5", "1 renamed", "2 failed (1 DirectoryNotFound, 1 SourceFileNotFound)")
	press(t, m, "d") // details off: the folder column gets the room
	view := plain(m)
	mustContain(t, view, "✓ → /docs  ", "✓ → /docs/report (1).docx", "✗ DirectoryNotFound", "✗ SourceFileNotFound")
	for _, r := range e.recs {
		want := 0
		switch r.Name {
		case "a.txt", "report.docx", "e.txt":
			want = 1
		}
		if got := e.srv.RestoreCount(r.ID); got != want {
			t.Errorf("%s restored %d times, want %d", r.Name, got, want)
		}
	}
	// Marks clear for restored items only.
	if m.data.MarkCount() != 2 {
		t.Fatalf("marks after restore = %d, want the 2 failed", m.data.MarkCount())
	}
	// Restored rows cannot be marked again.
	press(t, m, "g", " ")
	if m.data.MarkCount() != 2 || !strings.Contains(m.status, "already restored") {
		t.Fatalf("a restored row was marked again (marks %d, status %q)", m.data.MarkCount(), m.status)
	}
}

// TestRetryFailedSendsOnlyFailed retries with fallbackToRoot and checks
// the request carried only the failed ids.
func TestRetryFailedSendsOnlyFailed(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{})
	m := e.model(t, 100, 30, nil)
	press(t, m, "a", "r", "y")
	mustContain(t, plain(m), "restored 7 of 9", "2 failed")
	before := len(e.restorePosts())
	press(t, m, "R")
	mustContain(t, plain(m), "Retry 2 items", "1 failed because the folder is gone")
	press(t, m, "t", "y")
	posts := e.restorePosts()[before:]
	if len(posts) != 1 {
		t.Fatalf("retry sent %d requests, want 1", len(posts))
	}
	failed := []int64{e.recs[1].ID, e.recs[5].ID}
	var sent []int64
	for _, f := range strings.Split(strings.Trim(posts[0].Body, "[] \n"), ",") {
		id, _ := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		sent = append(sent, id)
	}
	slices.Sort(sent)
	if !slices.Equal(sent, failed) {
		t.Fatalf("retry sent %v, want only the failed %v", sent, failed)
	}
	if got := posts[0].Query.Get("restore_path_strategy"); got != "fallbackToRoot" {
		t.Fatalf("retry strategy %q, want fallbackToRoot", got)
	}
	mustContain(t, plain(m), "restored 1 of 2")
	for _, r := range e.recs {
		if e.srv.RestoreCount(r.ID) > 1 {
			t.Fatalf("%s restored twice", r.Name)
		}
	}
}

// TestAsyncBatchShowsTaskThenResults: above the threshold the server
// answers 202 and rows wait on the task until it reports.
func TestAsyncBatchShowsTaskThenResults(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: 3, TaskDuration: 300 * time.Millisecond}, api.EngineOptions{ChunkSize: 10})
	m := e.model(t, 120, 30, nil)
	press(t, m, "a")
	press(t, m, "r")
	_, cmd := m.Update(keyMsg("y"))
	sawTask := false
	for cmd != nil {
		cmd = step(t, m, cmd)
		if strings.Contains(plain(m), "waiting on server task") {
			sawTask = true
		}
	}
	if !sawTask {
		t.Fatal("never showed the server task being polled")
	}
	mustContain(t, plain(m), "restored 7 of 9")
	if e.srv.PendingTasks() != 0 {
		t.Fatal("a task is still pending")
	}
}

// TestCancelMidRestoreNeverSendsUnsentChunks cancels after the first
// chunk went out; the request log must hold no later chunk.
func TestCancelMidRestoreNeverSendsUnsentChunks(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1, Latency: 150 * time.Millisecond}, api.EngineOptions{ChunkSize: 2, Concurrency: 1})
	m := e.model(t, 120, 30, nil)
	press(t, m, "a")
	press(t, m, "r")
	_, cmd := m.Update(keyMsg("y"))
	for cmd != nil && !strings.Contains(plain(m), "restoring…") {
		cmd = step(t, m, cmd)
	}
	_, c := m.Update(keyMsg("ctrl+c"))
	if c != nil || m.mode != modeDialog {
		t.Fatal("ctrl+c during a restore must ask, not quit")
	}
	mustContain(t, plain(m), "Stop this restore?")
	_, c = m.Update(keyMsg("y"))
	run(t, m, tea_batch(cmd, c))
	posts := e.restorePosts()
	if len(posts) >= 5 {
		t.Fatalf("%d chunks sent after cancel, want fewer than all 5", len(posts))
	}
	sent := map[int64]bool{}
	for _, p := range posts {
		for _, f := range strings.Split(strings.Trim(p.Body, "[] \n"), ",") {
			id, _ := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
			sent[id] = true
		}
	}
	notSent := 0
	for id, o := range m.outcomes {
		if o.kind == api.Skipped {
			notSent++
			if sent[id] {
				t.Fatalf("id %d reported not sent but was in a request", id)
			}
		}
	}
	if notSent == 0 || notSent != m.rr.skipped {
		t.Fatalf("not-sent items %d, run counted %d", notSent, m.rr.skipped)
	}
	mustContain(t, plain(m), "not sent (", "Cancelled")
}

// TestTokenExpiryMidRestoreStopsAndSaysWhatToDo: a 403 InvalidAccessToken
// stops the run; the summary tells how to supply a fresh token.
func TestTokenExpiryMidRestoreStopsAndSaysWhatToDo(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{ChunkSize: 2, Concurrency: 1})
	m := e.model(t, 120, 30, nil)
	e.srv.SetFault(fakesmh.Fault{TokenExpiresAfter: 1})
	press(t, m, "a", "r", "y")
	s := plain(m)
	mustContain(t, s, "token rejected", "SMH_ACCESS_TOKEN", "NotSent")
	if got := len(e.restorePosts()); got != 2 {
		t.Fatalf("%d restore requests, want 2 (one ok, one rejected, then stop)", got)
	}
}

func TestReadOnlyBlocksRestore(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := e.model(t, 100, 30, func(o *Options) { o.ReadOnly = true })
	press(t, m, " ", "r")
	if m.mode == modeDialog {
		t.Fatal("read-only must not open the restore dialog")
	}
	s := plain(m)
	mustContain(t, s, "READ-ONLY")
	if strings.Contains(s, "r restore") {
		t.Fatal("hint bar offers restore in read-only mode")
	}
	press(t, m, "?")
	mustContain(t, plain(m), "restore (read-only mode)")
	if len(e.restorePosts()) != 0 {
		t.Fatal("read-only sent a restore")
	}
}

// TestConfirmDialogExcludesUnrestorable: the cursor on an item without
// permission (no marks) opens no "Restore 0 items" dialog: the status
// line says why, and nothing is sent.
func TestConfirmDialogExcludesUnrestorable(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := e.model(t, 100, 30, nil)
	press(t, m, "down", "down", "down", "r") // "locked.txt"
	if m.mode == modeDialog {
		t.Fatalf("a dialog with nothing to restore opened:\n%s", plain(m))
	}
	mustContain(t, plain(m), "nothing to restore: your token lacks permission for this item")
	press(t, m, "y")
	if len(e.restorePosts()) != 0 || m.rr != nil {
		t.Fatal("a restore of nothing was started")
	}
}

// TestCancelKeyXAndDenyKeepGoing: x asks like ctrl+c; n closes the dialog
// and the run carries on to its summary.
func TestCancelKeyXAndDenyKeepGoing(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1, Latency: 50 * time.Millisecond}, api.EngineOptions{ChunkSize: 2, Concurrency: 1})
	m := e.model(t, 120, 30, nil)
	press(t, m, "a")
	press(t, m, "r")
	_, cmd := m.Update(keyMsg("y"))
	for cmd != nil && !strings.Contains(plain(m), "restoring…") {
		cmd = step(t, m, cmd)
	}
	m.Update(keyMsg("x"))
	if m.mode != modeDialog || !strings.Contains(plain(m), "Stop this restore?") {
		t.Fatal("x during a restore must ask to stop it")
	}
	m.Update(keyMsg("n"))
	if m.mode != modeBrowse || m.rr.cancelling {
		t.Fatal("n must close the dialog and keep the run going")
	}
	run(t, m, cmd)
	mustContain(t, plain(m), "restored 7 of 9")
	if m.rr.skipped != 0 {
		t.Fatalf("%d items skipped after declining to stop", m.rr.skipped)
	}
}

// TestSpaceOnLockedRowNamesIt: space on a row that cannot be restored
// says which row and why, and marks nothing.
func TestSpaceOnLockedRowNamesIt(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := e.model(t, 120, 30, nil)
	press(t, m, "down", "down", "down", " ")
	if m.data.MarkCount() != 0 {
		t.Fatal("a locked row was marked")
	}
	mustContain(t, plain(m), "“locked.txt” cannot be restored: your token lacks permission")
}

// TestMarksCountIsWhatRestoreSends: across a reload in the middle of a
// listing, the count on the status line is the dialog's count.
func TestMarksCountIsWhatRestoreSends(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := e.model(t, 120, 30, nil)
	press(t, m, "a")
	n := m.data.MarkCount()
	press(t, m, "r")
	if m.mode != modeDialog || len(m.dialog.ids) != n {
		t.Fatalf("%d marked, the dialog sends %d", n, len(m.dialog.ids))
	}
	mustContain(t, plain(m), strconv.Itoa(n)+" marked")
}
