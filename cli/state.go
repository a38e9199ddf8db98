package cli

import "smhbin/ui"

// loadUIState reads how the terminal UI was left for cfg's library, or
// nothing under --no-state or when there is no place for the file. A bad
// file is ignored with a log line: it only remembers the screen.
func loadUIState(cfg Config, getenv func(string) string) (path string, r *ui.Remembered) {
	if cfg.NoState {
		return "", nil
	}
	path = ui.StatePath(getenv, cfg.LibraryID)
	if path == "" {
		return "", nil
	}
	r, err := ui.LoadState(path, cfg.LibraryID)
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
	if err := ui.SaveState(path, r); err != nil {
		cfg.Log.printf("could not save the state file %s: %v", path, err)
	}
}
