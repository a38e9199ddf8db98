package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"smhbin/ui"
)

// loadUIState reads how the terminal UI was left for cfg's library, or
// nothing under --no-state or when there is no place for the file. A bad
// file is ignored with a log line: it only remembers the screen.
func loadUIState(cfg Config, getenv func(string) string) (path string, r *ui.Remembered) {
	if cfg.NoState {
		return "", nil
	}
	path = statePath(getenv, cfg.LibraryID)
	if path == "" {
		return "", nil
	}
	r, err := readState(path, cfg.LibraryID)
	if err != nil {
		cfg.Log.printf("ignoring the state file %s: %v", path, err)
	}
	return path, r
}

// saveUIState keeps how the UI was left, for the next run.
func saveUIState(cfg Config, path string, r ui.Remembered) {
	if path == "" {
		return
	}
	if err := writeState(path, r); err != nil {
		cfg.Log.printf("could not save the state file %s: %v", path, err)
	}
}

// safeName keeps a library id usable as a file name. Compiled on first
// use rather than at start-up, which --version and --help also pay.
var safeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9_-]`) })

// statePath is the state file of library: $XDG_STATE_HOME/smhbin/, else
// ~/.local/state/smhbin/. Empty when neither is known.
func statePath(getenv func(string) string, library string) string {
	dir := getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if !filepath.IsAbs(home) {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	name := safeName().ReplaceAllString(library, "_")
	if name == "" {
		name = "demo"
	}
	return filepath.Join(dir, "smhbin", "ui-"+name+".json")
}

// readState reads the state file for library: nothing when it is
// missing, a reason when it cannot be used (see ui.ParseState).
func readState(path, library string) (*ui.Remembered, error) {
	// Stat first: opening a FIFO (or a device) would block start-up.
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, ui.MaxStateSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > ui.MaxStateSize {
		return nil, fmt.Errorf("larger than %d bytes", ui.MaxStateSize)
	}
	return ui.ParseState(b, library)
}

// writeState writes r to path, through a temporary file so that a crash
// never leaves half a file.
func writeState(path string, r ui.Remembered) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
