package fakesmh_test

import (
	"net/http"
	"testing"

	"smhbin/api/fakesmh"
)

// TestDeleteWithoutGrant: a token without delete_recycled deletes nothing,
// by any route, and gets 403 NoPermission.
func TestDeleteWithoutGrant(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{NoDeleteGrant: true})
	for _, st := range []struct{ method, path, query, body string }{
		{"DELETE", itemPath(1), "", ""},
		{"POST", binPath, "delete", "[2]"},
		{"DELETE", binPath, "delete=1", "[3]"},
		{"DELETE", binPath, "", ""},
	} {
		r := e.call(st.method, st.path, st.query, st.body)
		if r.status != http.StatusForbidden || r.errCode(t) != "NoPermission" {
			t.Errorf("%s %s?%s: %d %s, want 403 NoPermission", st.method, st.path, st.query, r.status, r.body)
		}
	}
	if n := e.srv.Stats().Purged; n != 0 {
		t.Errorf("%d items purged without the grant", n)
	}
}

// TestDeletePartialFault: the batch deletes its first ids, then answers a
// bare 500; the request log still counts every id once.
func TestDeletePartialFault(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	e.srv.SetFault(fakesmh.Fault{DeletePartial: 2})
	r := e.call(http.MethodPost, binPath, "delete", "[1,2,3]")
	if r.status != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", r.status)
	}
	if e.srv.InBin(1) || e.srv.InBin(2) || !e.srv.InBin(3) {
		t.Error("DeletePartial 2 should delete ids 1 and 2 only")
	}
	e.call(http.MethodDelete, itemPath(3), "", "")
	want := map[int64]int{1: 1, 2: 1, 3: 2}
	got := e.srv.DeleteSends()
	for id, n := range want {
		if got[id] != n {
			t.Errorf("DeleteSends()[%d] = %d, want %d (%v)", id, got[id], n, got)
		}
	}
}
