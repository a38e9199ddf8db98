package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"smhbin/api/fakesmh"
)

// ttyInput is a stdin that claims to be a terminal, with typed text.
type ttyInput struct{ *strings.Reader }

func (ttyInput) IsTerminal() bool { return true }

// runTTY runs smhbin with typed as what the user types on a terminal.
func runTTY(t *testing.T, env map[string]string, typed string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, getenvFrom(env), ttyInput{strings.NewReader(typed)}, &stdout, &stderr)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// deleteBin holds three deletable files (201-203, 1 KiB each) and one the
// user may not delete (204).
func deleteBin(t *testing.T, opts fakesmh.Options) (*fakesmh.Server, map[string]string) {
	t.Helper()
	var recs []fakesmh.Record
	for i, name := range []string{"a.txt", "b.txt", "c.txt", "locked.txt"} {
		r := fakesmh.NewRecord("docs", name)
		r.ID, r.Size = int64(201+i), 1024
		recs = append(recs, r)
	}
	recs[3].CanDelete = false
	opts.Items = -1
	return emulator(t, opts, recs...)
}

// deletesSent is the log's delete, batch delete and empty requests.
func deletesSent(s *fakesmh.Server) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == http.MethodDelete || r.Query.Has("delete") {
			n++
		}
	}
	return n
}

func TestDestructiveCommandsRefuseWithoutConfirmation(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"read-only delete", []string{"--read-only", "delete", "--yes", "201"}, "--read-only"},
		{"read-only empty", []string{"--read-only", "empty", "--yes"}, "--read-only"},
		{"delete without --yes", []string{"delete", "201"}, "--yes"},
		{"empty without --yes", []string{"empty"}, "--yes"},
		{"ids on stdin without --yes", []string{"delete", "-"}, "--yes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, env := deleteBin(t, fakesmh.Options{})
			r := runCLI(t, env, "201\n", tc.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 naming %s", r.code, r.stderr, tc.want)
			}
			if n := deletesSent(srv); n != 0 || srv.Stats().InBin != 4 {
				t.Errorf("%d delete requests sent, %d items left", n, srv.Stats().InBin)
			}
		})
	}
}

