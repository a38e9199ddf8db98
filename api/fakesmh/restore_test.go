package fakesmh_test

import (
	"net/http"
	"slices"
	"testing"

	"smhbin/api/fakesmh"
)

// fixture builds a restorable record with an explicit id.
func fixture(id int64, mutate func(*fakesmh.Record), path ...string) fakesmh.Record {
	r := fakesmh.NewRecord(path...)
	r.ID = id
	if mutate != nil {
		mutate(&r)
	}
	return r
}

var (
	taken     = func(r *fakesmh.Record) { r.NameTaken = true }
	orphan    = func(r *fakesmh.Record) { r.ParentMissing = true }
	broken    = func(r *fakesmh.Record) { r.SymlinkBroken = true }
	forbidden = func(r *fakesmh.Record) { r.CanRestore = false }
	takenDir  = func(r *fakesmh.Record) { r.Type = fakesmh.TypeDir; r.NameTaken = true }
	plainDir  = func(r *fakesmh.Record) { r.Type = fakesmh.TypeDir }
)

// fixtureEnv is an empty bin with one item per restore outcome.
func fixtureEnv(t *testing.T, opts fakesmh.Options) *env {
	opts.Items = -1
	e := newEnv(t, opts)
	e.srv.Add(
		fixture(1, taken, "docs", "report.docx"),
		fixture(2, nil, "docs", "report.docx"),
		fixture(3, orphan, "photos", "old", "IMG_0001.jpg"),
		fixture(4, broken, "links", "Link to plan.pdf"),
		fixture(5, forbidden, "secret", "plan.pptx"),
		fixture(6, takenDir, "docs", "v1.2"),
		fixture(7, orphan, "gone", "clash.txt"),
		fixture(8, taken, "clash.txt"),
		fixture(9, plainDir, "photos", "old"),
		fixture(10, taken, "docs", "memo.txt"),
		fixture(11, takenDir, "docs", "drafts"),
	)
	return e
}

func TestRestoreOne(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	steps := []struct {
		name   string
		id     int64
		query  string
		status int
		code   string
		path   []string
	}{
		{"ask on a taken name", 1, "conflict_resolution_strategy=ask", 409, "SameNameDirectoryOrFileExists", nil},
		{"default renames", 1, "", 200, "", []string{"docs", "report (1).docx"}},
		{"next free number", 2, "conflict_resolution_strategy=rename&restore_path_strategy=originalPath", 200, "", []string{"docs", "report (2).docx"}},
		{"already restored", 1, "", 404, "RecycledItemNotFound", nil},
		{"unknown id", 424242, "", 404, "RecycledItemNotFound", nil},
		{"parent missing", 3, "restore_path_strategy=originalPath", 404, "DirectoryNotFound", nil},
		{"broken link", 4, "restore_path_strategy=fallbackToRoot", 404, "SourceFileNotFound", nil},
		{"no permission", 5, "", 403, "NoPermission", nil},
		{"folder renamed without extension", 6, "", 200, "", []string{"docs", "v1.2 (1)"}},
		{"fallback to root, renamed there", 7, "restore_path_strategy=fallbackToRoot", 200, "", []string{"clash (1).txt"}},
		{"overwrite a file", 10, "conflict_resolution_strategy=overwrite", 200, "", []string{"docs", "memo.txt"}},
		{"overwrite acts as ask for folders", 11, "conflict_resolution_strategy=overwrite", 409, "SameNameDirectoryOrFileExists", nil},
		{"restore the missing folder", 9, "", 200, "", []string{"photos", "old"}},
		{"its file now has a parent", 3, "restore_path_strategy=originalPath", 200, "", []string{"photos", "old", "IMG_0001.jpg"}},
	}
	for _, st := range steps {
		r := e.call(http.MethodPost, itemPath(st.id), "restore=1&"+st.query, "")
		if r.status != st.status {
			t.Fatalf("%s: %d %s, want %d", st.name, r.status, r.body, st.status)
		}
		if st.code != "" {
			if got := r.errCode(t); got != st.code {
				t.Errorf("%s: code %s, want %s", st.name, got, st.code)
			}
			continue
		}
		var body struct{ Path []string }
		r.decode(t, &body)
		if !slices.Equal(body.Path, st.path) {
			t.Errorf("%s: path %q, want %q", st.name, body.Path, st.path)
		}
		if got := e.srv.Restored()[st.id]; !slices.Equal(got, st.path) {
			t.Errorf("%s: Restored() has %q", st.name, got)
		}
		if !e.srv.Exists(st.path...) {
			t.Errorf("%s: %q not in the live tree", st.name, st.path)
		}
	}
	for id := int64(1); id <= 11; id++ {
		want := 0
		if _, ok := e.srv.Restored()[id]; ok {
			want = 1
		}
		if got := e.srv.RestoreCount(id); got != want {
			t.Errorf("RestoreCount(%d) = %d, want %d", id, got, want)
		}
		if e.srv.InBin(id) == (want == 1) {
			t.Errorf("InBin(%d) = %v after %d restores", id, e.srv.InBin(id), want)
		}
	}
}

