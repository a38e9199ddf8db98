package cli

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"smhbin/api/fakesmh"
	"smhbin/safe"
)

// bigID does not survive a trip through float64.
const bigID = int64(1)<<53 + 3

type listed struct {
	ID          int64     `json:"recycledItemId"`
	Name        string    `json:"name"`
	RemovalTime time.Time `json:"removalTime"`
}

func decodeList(t *testing.T, out string) []listed {
	t.Helper()
	var items []listed
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list --json output is not one JSON array: %v\n%.300s", err, out)
	}
	return items
}

func TestListJSONReturnsEveryItemOnceInServerOrder(t *testing.T) {
	big := fakesmh.NewRecord("archive", "huge-id.bin")
	big.ID = bigID
	srv, env := emulator(t, fakesmh.Options{Items: 2499, Seed: 5}, big)
	r := runCLI(t, env, "", "list", "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	items := decodeList(t, r.stdout)
	want := srv.IDs()
	if len(want) != 2500 || len(items) != len(want) {
		t.Fatalf("listed %d items, the bin has %d (want 2500)", len(items), len(want))
	}
	seen := map[int64]bool{}
	for i, it := range items {
		if seen[it.ID] {
			t.Fatalf("item %d listed twice", it.ID)
		}
		seen[it.ID] = true
		if it.ID != want[i] {
			t.Fatalf("item %d is %d, the server's order has %d", i, it.ID, want[i])
		}
		if i > 0 && it.RemovalTime.After(items[i-1].RemovalTime) {
			t.Fatalf("item %d was removed after item %d: not newest first", i, i-1)
		}
	}
	if !seen[bigID] {
		t.Errorf("id %d missing or altered", bigID)
	}
	if !strings.Contains(r.stdout, `"recycledItemId":9007199254740995`) {
		t.Errorf("the big id is not printed exactly")
	}
	if r.stderr != "" {
		t.Errorf("stderr %q: no progress or notes expected off a terminal", r.stderr)
	}
}

// TestListCSVEscapesLikeTheTUI: list --csv shows control, C1 and bidi
// characters as the same visible escapes as the table and the TUI (an OSC
// 52 clipboard write or a bidi override must not reach the terminal),
// while --json keeps every name exact.
func TestListCSVEscapesLikeTheTUI(t *testing.T) {
	hostile := []string{"osc\x1b]52;c;aGk=\a.txt", "clear\x1b[2J.txt", "c1\u009b2J.txt", "invoice\u202eexe.pdf", "dcs\x1bPq.txt"}
	var recs []fakesmh.Record
	for _, n := range hostile {
		recs = append(recs, fakesmh.NewRecord("docs\u2066", n))
	}
	_, env := emulator(t, fakesmh.Options{Items: -1}, recs...)
	r := runCLI(t, env, "", "list", "--csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.ContainsAny(r.stdout, "\x1b\a\u009b\u202e\u2066") {
		t.Errorf("raw control characters reached the terminal:\n%q", r.stdout)
	}
	for _, n := range hostile {
		if want := safe.Text(n); !strings.Contains(r.stdout, want) {
			t.Errorf("csv lacks %q", want)
		}
	}
	j := runCLI(t, env, "", "list", "--json")
	var items []struct {
		Name         string   `json:"name"`
		OriginalPath []string `json:"originalPath"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &items); err != nil || len(items) != len(hostile) {
		t.Fatalf("json: %v, %d items", err, len(items))
	}
	for _, it := range items {
		if !slices.Contains(hostile, it.Name) || it.OriginalPath[0] != "docs\u2066" {
			t.Errorf("json changed a name: %q %q", it.Name, it.OriginalPath)
		}
	}
}

func TestListTableSanitizesNames(t *testing.T) {
	_, env := emulator(t, fakesmh.Options{Items: -1},
		fakesmh.NewRecord("docs", "evil\x1b[31mred.txt"),
		fakesmh.NewRecord("docs", "invoice\u202eexe.pdf"),
		fakesmh.NewRecord("照片", "假期.jpg"),
	)
	r := runCLI(t, env, "", "list")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"ID", "DAYS LEFT", `docs/evil\x1b[31mred.txt`, `docs/invoice\u202eexe.pdf`, "照片/假期.jpg"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.ContainsAny(r.stdout, "\x1b\u202e") {
		t.Errorf("raw control characters reached the terminal:\n%q", r.stdout)
	}
	if lines := strings.Count(r.stdout, "\n"); lines != 4 {
		t.Errorf("%d lines, want header + 3", lines)
	}
}

func TestListLimit(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: 300, Seed: 3})
	t.Run("table", func(t *testing.T) {
		r := runCLI(t, env, "", "list", "--limit", "5")
		if r.code != exitOK {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
		if lines := strings.Count(r.stdout, "\n"); lines != 6 {
			t.Errorf("%d lines, want header + 5:\n%s", lines, r.stdout)
		}
		if !strings.Contains(r.stderr, "showing 5 of 300") {
			t.Errorf("stderr %q, want the truncation said", r.stderr)
		}
	})
	t.Run("json", func(t *testing.T) {
		r := runCLI(t, env, "", "list", "--json", "--limit", "150", "--page-size", "100")
		if r.code != exitOK {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
		items := decodeList(t, r.stdout)
		if len(items) != 150 {
			t.Fatalf("%d items, want 150", len(items))
		}
		if want := srv.IDs()[149]; items[149].ID != want {
			t.Errorf("last item %d, want %d", items[149].ID, want)
		}
	})
}

func TestListEmptyBin(t *testing.T) {
	_, env := emulator(t, fakesmh.Options{Items: -1})
	r := runCLI(t, env, "", "list", "--json")
	if r.code != exitOK || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("exit %d, stdout %q: want an empty array", r.code, r.stdout)
	}
}

// A page that fails after others succeeded must not pass for the whole
// listing: exit 1, with how many of how many were loaded.
func TestListPageFailureIsNotSilent(t *testing.T) {
	var pages atomic.Int32
	failThird := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && pages.Add(1) == 3 {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				w.Write([]byte(`{"code":"ParamInvalid","message":"bad marker","requestId":"r1"}`))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	srv, env := emulatorWith(t, fakesmh.Options{Items: 450}, failThird)
	for _, args := range [][]string{{"list", "--json"}, {"list"}, {"list", "--csv"}} {
		pages.Store(0)
		r := runCLI(t, env, "", args...)
		if r.code != exitFailure {
			t.Errorf("%v: exit %d, want 1", args, r.code)
		}
		if !strings.Contains(r.stderr, "listing stopped after 200 of 450 items") || !strings.Contains(r.stderr, "ParamInvalid") {
			t.Errorf("%v: stderr %q", args, r.stderr)
		}
		// What was printed is the first two pages, in order, and complete:
		// the JSON array is closed, so the output stays valid JSON.
		var ids []int64
		switch args[len(args)-1] {
		case "--json":
			for _, it := range decodeList(t, r.stdout) {
				ids = append(ids, it.ID)
			}
		case "--csv":
			rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v", err)
			}
			for _, row := range rows[1:] {
				id, _ := strconv.ParseInt(row[0], 10, 64)
				ids = append(ids, id)
			}
		default:
			for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
				id, _ := strconv.ParseInt(strings.Fields(line)[0], 10, 64)
				ids = append(ids, id)
			}
		}
		if !slices.Equal(ids, srv.IDs()[:200]) {
			t.Errorf("%v: printed %d ids, want the first 200 of the bin in order", args, len(ids))
		}
	}
}

// An error before any page prints nothing: no empty array, no header.
func TestListPrintsNothingWithoutAPage(t *testing.T) {
	_, env := emulatorWith(t, fakesmh.Options{Items: 5}, func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadRequest) })
	})
	for _, args := range [][]string{{"list", "--json"}, {"list"}, {"list", "--csv"}} {
		if r := runCLI(t, env, "", args...); r.code == exitOK || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want an error and nothing printed", args, r.code, r.stdout)
		}
	}
}

func TestListDemoWithoutLibrary(t *testing.T) {
	r := runCLI(t, map[string]string{}, "", "list", "--limit", "3")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "demo library (embedded emulator)") || !strings.Contains(r.stderr, "showing 3 of 3,000") {
		t.Errorf("stderr %q", r.stderr)
	}
	if lines := strings.Count(r.stdout, "\n"); lines != 4 {
		t.Errorf("%d lines, want header + 3", lines)
	}
}

func TestListCSVHasHeaderAndEveryItem(t *testing.T) {
	big := fakesmh.NewRecord("archive", "=cmd.bin")
	big.ID = bigID
	srv, env := emulator(t, fakesmh.Options{Items: 120, Seed: 3}, big)
	r := runCLI(t, env, "", "list", "--csv")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if rows[0][0] != "recycledItemId" || len(rows) != len(srv.IDs())+1 {
		t.Fatalf("%d rows (header %q), want %d items + header", len(rows), rows[0], len(srv.IDs()))
	}
	found := false
	for _, row := range rows[1:] {
		if row[0] == strconv.FormatInt(bigID, 10) {
			found = row[1] == "'=cmd.bin"
		}
	}
	if !found {
		t.Fatal("the big id is missing or its formula-like name was not defused")
	}
	if r := runCLI(t, env, "", "list", "--csv", "--json"); r.code != exitUsage {
		t.Fatalf("--csv --json exit %d, want %d", r.code, exitUsage)
	}
}

// The table shows sizes in SI units and paths from the root, as the TUI
// does: "5.3 MB" and "/docs/a.txt", never "5.1 MiB" or "docs/a.txt".
func TestListTableUnitsAndPathsMatchTheTUI(t *testing.T) {
	file := fakesmh.NewRecord("docs", "a.txt")
	file.Size = 5_300_000
	dir := fakesmh.NewRecord("docs", "old")
	dir.Type = fakesmh.TypeDir
	top := fakesmh.NewRecord("top.txt")
	top.Size = 26_000_000
	_, env := emulator(t, fakesmh.Options{Items: -1}, file, dir, top)
	r := runCLI(t, env, "", "list")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := map[string][2]string{"a.txt": {"5.3 MB", "/docs/a.txt"}, "old": {"-", "/docs/old/"}, "top.txt": {"26 MB", "/top.txt"}}
	for _, line := range lines(r.stdout)[1:] {
		for name, w := range want {
			if strings.Contains(line, name) {
				f := strings.Fields(line)
				if size := strings.Join(f[1:len(f)-4], " "); size != w[0] || f[len(f)-1] != w[1] {
					t.Errorf("row %q: size %q path %q, want %q and %q", line, size, f[len(f)-1], w[0], w[1])
				}
				delete(want, name)
			}
		}
	}
	if len(want) != 0 {
		t.Errorf("rows missing for %v:\n%s", want, r.stdout)
	}
	if strings.Contains(r.stdout, "iB") {
		t.Errorf("IEC units in the table:\n%s", r.stdout)
	}
}
