package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"smhbin/api/fakesmh"
	"smhbin/explain"
)

// mixedBin holds one plain item, one whose folder is gone and one whose
// name is taken (restored with a " (1)" suffix).
func mixedBin(t *testing.T) (*fakesmh.Server, map[string]string) {
	t.Helper()
	plain := fakesmh.NewRecord("docs", "notes.txt")
	plain.ID = 101
	orphan := fakesmh.NewRecord("gone", "plan.xlsx")
	orphan.ID, orphan.ParentMissing = 102, true
	taken := fakesmh.NewRecord("docs", "report.docx")
	taken.ID, taken.NameTaken = 103, true
	return emulator(t, fakesmh.Options{Items: -1}, plain, orphan, taken)
}

func lines(s string) []string {
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}

func TestRestoreMixReportsEachItem(t *testing.T) {
	srv, env := mixedBin(t)
	r := runCLI(t, env, "", "restore", "101", "102", "103")
	if r.code != exitFailure {
		t.Errorf("exit %d, want 1 (one item failed); stderr %q", r.code, r.stderr)
	}
	got := lines(r.stdout)
	slices.Sort(got) // results arrive in any order
	want := []string{
		"101  restored  /docs/notes.txt",
		"102  failed  DirectoryNotFound",
		"103  restored  /docs/report (1).docx",
	}
	if len(got) != len(want) {
		t.Fatalf("stdout:\n%s\nwant %d lines", r.stdout, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %q, want it to start with %q", got[i], want[i])
		}
	}
	if !strings.Contains(r.stderr, "restored 2 of 3 · 1 failed (1 DirectoryNotFound)") {
		t.Errorf("stderr %q, want the summary", r.stderr)
	}
	for id, n := range map[int64]int{101: 1, 102: 0, 103: 1} {
		if c := srv.RestoreCount(id); c != n {
			t.Errorf("item %d restored %d times, want %d", id, c, n)
		}
	}
}

func TestRestoreAllOKExits0(t *testing.T) {
	srv, env := mixedBin(t)
	r := runCLI(t, env, "", "restore", "--json", "--restore-path", "fallbackToRoot", "101", "102", "103")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	byID := map[int64]resultLine{}
	for _, l := range lines(r.stdout) {
		var rl resultLine
		if err := json.Unmarshal([]byte(l), &rl); err != nil {
			t.Fatalf("line %q is not JSON: %v", l, err)
		}
		byID[rl.ID] = rl
	}
	want := map[int64]string{101: "/docs/notes.txt", 102: "/plan.xlsx", 103: "/docs/report (1).docx"}
	for id, path := range want {
		if got := byID[id]; got.Status != "restored" || got.Path != path {
			t.Errorf("item %d: %+v, want restored to %q", id, got, path)
		}
		if srv.InBin(id) {
			t.Errorf("item %d still in the bin", id)
		}
	}
	if !strings.Contains(r.stderr, "restored 3 of 3") {
		t.Errorf("stderr %q", r.stderr)
	}
}

func TestRestoreIDsFromStdin(t *testing.T) {
	srv, env := mixedBin(t)
	r := runCLI(t, env, "101\n103, 101 # a duplicate and a comment\n", "restore", "-")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if n := len(lines(r.stdout)); n != 2 {
		t.Errorf("%d lines, want 2 (duplicates dropped):\n%s", n, r.stdout)
	}
	if srv.RestoreCount(101) != 1 || srv.RestoreCount(103) != 1 || !srv.InBin(102) {
		t.Errorf("wrong items restored")
	}
}

func TestRestoreReadOnly(t *testing.T) {
	srv, env := mixedBin(t)
	r := runCLI(t, env, "", "--read-only", "restore", "101")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--read-only") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !srv.InBin(101) {
		t.Errorf("read-only run restored an item")
	}
	// In demo mode it refuses before starting the embedded emulator.
	r = runCLI(t, map[string]string{}, "", "--read-only", "restore", "101")
	if r.code != exitUsage || strings.Contains(r.stderr, "demo library") {
		t.Errorf("demo read-only: exit %d, stderr %q; want a refusal before the demo starts", r.code, r.stderr)
	}
}

// A rejected token exits 4 (a script renews it and reruns) with one
// sentence saying what to do, and the token's text never appears in any
// output. list prints nothing on stdout (not even an empty array).
func TestBadTokenExits4WithoutShowingIt(t *testing.T) {
	const bad = "BAD-token-7f3a9c21e5"
	srv, env := mixedBin(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(bad+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	envBad := copyEnv(env, envToken, bad)
	tests := []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"list", envBad, []string{"list"}},
		{"list json", envBad, []string{"list", "--json"}},
		{"list ids", envBad, []string{"list", "--ids"}},
		{"list jq", envBad, []string{"list", "--jq", ".[].recycledItemId"}},
		{"restore", envBad, []string{"restore", "101", "102"}},
		{"restore json, token file", env, []string{"--token-file", tokenFile, "restore", "--json", "101"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, "", tt.args...)
			if r.code != exitAuth {
				t.Errorf("exit %d, want 4", r.code)
			}
			if strings.HasPrefix(tt.name, "list") && r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if !strings.Contains(r.stderr, explain.TokenRejected) {
				t.Errorf("stderr %q lacks the sentence", r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, bad) || strings.Contains(r.stdout+r.stderr, testToken) {
				t.Errorf("a token leaked:\nstdout %q\nstderr %q", r.stdout, r.stderr)
			}
		})
	}
	if srv.RestoreCount(101) != 0 {
		t.Errorf("restored with a bad token")
	}
}