func TestRestoreOneRequestChecks(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	tests := []struct {
		query, body string
		status      int
		code        string
	}{
		{"restore&conflict_resolution_strategy=merge", "", 400, "InvalidConflictResolutionStrategy"},
		{"restore&restore_path_strategy=anywhere", "", 400, "ParamInvalid"},
		{"restore", "[1]", 400, "ParamInvalid"},
		{"restore", "junk", 400, "ParamInvalid"},
		{"info", "", 400, "ParamInvalid"}, // POST without ?restore
		{"restore", "{}", 200, ""},
		{"restore", " \n\t", 200, ""},
	}
	for _, tc := range tests {
		id := int64(10)
		if tc.status == 200 {
			id = map[string]int64{"{}": 8, " \n\t": 2}[tc.body]
		}
		r := e.call(http.MethodPost, itemPath(id), tc.query, tc.body)
		if r.status != tc.status || (tc.code != "" && r.errCode(t) != tc.code) {
			t.Errorf("%s %q: %d %s, want %d %s", tc.query, tc.body, r.status, r.body, tc.status, tc.code)
		}
	}
	if r := e.call(http.MethodPost, binPath+"/12abc", "restore", ""); r.status != 400 {
		t.Errorf("non-numeric id: %d", r.status)
	}
}

// TestSeededOutcomes restores seeded items of each kind, as the demo would.
func TestSeededOutcomes(t *testing.T) {
	e := newEnv(t, fakesmh.Options{})
	find := func(pred func(fakesmh.Record) bool) fakesmh.Record {
		for _, id := range e.srv.IDs() {
			if r, _ := e.srv.Item(id); pred(r) {
				return r
			}
		}
		t.Fatal("no seeded item matches")
		return fakesmh.Record{}
	}
	ok := func(r fakesmh.Record) bool { return r.CanRestore && !r.SymlinkBroken && !r.ParentMissing }
	clash := find(func(r fakesmh.Record) bool { return ok(r) && r.NameTaken && r.Type != fakesmh.TypeDir })
	res := e.call(http.MethodPost, itemPath(clash.ID), "restore&conflict_resolution_strategy=rename", "")
	var body struct{ Path []string }
	res.decode(t, &body)
	if res.status != 200 || len(body.Path) != len(clash.OriginalPath) || body.Path[len(body.Path)-1] == clash.Name {
		t.Errorf("restoring taken %q gave %d %q, want a renamed path", clash.OriginalPath, res.status, body.Path)
	}
	cases := []struct {
		pred   func(fakesmh.Record) bool
		status int
		code   string
	}{
		{func(r fakesmh.Record) bool { return r.CanRestore && r.ParentMissing }, 404, "DirectoryNotFound"},
		{func(r fakesmh.Record) bool { return r.CanRestore && r.SymlinkBroken }, 404, "SourceFileNotFound"},
		{func(r fakesmh.Record) bool { return !r.CanRestore }, 403, "NoPermission"},
	}
	for _, c := range cases {
		r := find(c.pred)
		res := e.call(http.MethodPost, itemPath(r.ID), "restore&restore_path_strategy=originalPath", "")
		if res.status != c.status || res.errCode(t) != c.code {
			t.Errorf("%q: %d %s, want %d %s", r.OriginalPath, res.status, res.body, c.status, c.code)
		}
	}
}
