package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"smhbin/ui/bindata"
)

// Remembered is how the terminal UI was left, kept between runs per
// library in a small state file (not the config file, which stays the
// user's): the sort, the time format, the details pane and the view.
type Remembered struct {
	Version int    `json:"version"`
	Library string `json:"library"`
	OrderBy string `json:"order_by"` // the API's field name
	Desc    bool   `json:"desc"`
	AbsTime bool   `json:"absolute_times"`
	Details *bool  `json:"details,omitempty"` // absent: by terminal width
	View    string `json:"view"`              // table, batches or folders
}

const (
	stateVersion = 1
	maxStateSize = 4 << 10 // a real state file is ~150 bytes
)

var viewNames = map[viewMode]string{viewTable: "table", viewBatches: "batches", viewFolders: "folders"}

// Remembered is the model's state worth keeping.
func (m *Model) Remembered() Remembered {
	r := Remembered{Version: stateVersion, Library: m.opts.Library, OrderBy: m.sortKey.APIField(),
		Desc: m.desc, AbsTime: m.absTime, View: viewNames[m.vmode]}
	if m.detailsSet {
		on := m.showDetails
		r.Details = &on
	}
	return r
}

// restore applies a remembered state to a new model.
func (m *Model) restore(r *Remembered) {
	if r == nil {
		return
	}
	m.sortKey, m.desc, m.absTime = bindata.SortKeyFor(r.OrderBy), r.Desc, r.AbsTime
	if r.Details != nil {
		m.showDetails, m.detailsSet = *r.Details, true
	}
	for v, name := range viewNames {
		if name == r.View {
			m.vmode = v
		}
	}
}

// safeName keeps a library id usable as a file name. Compiled on first
// use rather than at start-up, which --version and --help also pay.
var safeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9_-]`) })

// StatePath is the state file of library: $XDG_STATE_HOME/smhbin/, else
// ~/.local/state/smhbin/. Empty when neither is known.
func StatePath(getenv func(string) string, library string) string {
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

// LoadState reads the state file for library. A missing file is no
// state; a bad, oversized or foreign one (another library's, another
// version's) is ignored with the reason returned for the log: it is a
// cache of how the screen was left, never worth a failed start.
func LoadState(path, library string) (*Remembered, error) {
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
	b, err := io.ReadAll(io.LimitReader(f, maxStateSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxStateSize {
		return nil, fmt.Errorf("larger than %d bytes", maxStateSize)
	}
	var r Remembered
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("not a state file: %w", err)
	}
	switch {
	case r.Version != stateVersion:
		return nil, fmt.Errorf("version %d, want %d", r.Version, stateVersion)
	case r.Library != library:
		return nil, errors.New("it is another library's")
	case bindata.SortKeyFor(r.OrderBy).APIField() != r.OrderBy:
		return nil, fmt.Errorf("unknown sort %q", r.OrderBy)
	}
	known := false
	for _, name := range viewNames {
		known = known || name == r.View
	}
	if !known {
		return nil, fmt.Errorf("unknown view %q", r.View)
	}
	return &r, nil
}

// SaveState writes r to path, through a temporary file so that a crash
// never leaves half a file.
func SaveState(path string, r Remembered) error {
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
