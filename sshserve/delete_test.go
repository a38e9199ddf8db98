package sshserve

import (
	"net/http/httptest"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/api"
	"smhbin/api/fakesmh"
	"smhbin/sshserve/sshtest"
)

// deleteSetup serves an emulator the test can inspect, with deleting
// allowed or not.
func deleteSetup(t *testing.T, allow bool, set serverSetup) (*testServer, *fakesmh.Server) {
	t.Helper()
	emu := fakesmh.New(fakesmh.Options{LibraryID: "smhtest", SpaceID: "-", Token: testToken, Items: testItems, Seed: 7})
	hs := httptest.NewServer(emu)
	t.Cleanup(hs.Close)
	client, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "smhtest", SpaceID: "-", Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	set.edit = func(c *Config) {
		c.Client, c.Options, c.AllowDelete = client, testOptions(client), allow
	}
	return startServer(t, set), emu
}

// TestServeDeleteIsOffWithoutAllowDelete: a read-write key on a server
// started without --allow-delete gets the reason from D and ctrl+x, and
// nothing is sent.
func TestServeDeleteIsOffWithoutAllowDelete(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts, emu := deleteSetup(t, false, serverSetup{full: []gossh.Signer{alice}})
	_, term := ts.login(t, "alice", alice, 120, 40)
	term.Out.WaitFor(t, 0, loaded)
	mark := term.Out.Mark()
	term.Press(t, "D")
	term.Out.WaitFor(t, mark, "delete is off: the server runs without --allow-delete")
	mark = term.Out.Mark()
	term.Press(t, "?") // the help says why D and ctrl+x are off
	term.Out.WaitFor(t, mark, "empty the bin (off: the server runs without --allow-delete)")
	mark = term.Out.Mark()
	term.Press(t, "?")
	term.Out.WaitFor(t, mark, loaded)
	term.Press(t, "q")
	if err := term.WaitEnd(t); err != nil {
		t.Errorf("session end: %v", err)
	}
	if strings.Contains(term.Out.TextSince(0), "for good ·") {
		t.Error("a delete dialog opened without --allow-delete")
	}
	if n := len(emu.DeleteRequests()); n != 0 {
		t.Fatalf("%d delete requests sent without --allow-delete", n)
	}
}

// TestServeAllowDeleteSparesReadOnlyKeys: with --allow-delete a
// read-write key deletes after typing the word; a read-only key cannot.
func TestServeAllowDeleteSparesReadOnlyKeys(t *testing.T) {
	alice, auditor := sshtest.NewClientKey(t), sshtest.NewClientKey(t)
	ts, emu := deleteSetup(t, true, serverSetup{full: []gossh.Signer{alice}, readOnly: []gossh.Signer{auditor}})
	ts.log.WaitFor(t, 0, "deleting allowed (--allow-delete)")

	_, ro := ts.login(t, "auditor", auditor, 120, 40)
	ro.Out.WaitFor(t, 0, loaded)
	mark := ro.Out.Mark()
	ro.Press(t, "D")
	ro.Out.WaitFor(t, mark, "delete is off: read-only mode")
	ro.Press(t, "q")
	if err := ro.WaitEnd(t); err != nil {
		t.Errorf("session end: %v", err)
	}
	if n := len(emu.DeleteRequests()); n != 0 {
		t.Fatalf("a read-only key sent %d delete requests", n)
	}

	_, rw := ts.login(t, "alice", alice, 120, 40)
	rw.Out.WaitFor(t, 0, loaded)
	mark = rw.Out.Mark()
	rw.Press(t, "D")
	rw.Out.WaitFor(t, mark, "Delete 1 item for good")
	mark = rw.Out.Mark()
	rw.Press(t, "delete") // keys are read in order: enter comes after the word
	rw.Press(t, "\r")
	rw.Out.WaitFor(t, mark, "deleted 1 of 1")
	rw.Press(t, "q")
	if err := rw.WaitEnd(t); err != nil {
		t.Errorf("session end: %v", err)
	}
	if n := len(emu.DeleteSends()); n != 1 {
		t.Fatalf("%d ids sent for deletion, want 1", n)
	}
}
