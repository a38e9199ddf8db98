package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/ui/bindata"
)

// exportDisabled is the Options.ExportDir that turns export off.
const exportDisabled = "-"

// export is the E key: the marked items, or with nothing marked the items
// shown (filter and expiring filter applied), go to a CSV file.
func (m *Model) export() tea.Cmd {
	if m.opts.ExportDir == exportDisabled {
		m.setStatus("export is disabled here", true)
		return nil
	}
	var sel []int32
	if m.data.MarkCount() > 0 {
		sel = m.data.MarkedInOrder()
	} else {
		sel = slices.Clone(m.data.View())
	}
	if len(sel) == 0 {
		m.setStatus("nothing to export", true)
		return nil
	}
	name := "smhbin-export-" + m.opts.Now().Format("20060102-150405")
	m.setStatus("exporting "+itemCount(len(sel))+"…", false)
	return exportCSV(m.opts.ExportDir, name, m.data.Rows(), sel)
}

// exportCSV writes items[sel] to a new file dir/name.csv (mode 0600: the
// listing names a user's files) and reports the outcome. It captures
// values only: items is a snapshot of the store's rows, which are never
// written once loaded (pages append past them, a reload makes new ones).
func exportCSV(dir, name string, items bindata.Rows, sel []int32) tea.Cmd {
	return func() tea.Msg {
		path, err := writeExport(dir, name, items, sel)
		if err != nil {
			return statusMsg{text: "export failed: " + err.Error(), err: true}
		}
		return statusMsg{text: "exported " + itemCount(len(sel)) + " to " + path}
	}
}

// writeExport creates the file, never replacing one: a second export in
// the same second gets a numbered name. A file that could not be written
// completely is removed rather than left looking like an export.
func writeExport(dir, name string, items bindata.Rows, sel []int32) (string, error) {
	base, err := filepath.Abs(filepath.Join(dir, name))
	if err != nil {
		return "", err
	}
	var f *os.File
	path := base + ".csv"
	for n := 2; ; n++ {
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) || n > 99 {
			break
		}
		path = base + "-" + strconv.Itoa(n) + ".csv"
	}
	if err != nil {
		return "", err
	}
	err = writeRows(f, items, sel)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return "", err
	}
	return path, nil
}

func writeRows(f *os.File, items bindata.Rows, sel []int32) error {
	w, err := api.NewCSVWriter(f)
	if err != nil {
		return err
	}
	for _, idx := range sel {
		it := items.Item(idx)
		if err := w.Write(&it); err != nil {
			return err
		}
	}
	return w.Flush()
}
