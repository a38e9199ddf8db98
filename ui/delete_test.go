package ui

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// deleteModel is an emulator-backed model that may delete, over the
// same engine as its restores.
func (e *emu) deleteModel(t *testing.T, w, h int, mod func(*Options)) *Model {
	return e.model(t, w, h, func(o *Options) {
		o.Deleter = e.engine
		if mod != nil {
			mod(o)
		}
	})
}

// TestDeleteDialogNeedsTheTypedCount: the dialog names the items, their
// count and size and says it cannot be undone; y, enter or a wrong count
// keep it open and send nothing; the right count deletes exactly those.
func TestDeleteDialogNeedsTheTypedCount(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{ChunkSize: 2})
	m := e.deleteModel(t, 80, 24, nil)
	press(t, m, " ", " ", " ", "D")
	if m.mode != modeDialog || m.dialog.kind != dialogDelete {
		t.Fatal("D should open the delete dialog")
	}
	mustContain(t, plain(m), "Delete 3 items for good · 6.0 kB", "cannot be undone", "• a.txt", "• c.txt", "• report.docx", "Type 3")
	press(t, m, "y", "enter")
	press(t, m, "backspace", "2", "enter")
	if m.mode != modeDialog {
		t.Fatal("a wrong count closed the dialog")
	}
	mustContain(t, plain(m), "that is not it: nothing was deleted")
	if n := len(e.srv.DeleteSends()); n != 0 || len(e.srv.DeleteRequests()) != 0 {
		t.Fatalf("%d ids were sent for deletion before the count was typed", n)
	}
	press(t, m, "backspace", "3", "enter")
	if m.mode != modeBrowse {
		t.Fatal("the right count should start the delete")
	}
	mustContain(t, plain(m), "deleted 3 of 3", "7 items")
	for _, r := range e.recs[:3] {
		if e.srv.InBin(r.ID) {
			t.Errorf("%s is still in the bin", r.Name)
		}
		if got := e.srv.DeleteSends()[r.ID]; got != 1 {
			t.Errorf("%s was sent %d times, want once", r.Name, got)
		}
		if _, ok := m.data.Index(r.ID); ok {
			t.Errorf("%s is still in the list", r.Name)
		}
	}
	if m.data.MarkCount() != 0 {
		t.Fatalf("%d marks left on deleted rows", m.data.MarkCount())
	}
}

// TestDeleteOneWantsTheWordAndLeavesOutTheUndeletable: one item wants
// "delete" typed; items whose canDelete is false are left out, said why.
func TestDeleteOneWantsTheWordAndLeavesOutTheUndeletable(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	addUndeletable(e)
	m := e.deleteModel(t, 100, 30, nil)
	markID(t, m, undeletableID)
	a, _ := m.data.Index(e.recs[0].ID)
	m.data.SetMark(a, true)
	press(t, m, "D")
	mustContain(t, plain(m), "Delete 1 item for good", "it leaves", "1 selected item is left out: cannot be deleted (no permission)", "Type delete")
	press(t, m, "d", "e", "l", "enter")
	if m.mode != modeDialog || len(e.srv.DeleteRequests()) != 0 {
		t.Fatal("a partial word deleted or closed the dialog")
	}
	press(t, m, "e", "t", "e", "enter")
	if e.srv.InBin(e.recs[0].ID) || !e.srv.InBin(undeletableID) {
		t.Fatal("want a.txt deleted and the undeletable item kept")
	}
	if _, ok := e.srv.DeleteSends()[undeletableID]; ok {
		t.Fatal("an item the server refuses to delete was sent")
	}
}

// TestDeleteNothingDeletableOpensNoDialog: D on a selection the server
// lets the token delete none of says why and opens no "0 items" dialog.
func TestDeleteNothingDeletableOpensNoDialog(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	addUndeletable(e)
	m := e.deleteModel(t, 100, 30, nil)
	markID(t, m, undeletableID)
	press(t, m, "D")
	if m.mode == modeDialog {
		t.Fatalf("a dialog opened for nothing deletable:\n%s", plain(m))
	}
	mustContain(t, plain(m), "nothing to delete: your token may not delete this item")
	if len(e.srv.DeleteRequests()) != 0 {
		t.Fatal("a delete was sent")
	}
}

// TestDeleteOffSaysWhyAndSendsNothing: --read-only, a read-only SSH key
// and serve without --allow-delete leave D and ctrl+x answering with the
// reason only; the emulator's log shows no DELETE and no ?delete.
func TestDeleteOffSaysWhyAndSendsNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*Options)
		why  string
	}{
		{"read-only", func(o *Options) { o.ReadOnly = true }, "delete is off: read-only mode"},
		// what sshserve sets for a read-write key without --allow-delete
		{"serve-without-allow-delete", func(o *Options) {
			o.Deleter = nil
			o.DeleteOff = "the server runs without --allow-delete"
		}, "delete is off: the server runs without --allow-delete"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
			m := e.deleteModel(t, 120, 30, tc.mod)
			mustContain(t, plain(m), "D delete off (? says why)")
			press(t, m, " ", "D")
			if m.mode == modeDialog {
				t.Fatal("D opened a dialog while deleting is off")
			}
			mustContain(t, m.status, tc.why)
			press(t, m, "3", "enter", "ctrl+x")
			mustContain(t, m.status, tc.why)
			press(t, m, "testlib", "enter")
			press(t, m, "?")
			mustContain(t, plain(m), "delete for good (off: ", "empty the bin (off: ")
			if sent := e.srv.DeleteRequests(); len(sent) != 0 {
				t.Fatalf("%d delete requests sent while deleting is off", len(sent))
			}
		})
	}
}