func TestDeleteTypedConfirmation(t *testing.T) {
	for _, tc := range []struct {
		name, typed string
		ids         []string
		deleted     bool
	}{
		{"count", "2\n", []string{"201", "202"}, true},
		{"wrong count", "3\n", []string{"201", "202"}, false},
		{"y is not a count", "y\n", []string{"201", "202"}, false},
		{"nothing typed", "", []string{"201", "202"}, false},
		{"one item", " delete \n", []string{"201"}, true},
		{"one item, count typed", "1\n", []string{"201"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, env := deleteBin(t, fakesmh.Options{})
			r := runTTY(t, env, tc.typed, append([]string{"delete"}, tc.ids...)...)
			if !strings.Contains(r.stderr, "cannot be undone") || !strings.Contains(r.stderr, "docs/a.txt") {
				t.Errorf("the question does not show what is lost: %q", r.stderr)
			}
			if !tc.deleted {
				if r.code != exitFailure || deletesSent(srv) != 0 || !srv.InBin(201) {
					t.Errorf("exit %d, %d deletes sent; want 1 and nothing sent", r.code, deletesSent(srv))
				}
				return
			}
			if r.code != exitOK || srv.InBin(201) {
				t.Errorf("exit %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}

// TestDeleteLeavesOutWhatItCannotDelete: ids not in the bin and items
// closed to the user are reported skipped and never sent.
func TestDeleteLeavesOutWhatItCannotDelete(t *testing.T) {
	srv, env := deleteBin(t, fakesmh.Options{})
	r := runTTY(t, env, "delete\n", "delete", "201", "204", "999")
	if r.code != exitFailure || !strings.Contains(r.stderr, "Left out: 2 ids") {
		t.Errorf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	got := lines(r.stdout)
	slices.Sort(got)
	want := []string{"201  deleted", "204  skipped  NotDeletable", "999  skipped  NotInBin"}
	for i := range want {
		if i >= len(got) || !strings.HasPrefix(got[i], want[i]) {
			t.Fatalf("stdout:\n%s\nwant lines starting %q", r.stdout, want)
		}
	}
	if sends := srv.DeleteSends(); len(sends) != 1 || sends[201] != 1 {
		t.Errorf("sent %v, want 201 once", sends)
	}
}

func TestDeleteDryRunSendsNothing(t *testing.T) {
	srv, env := deleteBin(t, fakesmh.Options{})
	r := runCLI(t, env, "", "delete", "--dry-run", "201", "202", "999")
	if r.code != exitOK || deletesSent(srv) != 0 {
		t.Fatalf("exit %d, %d deletes sent; stderr %q", r.code, deletesSent(srv), r.stderr)
	}
	for _, s := range []string{"201  a.txt  1.0 KiB  docs/a.txt", "202  b.txt", "999  skipped  NotInBin"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("stdout %q lacks %q", r.stdout, s)
		}
	}
	if !strings.Contains(r.stderr, "would delete 2 items (2.0 KiB)") {
		t.Errorf("stderr %q, want the total", r.stderr)
	}
	r = runCLI(t, env, "", "delete", "--dry-run", "--json", "201")
	var line dryLine
	if err := json.Unmarshal([]byte(r.stdout), &line); err != nil || line.Name != "a.txt" || line.Size != 1024 || line.Status != "would-delete" {
		t.Errorf("json %q: %+v %v", r.stdout, line, err)
	}
}

// TestDelete500ReportsEachItem: a batch the server half-applies and
// answers 500 is checked item by item, reported per id, never resent.
func TestDelete500ReportsEachItem(t *testing.T) {
	srv, env := deleteBin(t, fakesmh.Options{})
	srv.SetFault(fakesmh.Fault{DeletePartial: 1})
	r := runCLI(t, env, "", "delete", "--yes", "--json", "201", "202", "203")
	if r.code != exitFailure {
		t.Errorf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	status := map[int64]string{}
	for _, l := range lines(r.stdout) {
		var rl resultLine
		if err := json.Unmarshal([]byte(l), &rl); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		status[rl.ID] = rl.Status + " " + rl.Code
	}
	want := map[int64]string{201: "deleted ", 202: "failed StillInBin", 203: "failed StillInBin"}
	for id, w := range want {
		if status[id] != w {
			t.Errorf("id %d: %q, want %q", id, status[id], w)
		}
	}
	for id, n := range srv.DeleteSends() {
		if n != 1 {
			t.Errorf("id %d sent %d times", id, n)
		}
	}
	if !strings.Contains(r.stderr, "deleted 1 of 3 · 2 failed (2 StillInBin)") {
		t.Errorf("stderr %q, want the summary", r.stderr)
	}
}

func TestDeleteWithoutGrantExits2(t *testing.T) {
	srv, env := deleteBin(t, fakesmh.Options{NoDeleteGrant: true})
	r := runCLI(t, env, "", "delete", "--yes", "201", "202")
	if r.code != exitUsage || !strings.Contains(r.stderr, "delete_recycled") {
		t.Errorf("exit %d, stderr %q; want 2 naming the grant", r.code, r.stderr)
	}
	r = runCLI(t, env, "", "empty", "--yes")
	if r.code != exitUsage || !strings.Contains(r.stderr, "delete_recycled") {
		t.Errorf("empty: exit %d, stderr %q; want 2 naming the grant", r.code, r.stderr)
	}
	if srv.Stats().InBin != 4 {
		t.Error("items deleted without the grant")
	}
}

func TestEmpty(t *testing.T) {
	srv, env := deleteBin(t, fakesmh.Options{})
	r := runCLI(t, env, "", "empty", "--dry-run")
	if r.code != exitOK || !strings.Contains(r.stdout, "would delete 4 items (4.0 KiB) from library smhtest") || deletesSent(srv) != 0 {
		t.Fatalf("dry run: exit %d, stdout %q, %d deletes", r.code, r.stdout, deletesSent(srv))
	}
	r = runTTY(t, env, "4\n", "empty")
	if r.code != exitFailure || deletesSent(srv) != 0 || !strings.Contains(r.stderr, "Type the library id (smhtest)") {
		t.Fatalf("the count is not the library id: exit %d, %d deletes, stderr %q", r.code, deletesSent(srv), r.stderr)
	}
	r = runTTY(t, env, "smhtest\n", "empty")
	if r.code != exitOK || srv.Stats().InBin != 0 || deletesSent(srv) != 1 {
		t.Fatalf("exit %d, %d left, stderr %q", r.code, srv.Stats().InBin, r.stderr)
	}
}

// TestEmptyLostReplyIsChecked: the reply to an empty is lost after the
// server emptied the bin; smhbin checks the listing instead of resending.
func TestEmptyLostReplyIsChecked(t *testing.T) {
	srv, env := deleteBin(t, fakesmh.Options{})
	srv.SetFault(fakesmh.Fault{ResetAfterDelete: true})
	r := runCLI(t, env, "", "empty", "--yes")
	if r.code != exitOK || !strings.Contains(r.stderr, "confirmed") || deletesSent(srv) != 1 {
		t.Errorf("exit %d, %d deletes, stderr %q", r.code, deletesSent(srv), r.stderr)
	}
}

// TestDeleteBadTokenNamesTheDeleteGrant: a refused token is exit 4 with a
// sentence naming the grant deletes need, and the token never shows.
func TestDeleteBadTokenNamesTheDeleteGrant(t *testing.T) {
	const bad = "BAD-token-delete-5c1e"
	srv, env := deleteBin(t, fakesmh.Options{})
	env[envToken] = bad
	for _, args := range [][]string{{"delete", "--yes", "201"}, {"empty", "--yes"}} {
		r := runCLI(t, env, "", args...)
		if r.code != exitAuth || !strings.Contains(r.stderr, "delete_recycled") || strings.Contains(r.stdout+r.stderr, bad) {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if srv.Stats().InBin != 4 {
		t.Error("items deleted with a refused token")
	}
}
