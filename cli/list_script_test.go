package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// oddID is 2^53+1, the first integer a float64 cannot hold: jq 1.6 and
// every float64 JSON reader turn it into evenID, its neighbour.
const (
	evenID = int64(1) << 53
	oddID  = evenID + 1
)

// twinBin holds two items whose ids a float64 cannot tell apart, and a
// few ordinary ones.
func twinBin(t *testing.T) (*fakesmh.Server, map[string]string) {
	t.Helper()
	wanted := fakesmh.NewRecord("docs", "wanted.docx")
	wanted.ID = oddID
	other := fakesmh.NewRecord("docs", "other.docx")
	other.ID = evenID
	return emulator(t, fakesmh.Options{Items: 5, Seed: 2}, wanted, other)
}

func TestFloat64CannotHoldOddID(t *testing.T) {
	var f float64
	if err := json.Unmarshal([]byte(strconv.FormatInt(oddID, 10)), &f); err != nil || int64(f) == oddID {
		t.Fatalf("float64 kept %d (%v): the ids below would prove nothing", oddID, err)
	}
}

func TestListIDsPrintsEveryIDExactly(t *testing.T) {
	srv, env := twinBin(t)
	r := runCLI(t, env, "", "list", "--ids", "--page-size", "3")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var want []string
	for _, id := range srv.IDs() {
		want = append(want, strconv.FormatInt(id, 10))
	}
	if got := lines(r.stdout); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("ids\n%v\nwant the bin's, in order\n%v", got, want)
	}
	if !strings.Contains(r.stdout, "\n9007199254740993\n") && !strings.HasPrefix(r.stdout, "9007199254740993\n") {
		t.Errorf("id 9007199254740993 not printed exactly:\n%s", r.stdout)
	}
	// --filter and --limit apply as to the other formats.
	r = runCLI(t, env, "", "list", "--ids", "--filter", "wanted.docx")
	if r.code != exitOK || r.stdout != "9007199254740993\n" {
		t.Errorf("--filter: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, env, "", "list", "--ids", "--limit", "2")
	if r.code != exitOK || len(lines(r.stdout)) != 2 {
		t.Errorf("--limit 2: exit %d, stdout %q", r.code, r.stdout)
	}
}

// The README's pipeline: the ids --jq selects restore exactly the item
// meant, never its float64 neighbour.
func TestListJQFeedsRestoreTheExactItem(t *testing.T) {
	srv, env := twinBin(t)
	r := runCLI(t, env, "", "list", "--jq", `.[] | select(.name == "wanted.docx") | .recycledItemId`)
	if r.code != exitOK || r.stdout != "9007199254740993\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	rr := runCLI(t, env, r.stdout, "restore", "-")
	if rr.code != exitOK {
		t.Fatalf("restore: exit %d, stderr %q", rr.code, rr.stderr)
	}
	if srv.RestoreCount(oddID) != 1 || srv.RestoreCount(evenID) != 0 {
		t.Errorf("restored %d×%d and %d×%d; want only %d", oddID, srv.RestoreCount(oddID), evenID, srv.RestoreCount(evenID), oddID)
	}
}

func TestListJQOutput(t *testing.T) {
	_, env := twinBin(t)
	tests := []struct{ expr, want string }{
		// Arithmetic and comparison stay exact, not only printing.
		{`[.[].recycledItemId] | max`, "9007199254740993\n"},
		{`.[] | select(.recycledItemId == 9007199254740993) | .recycledItemId + 1`, "9007199254740994\n"},
		// Strings come out raw, other values as compact JSON.
		{`.[] | select(.recycledItemId == 9007199254740992) | .name, {id: .recycledItemId, path: .originalPath}`,
			"other.docx\n" + `{"id":9007199254740992,"path":["docs","other.docx"]}` + "\n"},
		{`length`, "7\n"},
		{`halt`, ""},
	}
	for _, tt := range tests {
		r := runCLI(t, env, "", "list", "--jq", tt.expr)
		if r.code != exitOK || r.stdout != tt.want {
			t.Errorf("--jq %q: exit %d, stdout %q, stderr %q; want %q", tt.expr, r.code, r.stdout, r.stderr, tt.want)
		}
	}
	// --json with --jq is the same, as gh allows it.
	if r := runCLI(t, env, "", "list", "--json", "--jq", "length"); r.code != exitOK || r.stdout != "7\n" {
		t.Errorf("--json --jq: exit %d, stdout %q", r.code, r.stdout)
	}
	_, empty := emulator(t, fakesmh.Options{Items: -1})
	if r := runCLI(t, empty, "", "list", "--jq", "length, ."); r.code != exitOK || r.stdout != "0\n[]\n" {
		t.Errorf("empty bin: exit %d, stdout %q", r.code, r.stdout)
	}
}

// A mistake in the expression or the flags is a usage error found before
// any request; an expression that fails on the data exits 1.
func TestListJQErrors(t *testing.T) {
	srv, env := twinBin(t)
	for _, args := range [][]string{
		{"list", "--jq", ".[] | select("},
		{"list", "--jq", "nosuchfunction(1)"},
		{"list", "--jq", ""},
		{"list", "--jq", ".", "--csv"},
		{"list", "--jq", ".", "--ids"},
		{"list", "--ids", "--json"},
		{"list", "--csv", "--ids"},
	} {
		r := runCLI(t, env, "", args...)
		if r.code != exitUsage || r.stdout != "" || !strings.HasPrefix(r.stderr, "smhbin: ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want a usage error", args, r.code, r.stdout, r.stderr)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for command lines that were refused", n)
	}
	r := runCLI(t, env, "", "list", "--jq", ".[] | .name + 1")
	if r.code != exitFailure || !strings.Contains(r.stderr, "smhbin: --jq: cannot add") {
		t.Errorf("runtime error: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, env, "", "list", "--jq", `"stop" | halt_error`)
	if r.code != exitFailure || !strings.Contains(r.stderr, "--jq: halted: stop") {
		t.Errorf("halt_error: exit %d, stderr %q", r.code, r.stderr)
	}
}

// On a terminal, strings printed raw are sanitized like every name smhbin
// shows; into a pipe they stay exact (the test above).
func TestJQSinkCleansStringsOnATerminal(t *testing.T) {
	prog, err := compileJQ(".[].name", newListCmdWithJQ(t, ".[].name"), false)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	s := newJQSink(t.Context(), &out, prog)
	s.clean = true
	if err := s.item(&api.Item{ID: 1, Name: "evil\x1b]52;c;aGk=\a.txt"}); err != nil {
		t.Fatal(err)
	}
	if err := s.finish(); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\a") || !strings.Contains(out.String(), `evil\x1b]52`) {
		t.Errorf("output %q", out.String())
	}
}

func newListCmdWithJQ(t *testing.T, expr string) *cobra.Command {
	t.Helper()
	cmd := newApp(getenvFrom(nil), nil, nil, nil).listCmd()
	if err := cmd.Flags().Set("jq", expr); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// A token that expires after two pages: every format says on stderr how
// far it got and exits 4; --json is still one valid array, --jq prints
// nothing.
func TestListTokenExpiresMidListing(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: 450, Seed: 6})
	tests := []struct {
		format string
		check  func(t *testing.T, stdout string)
	}{
		{"--json", func(t *testing.T, stdout string) {
			if items := decodeList(t, stdout); len(items) != 200 {
				t.Errorf("%d items in the array, want the 200 listed", len(items))
			}
		}},
		{"--ids", func(t *testing.T, stdout string) {
			if n := len(lines(stdout)); n != 200 {
				t.Errorf("%d ids, want 200", n)
			}
		}},
		{"--csv", func(t *testing.T, stdout string) {
			if n := len(lines(stdout)); n != 201 {
				t.Errorf("%d lines, want a header and 200 rows", n)
			}
		}},
		{"--jq=.[].recycledItemId", func(t *testing.T, stdout string) {
			if stdout != "" {
				t.Errorf("stdout %.100q, want nothing", stdout)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			srv.SetFault(fakesmh.Fault{TokenExpiresAfter: 2})
			r := runCLI(t, env, "", "list", "--page-size", "100", tt.format)
			if r.code != exitAuth {
				t.Errorf("exit %d, want 4", r.code)
			}
			if !strings.Contains(r.stderr, "listing stopped after 200 of 450 items: the access token was rejected") {
				t.Errorf("stderr %q", r.stderr)
			}
			tt.check(t, r.stdout)
		})
	}
}