// The first interrupt (ctx cancelled) lets the request in flight finish
// and reports the rest as skipped, never sent.
func TestRestoreInterruptIsGraceful(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := newSyncBuffer("stopping")
	var posts atomic.Int32
	// The first batch request cancels the run and is answered only once
	// smhbin said it is stopping, so no later chunk can have been sent.
	cancelOnFirst := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && posts.Add(1) == 1 {
				cancel()
				select {
				case <-stderr.seen:
				case <-time.After(10 * time.Second):
					t.Error("smhbin never said it was stopping")
				}
			}
			next.ServeHTTP(w, r)
		})
	}
	var recs []fakesmh.Record
	for i := range 5 {
		rec := fakesmh.NewRecord("docs", "f"+string(rune('a'+i))+".txt")
		rec.ID = int64(201 + i)
		recs = append(recs, rec)
	}
	srv, env := emulatorWith(t, fakesmh.Options{Items: -1}, cancelOnFirst, recs...)
	a := newApp(getenvFrom(env), strings.NewReader(""), &strings.Builder{}, stderr)
	var stdout strings.Builder
	a.stdout = &stdout
	code := a.execute(ctx, []string{"restore", "--chunk", "1", "--concurrency", "1", "201", "202", "203", "204", "205"})
	if code != exitFailure {
		t.Errorf("exit %d, want 1; stderr %q", code, stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "201  restored  /docs/fa.txt") || strings.Count(out, "skipped  Cancelled") != 4 {
		t.Errorf("stdout:\n%s\nwant 201 restored and 4 skipped", out)
	}
	if !strings.Contains(stderr.String(), "restored 1 of 5 · 4 skipped (4 Cancelled)") {
		t.Errorf("stderr %q", stderr.String())
	}
	if n := posts.Load(); n != 1 {
		t.Errorf("%d batch requests sent, want 1", n)
	}
	if srv.RestoreCount(202) != 0 {
		t.Errorf("a skipped item was restored")
	}
}

// A second interrupt aborts the requests in flight instead of waiting.
func TestRestoreSecondInterruptAborts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := newSyncBuffer("stopping")
	sigs := make(chan os.Signal, 1)
	release := make(chan struct{})
	defer close(release)
	hang := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				cancel()
				select { // hold the request until smhbin gives up on it
				case <-r.Context().Done():
				case <-release:
				}
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	rec := fakesmh.NewRecord("docs", "slow.txt")
	rec.ID = 301
	_, env := emulatorWith(t, fakesmh.Options{Items: -1}, hang, rec)
	var stdout strings.Builder
	a := newApp(getenvFrom(env), strings.NewReader(""), &stdout, stderr)
	a.interrupts = func() (<-chan os.Signal, func()) { return sigs, func() {} }
	go func() {
		<-stderr.seen
		sigs <- os.Interrupt
	}()
	code := a.execute(ctx, []string{"restore", "301"})
	if code == exitOK {
		t.Errorf("exit 0 after an abort")
	}
	if !strings.Contains(stderr.String(), "aborting") || !strings.Contains(stdout.String(), "301  ") {
		t.Errorf("stdout %q stderr %q: want the abort said and item 301 reported", stdout.String(), stderr.String())
	}
}

// NoPermission on some items is about those items (exit 1); when it
// refuses everything it is most likely the token's grant (exit 2).
func TestRestoreNoPermission(t *testing.T) {
	locked := fakesmh.NewRecord("hr", "salaries.xlsx")
	locked.ID, locked.CanRestore = 401, false
	open := fakesmh.NewRecord("docs", "open.txt")
	open.ID = 402
	_, env := emulator(t, fakesmh.Options{Items: -1}, locked, open)
	tests := []struct {
		ids  []string
		code int
		want string
	}{
		{[]string{"401", "402"}, exitFailure, "restored 1 of 2 · 1 failed (1 NoPermission)"},
		{[]string{"401"}, exitUsage, "restore_recycled grant"},
	}
	for _, tt := range tests {
		r := runCLI(t, env, "", append([]string{"restore"}, tt.ids...)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("restore %v: exit %d, stderr %q; want %d and %q", tt.ids, r.code, r.stderr, tt.code, tt.want)
		}
		if !strings.Contains(r.stdout, "401  failed  NoPermission") {
			t.Errorf("restore %v: stdout %q", tt.ids, r.stdout)
		}
	}
}

// A server that answers 401 (any code) is a rejected token too.
func TestRestore401Exits4(t *testing.T) {
	deny := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	rec := fakesmh.NewRecord("docs", "a.txt")
	rec.ID = 501
	srv, env := emulatorWith(t, fakesmh.Options{Items: -1}, deny, rec)
	r := runCLI(t, env, "", "restore", "501")
	if r.code != exitAuth || !strings.Contains(r.stderr, "HTTP 401") || !strings.Contains(r.stderr, "get a fresh token") {
		t.Errorf("exit %d, stderr %q; want 4 and the status", r.code, r.stderr)
	}
	if srv.RestoreCount(501) != 0 {
		t.Errorf("restored despite the 401")
	}
}