// TestRestoreAndDeleteCannotRace: while a restore of items is in flight,
// D refuses in this session, and another session on the same engine
// (as over SSH) gets the items back unsent (InFlight).
func TestRestoreAndDeleteCannotRace(t *testing.T) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{})
	e.srv.SetFault(fakesmh.Fault{Hang: func(r *http.Request) bool { return r.URL.Query().Has("restore") }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := e.deleteModel(t, 100, 30, func(o *Options) { o.Context = ctx })
	press(t, a, " ", " ", "r")
	cmd := a.startRestore(a.dialog.ids, api.OriginalPath)
	a.mode, a.dialog = modeBrowse, dialogState{}
	_ = cmd // the restore hangs: its events are not pumped here
	press(t, a, "D")
	mustContain(t, a.status, "a restore is running")
	press(t, a, "ctrl+x")
	mustContain(t, a.status, "a restore is running")

	b := e.deleteModel(t, 160, 30, nil)
	press(t, b, "d", " ", " ", "D", "2", "enter")
	mustContain(t, plain(b), "deleted 0 of 2", "2 not sent (2 InFlight)", "– not sent: another restore or delete")
	if sent := e.srv.DeleteRequests(); len(sent) != 0 {
		t.Fatalf("%d delete requests sent for items being restored", len(sent))
	}
}

// TestDeleteAfter500ShowsWhatTheEngineFound: a batch delete that deletes
// one id and answers 500 is reconciled: the deleted row leaves the list,
// the others stay and say they are still in the bin.
func TestDeleteAfter500ShowsWhatTheEngineFound(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	e.srv.SetFault(fakesmh.Fault{DeletePartial: 1})
	m := e.deleteModel(t, 160, 30, nil)
	press(t, m, "d", " ", " ", " ", "D", "3", "enter")
	mustContain(t, plain(m), "deleted 1 of 3 · 2 failed (2 StillInBin)", "✗ StillInBin — still in the bin", "9 items")
	if _, ok := m.data.Index(e.recs[0].ID); ok {
		t.Fatal("the deleted row is still listed")
	}
	if m.data.MarkCount() != 2 {
		t.Fatalf("marks %d, want the 2 still in the bin", m.data.MarkCount())
	}
	press(t, m, "R")
	if m.mode == modeDialog {
		t.Fatal("R offered to restore items whose delete failed")
	}
}

// TestDeleteLostReplyShowsNotConfirmedOrDeleted: a reply lost after the
// server acted is settled by re-checking: gone items leave the list.
func TestDeleteLostReplyIsReconciled(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	e.srv.SetFault(fakesmh.Fault{ResetAfterDelete: true})
	m := e.deleteModel(t, 120, 30, nil)
	press(t, m, " ", " ", "D", "2", "enter")
	mustContain(t, plain(m), "deleted 2 of 2", "8 items")
}

// TestDeletedRowsLeaveGroupedViews: the batch view is built from the
// list, so deleted rows leave it too.
func TestDeletedRowsLeaveGroupedViews(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := e.deleteModel(t, 120, 30, nil)
	press(t, m, " ", "D", "d", "e", "l", "e", "t", "e", "enter", "f")
	mustContain(t, plain(m), "docs/ · 8 items") // 9 before
	if strings.Contains(plain(m), "a.txt") {
		t.Fatalf("a deleted row is still in the folder view:\n%s", plain(m))
	}
}

// TestEmptyBinWantsTheLibraryOrCount: ctrl+x names the count and size,
// refuses a wrong text, and after the library id empties and reloads.
func TestEmptyBinWantsTheLibraryOrCount(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	m := e.deleteModel(t, 100, 30, nil)
	press(t, m, "ctrl+x")
	mustContain(t, plain(m), "Empty the recycle bin of testlib?", "10 items,", "55 kB. This cannot be undone.", "Type testlib or 10")
	press(t, m, "9", "enter", "enter", "y")
	if m.mode != modeDialog || len(e.srv.DeleteRequests()) != 0 {
		t.Fatal("a wrong text emptied the bin or closed the dialog")
	}
	press(t, m, "backspace", "backspace", "testlib", "enter")
	if n := len(e.srv.IDs()); n != 0 {
		t.Fatalf("%d items left in the bin", n)
	}
	mustContain(t, plain(m), "0 items", "emptied the bin: 10 items deleted for good")
	if sent := e.srv.DeleteRequests(); len(sent) != 1 {
		t.Fatalf("%d delete requests, want the one empty", len(sent))
	}
}

// TestEmptyWithoutTheGrantSaysWhich: a token without delete_recycled is
// told which grant it needs; nothing reloads.
func TestEmptyWithoutTheGrantSaysWhich(t *testing.T) {
	e := newEmu(t, fakesmh.Options{NoDeleteGrant: true}, api.EngineOptions{})
	m := e.deleteModel(t, 100, 30, nil)
	press(t, m, "ctrl+x", "10", "enter")
	mustContain(t, m.status, "the bin was not emptied", "delete_recycled")
	if len(m.data.View()) != 10 {
		t.Fatal("a refused empty changed the list")
	}
}

// undeletableID is the item addUndeletable adds: the token may restore
// it but not delete it.
const undeletableID = 900

// addUndeletable adds keep.txt (undeletableID, canDelete false) to e's bin.
func addUndeletable(e *emu) {
	r := e.recs[4]
	r.ID, r.Name, r.CanDelete = undeletableID, "keep.txt", false
	e.srv.Add(r)
}

// markID marks the loaded item id.
func markID(t *testing.T, m *Model, id int64) {
	t.Helper()
	idx, ok := m.data.Index(id)
	if !ok {
		t.Fatalf("item %d is not loaded", id)
	}
	m.data.SetMark(idx, true)
}
