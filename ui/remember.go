package ui

import (
	"encoding/json"
	"errors"
	"fmt"

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

const stateVersion = 1

// MaxStateSize bounds a state file: a real one is ~150 bytes.
const MaxStateSize = 4 << 10

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

// ParseState reads a state file's bytes for library. A bad, oversized or
// foreign state (another library's, another version's) is refused with the
// reason, for the caller's log: it is a cache of how the screen was left,
// never worth a failed start. Reading the file is the caller's (cli): the
// UI package does no I/O of its own.
func ParseState(b []byte, library string) (*Remembered, error) {
	if len(b) > MaxStateSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxStateSize)
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
