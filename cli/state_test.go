package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"smhbin/ui"
)

// TestStateFileRoundTrip: what the UI remembers is written where the state
// folder says, privately, and read back for the same library only; a
// missing file is no state.
func TestStateFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := statePath(func(k string) string { return map[string]string{"XDG_STATE_HOME": dir}[k] }, "testlib")
	if path != filepath.Join(dir, "smhbin", "ui-testlib.json") {
		t.Fatalf("state path %q", path)
	}
	if r, err := readState(path, "testlib"); r != nil || err != nil {
		t.Fatalf("missing file: %v, %v", r, err)
	}
	want := ui.Remembered{Version: 1, Library: "testlib", OrderBy: "size", Desc: true, AbsTime: true, View: "folders"}
	if err := writeState(path, want); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode: %v, %v", st, err)
	}
	got, err := readState(path, "testlib")
	if err != nil || got == nil || *got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	if r, err := readState(path, "other"); r != nil || err == nil {
		t.Fatalf("another library read the file: %+v, %v", r, err)
	}
}

// TestStateFileTooBigIsRefused: a state file over the cap is refused
// without being read whole.
func TestStateFileTooBigIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ui-lib.json")
	if err := os.WriteFile(path, []byte(strings.Repeat(" ", 10<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	if r, err := readState(path, "lib"); r != nil || err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("10 MB state file: %+v, %v", r, err)
	}
}

// TestStatePathKeepsLibraryIdsToAFileName: an id cannot climb out of the
// state folder.
func TestStatePathKeepsLibraryIdsToAFileName(t *testing.T) {
	getenv := func(k string) string { return map[string]string{"HOME": "/home/u"}[k] }
	if p := statePath(getenv, "../../etc/x"); p != "/home/u/.local/state/smhbin/ui-______etc_x.json" {
		t.Fatalf("path %q", p)
	}
	if p := statePath(func(string) string { return "" }, "lib"); p != "" {
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
	go func() { _, err := readState(path, "lib"); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("readState on a FIFO: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readState blocked on a FIFO")
	}
}
