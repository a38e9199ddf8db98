package cli

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"smhbin/api/fakesmh"
	"smhbin/explain"
)

// noDoubleRestore: no id sent twice, none restored twice.
func noDoubleRestore(t *testing.T, srv *fakesmh.Server) {
	t.Helper()
	for id, n := range srv.RestoreSends() {
		if n > 1 || srv.RestoreCount(id) > 1 {
			t.Errorf("item %d sent %d times, restored %d times", id, n, srv.RestoreCount(id))
		}
	}
}

func TestFaultListEveryThirdGET(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: 500, Seed: 4, FailEvery: 3})
	r := runCLI(t, env, "", "--page-size", "37", "list", "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var items []struct {
		ID int64 `json:"recycledItemId"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	if !slices.Equal(ids, srv.IDs()) {
		t.Fatalf("listed %d ids, want the bin's %d exactly, in order", len(ids), len(srv.IDs()))
	}
}

// laterPage answers list requests with a marker (the second page on) by
// reply, and passes the rest to the emulator.
func laterPage(reply func(http.ResponseWriter)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if q := r.URL.Query(); r.Method == http.MethodGet && q.Has("marker") && !q.Has("info") {
				w.Header().Set("Content-Type", "application/json")
				reply(w)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// A listing that breaks says how far it got and why, and exits 1.
func TestFaultListBadReplies(t *testing.T) {
	cases := []struct {
		name  string
		reply func(http.ResponseWriter)
		want  []string
	}{
		{"malformed JSON", func(w http.ResponseWriter) { _, _ = io.WriteString(w, `{"contents":[{"recycledItemId":`) },
			[]string{"listing stopped after 100 of 250 items", "malformed JSON"}},
		{"10 MB body", func(w http.ResponseWriter) { _, _ = io.WriteString(w, `{"contents":[`+strings.Repeat(" ", 10<<20)) },
			[]string{"listing stopped after 100 of 250 items", "response larger than 8 MiB"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, env := emulatorWith(t, fakesmh.Options{Items: 250}, laterPage(tc.reply))
			r := runCLI(t, env, "", "list")
			if r.code != exitFailure {
				t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
	t.Run("server gone", func(t *testing.T) {
		_, env := emulator(t, fakesmh.Options{Items: 5})
		env[envEndpoint] = refusedEndpoint(t)
		r := runCLI(t, env, "", "list")
		if r.code != exitFailure || !strings.Contains(r.stderr, "could not reach the SMH API at "+env[envEndpoint]) ||
			!strings.Contains(r.stderr, "connection refused") {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// A token that expires mid-restore stops the run (later chunks are never
// sent) and exits 4 with the sentence that says what to do.
func TestFaultRestoreTokenExpiresMidRun(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: -1, AsyncThreshold: -1})
	var recs []fakesmh.Record
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		recs = append(recs, fakesmh.NewRecord("docs", n+".txt"))
	}
	ids := srv.Add(recs...)
	srv.SetFault(fakesmh.Fault{TokenExpiresAfter: 1})
	args := []string{"restore", "--chunk", "2", "--concurrency", "1"}
	for _, id := range ids {
		args = append(args, itoa(id))
	}
	r := runCLI(t, env, "", args...)
	if r.code != exitAuth || !strings.Contains(r.stderr, explain.TokenRejected) {
		t.Fatalf("exit %d, stderr %q; want 4 and the sentence", r.code, r.stderr)
	}
	got := map[string]int{}
	for _, l := range lines(r.stdout) {
		f := strings.Fields(l)
		got[strings.Join(f[1:min(3, len(f))], " ")]++
	}
	want := map[string]int{"restored /docs/a.txt": 1, "restored /docs/b.txt": 1, "failed InvalidAccessToken": 2, "skipped NotSent": 2}
	for k, n := range want {
		if got[k] != n {
			t.Fatalf("outcomes %v, want %v:\n%s", got, want, r.stdout)
		}
	}
	if n := len(srv.RestoreSends()); n != 4 {
		t.Errorf("%d ids sent, want 4", n)
	}
	noDoubleRestore(t, srv)
}

// The reply to a restore is lost after the server acted: each item is
// confirmed through Info and reported restored, and nothing is resent.
func TestFaultRestoreResetAfterRestore(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: -1, AsyncThreshold: -1})
	ids := srv.Add(fakesmh.NewRecord("docs", "a.txt"), fakesmh.NewRecord("docs", "b.txt"), fakesmh.NewRecord("docs", "c.txt"))
	srv.SetFault(fakesmh.Fault{ResetAfterRestore: true})
	r := runCLI(t, env, "", "restore", "--chunk", "2", itoa(ids[0]), itoa(ids[1]), itoa(ids[2]))
	if r.code != exitOK || !strings.Contains(r.stderr, "restored 3 of 3") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for _, id := range ids {
		if srv.RestoreCount(id) != 1 || srv.RestoreSends()[id] != 1 {
			t.Errorf("item %d sent %d times, restored %d times; want once", id, srv.RestoreSends()[id], srv.RestoreCount(id))
		}
	}
	noDoubleRestore(t, srv)
}

// A server whose pages never end stops `list` with exit 1 and a clear
// sentence after a few requests, in every output format.
func TestFaultListEndlessPaging(t *testing.T) {
	for _, mode := range []string{fakesmh.EndlessRepeatMarker, fakesmh.EndlessEmptyPages, fakesmh.EndlessSameItems, fakesmh.EndlessPastTotal} {
		for _, format := range []string{"--json", "--csv", ""} {
			t.Run(mode+format, func(t *testing.T) {
				srv, env := emulator(t, fakesmh.Options{Items: 5})
				srv.SetFault(fakesmh.Fault{Endless: mode})
				args := []string{"list"}
				if format != "" {
					args = append(args, format)
				}
				r := runCLI(t, env, "", args...)
				if r.code != exitFailure || !strings.Contains(r.stderr, "the listing does not end") {
					t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
				}
				if n := len(srv.Requests()); n > 20 {
					t.Errorf("%d requests before stopping", n)
				}
			})
		}
	}
}
