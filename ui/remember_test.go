package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"smhbin/ui/bindata"
)

// TestStateRoundTrip: a sort, the time format, the details pane and the
// view left in one run come back in the next, for the same library.
func TestStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := StatePath(func(k string) string { return map[string]string{"XDG_STATE_HOME": dir}[k] }, "testlib")
	if path != filepath.Join(dir, "smhbin", "ui-testlib.json") {
		t.Fatalf("state path %q", path)
	}
	m := loaded(t, &fakeBin{items: makeItems(20)}, 80, 24, nil)
	press(t, m, "s", "s", "T", "tab", "f")
	if err := SaveState(path, m.Remembered()); err != nil {
		t.Fatal(err)
	}
	r, err := LoadState(path, "testlib")
	if err != nil || r == nil {
		t.Fatalf("load: %v, %v", r, err)
	}
	m2 := loaded(t, &fakeBin{items: makeItems(20)}, 80, 24, func(o *Options) { o.Remembered = r })
	if m2.sortKey != bindata.SortSize || !m2.desc || !m2.absTime || !m2.showDetails || m2.vmode != viewFolders {
		t.Fatalf("restored sort %v desc %v abs %v details %v view %v", m2.sortKey, m2.desc, m2.absTime, m2.showDetails, m2.vmode)
	}
	if !strings.Contains(m2.render(), "SIZE ▼") {
		t.Fatal("the restored sort is not on screen")
	}
}

// TestStateBadInputIsIgnored: a missing file is no state; garbage, a
// huge file, another library's file, another version or unknown values
// are refused with a reason (for the log), never a crash.
func TestStateBadInputIsIgnored(t *testing.T) {
	dir := t.TempDir()
	if r, err := LoadState(filepath.Join(dir, "none.json"), "lib"); r != nil || err != nil {
		t.Fatalf("missing file: %v, %v", r, err)
	}
	cases := map[string]string{
		"garbage":       "\x00\xffnot json",
		"huge":          `{"version":1,"library":"lib","order_by":"name","view":"table","x":"` + strings.Repeat("a", 5000) + `"}`,
		"other library": `{"version":1,"library":"other","order_by":"name","view":"table"}`,
		"other version": `{"version":2,"library":"lib","order_by":"name","view":"table"}`,
		"unknown sort":  `{"version":1,"library":"lib","order_by":"colour","view":"table"}`,
		"unknown view":  `{"version":1,"library":"lib","order_by":"name","view":"graph"}`,
		"wrong types":   `{"version":"1","library":3}`,
		"a list":        `[1,2,3]`,
	}
	for name, body := range cases {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if r, err := LoadState(p, "lib"); r != nil || err == nil {
			t.Errorf("%s: got %+v, %v; want nothing and a reason", name, r, err)
		}
	}
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"version":1,"library":"lib","order_by":"name","view":"batches"}`), 0o600)
	if r, err := LoadState(good, "lib"); err != nil || r.View != "batches" {
		t.Fatalf("good file: %+v, %v", r, err)
	}
}

// TestStatePathKeepsLibraryIdsToAFileName: an id cannot climb out of the
// state folder.
func TestStatePathKeepsLibraryIdsToAFileName(t *testing.T) {
	getenv := func(k string) string { return map[string]string{"HOME": "/home/u"}[k] }
	if p := StatePath(getenv, "../../etc/x"); p != "/home/u/.local/state/smhbin/ui-______etc_x.json" {
		t.Fatalf("path %q", p)
	}
	if p := StatePath(func(string) string { return "" }, "lib"); p != "" {
		t.Fatalf("no HOME nor XDG_STATE_HOME: %q", p)
	}
}

// TestStateFIFOIsRefused: a FIFO at the state file's path is refused at
// once instead of blocking start-up in open.
func TestStateFIFOIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ui-lib.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := LoadState(path, "lib"); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("LoadState on a FIFO: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadState blocked on a FIFO")
	}
}
