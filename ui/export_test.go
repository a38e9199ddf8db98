package ui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"smhbin/api"
)

// readExport reads an exported CSV back: header, then the ids of its rows.
func readExport(t *testing.T, path string) ([]string, []int64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("reading %s: %v (%d rows)", path, err, len(rows))
	}
	var ids []int64
	for _, r := range rows[1:] {
		id, err := strconv.ParseInt(r[0], 10, 64)
		if err != nil {
			t.Fatalf("row %q: %v", r, err)
		}
		ids = append(ids, id)
	}
	return rows[0], ids
}

func TestExportWritesMarkedOrShownItems(t *testing.T) {
	cases := []struct {
		name string
		keys []string
		want []int64
	}{
		{"marked items, in listing order", []string{"down", " ", " ", "G", " "}, []int64{1001, 1002, 1009}},
		{"with no marks, the rows shown", []string{"/", "京", "都", "enter"}, []int64{1001, 1005, 1009}},
		{"the expiring filter applies too", []string{"e"}, []int64{1008, 1009, 1007}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			items := makeItems(10)
			days := map[int]int64{7: 3, 8: 0, 9: 1} // the others keep 21–30 days
			for i := range items {
				it := &items[i]
				it.Authority.CanRestore = true
				if d, ok := days[i]; ok {
					it.RemainingDays = d
				}
			}
			m := loaded(t, &fakeBin{items: items}, 100, 24, func(o *Options) { o.ExportDir = dir })
			press(t, m, c.keys...)
			press(t, m, "E")
			path := filepath.Join(dir, "smhbin-export-20261123-120000.csv")
			mustContain(t, m.status, "exported "+itemCount(len(c.want))+" to "+path)
			header, ids := readExport(t, path)
			if !slices.Equal(header, api.CSVHeader) || !slices.Equal(ids, c.want) {
				t.Fatalf("exported header %q ids %v, want %v", header, ids, c.want)
			}
			st, err := os.Stat(path)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("file mode %v (%v), want 0600", st.Mode().Perm(), err)
			}
		})
	}
}

// TestExportNeverOverwrites: two exports in the same second make two
// files; a directory that does not exist is an error on the status line
// and leaves nothing behind.
func TestExportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	m := loaded(t, &fakeBin{items: makeItems(3)}, 100, 24, func(o *Options) { o.ExportDir = dir })
	press(t, m, "E", " ", "E")
	_, all := readExport(t, filepath.Join(dir, "smhbin-export-20261123-120000.csv"))
	_, one := readExport(t, filepath.Join(dir, "smhbin-export-20261123-120000-2.csv"))
	if !slices.Equal(all, []int64{1000, 1001, 1002}) || !slices.Equal(one, []int64{1000}) {
		t.Fatalf("first export %v, second %v", all, one)
	}

	missing := filepath.Join(dir, "no", "such")
	m2 := loaded(t, &fakeBin{items: makeItems(3)}, 100, 24, func(o *Options) { o.ExportDir = missing })
	press(t, m2, "E")
	if !m2.errMsg || !strings.HasPrefix(m2.status, "export failed: ") {
		t.Fatalf("status %q (error %v), want the failure", m2.status, m2.errMsg)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("%d entries in the export dir, want the two exports", len(entries))
	}
}

// TestExportDisabled: with ExportDir "-" (SSH sessions) E is off, left out
// of help, says why when pressed, and writes nothing.
func TestExportDisabled(t *testing.T) {
	cwd, _ := os.Getwd()
	before, _ := os.ReadDir(cwd)
	m := loaded(t, &fakeBin{items: makeItems(3)}, 100, 24, func(o *Options) { o.ExportDir = "-" })
	press(t, m, "E")
	if m.km.Export.Enabled() || m.status != "export is disabled here" {
		t.Fatalf("export enabled %v, status %q", m.km.Export.Enabled(), m.status)
	}
	if cmd := m.export(); cmd != nil || !strings.Contains(m.status, "disabled") {
		t.Fatalf("export() returned a command (%v) or status %q", cmd != nil, m.status)
	}
	if after, _ := os.ReadDir(cwd); len(after) != len(before) {
		t.Fatal("a disabled export wrote a file")
	}
}
