package cli

import (
	"strings"
	"testing"

	"smhbin/api/fakesmh"
)

func TestListFilter(t *testing.T) {
	rec := func(size uint64, segs ...string) fakesmh.Record {
		r := fakesmh.NewRecord(segs...)
		r.Size = size
		return r
	}
	dir := fakesmh.NewRecord("设计", "终稿")
	dir.Type = fakesmh.TypeDir
	_, env := emulator(t, fakesmh.Options{Items: -1},
		rec(10e6, "photos", "big.jpg"), rec(1e6, "photos", "small.JPG"), rec(20e6, "docs", "report.pdf"),
		rec(6e6, "Team Drive", "plan.docx"), dir)

	r := runCLI(t, env, "", "list", "--json", "--filter", "type:image size:>5MB")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if items := decodeList(t, r.stdout); len(items) != 1 || items[0].Name != "big.jpg" {
		t.Errorf("type:image size:>5MB listed %+v, want big.jpg only", items)
	}
	if r.stderr != "" {
		t.Errorf("stderr %q: JSON output takes no note", r.stderr)
	}

	r = runCLI(t, env, "", "list", "--filter", `-path:"Team Drive" size:>5MB`)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"photos/big.jpg", "docs/report.pdf"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}
	if lines := strings.Count(r.stdout, "\n"); lines != 3 {
		t.Errorf("%d lines, want header + 2:\n%s", lines, r.stdout)
	}
	if !strings.Contains(r.stderr, "2 of 5 listed items match the filter") {
		t.Errorf("stderr %q, want the match count", r.stderr)
	}

	r = runCLI(t, env, "", "list", "--csv", "--filter", "type:dir 终稿")
	if r.code != exitOK || !strings.Contains(r.stdout, "终稿") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("type:dir 终稿: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestListFilterRefusesBadQueries(t *testing.T) {
	_, env := emulator(t, fakesmh.Options{Items: 3})
	for _, tc := range []struct{ filter, want string }{
		{"tpye:image", `--filter: column 1: unknown qualifier "tpye:"; did you mean "type:"?`},
		{"size:>5XB", `unknown unit "xb"`},
		{"IMG marked:yes", "marked: only works in the TUI"},
		{"-result:failed", "result: only works in the TUI"},
	} {
		r := runCLI(t, env, "", "list", "--filter", tc.filter)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("--filter %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.filter, r.code, r.stdout, r.stderr, tc.want)
		}
	}
}
