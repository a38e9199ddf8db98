package e2e

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// screen is one capture of the pane, a line per terminal row, laid out as
// the UI draws it: title, column header, table rows, an optional restore
// progress line, the status line, and the hint line or filter prompt.
type screen struct {
	lines []string
}

func (s screen) String() string { return strings.Join(s.lines, "\n") }

func (s screen) contains(sub string) bool { return strings.Contains(s.String(), sub) }

// line returns line i, or "" when the screen is shorter.
func (s screen) line(i int) string {
	if i < 0 || i >= len(s.lines) {
		return ""
	}
	return s.lines[i]
}

// header is the index of the column header line ("NAME …"), or -1.
func (s screen) header() int {
	for i, l := range s.lines {
		if strings.HasPrefix(strings.TrimSpace(l), "NAME") {
			return i
		}
	}
	return -1
}

// status is the status line, just above the hint line.
func (s screen) status() string { return s.line(len(s.lines) - 2) }

// bottom is the hint line, or the filter prompt while filtering.
func (s screen) bottom() string { return s.line(len(s.lines) - 1) }

// progress is the restore progress or summary line above the status line,
// if the UI shows one. A table row can never look like it: a row's second
// cell is the mark column (space, ● or ⊘), never a letter or a bar.
func (s screen) progress() (string, bool) {
	l := s.line(len(s.lines) - 3)
	if strings.HasPrefix(l, " restored ") || strings.ContainsAny(l, "█░") {
		return l, true
	}
	return "", false
}

// rows are the table's lines (blank ones included) between the header and
// the progress or status line; nil when no header is shown.
func (s screen) rows() []string {
	h := s.header()
	end := len(s.lines) - 2
	if _, ok := s.progress(); ok {
		end--
	}
	if h < 0 || end <= h {
		return nil
	}
	return s.lines[h+1 : end]
}

// filled are the rows that show an item.
func (s screen) filled() []string {
	var out []string
	for _, r := range s.rows() {
		if strings.TrimSpace(r) != "" {
			out = append(out, r)
		}
	}
	return out
}

// cursorRow is the index among rows of the cursor row ("▸"), or -1.
func (s screen) cursorRow() int {
	for i, r := range s.rows() {
		if strings.HasPrefix(r, "▸") {
			return i
		}
	}
	return -1
}

// markedRows are the indexes of rows whose mark column shows ●.
func (s screen) markedRows() []int {
	var out []int
	for i, r := range s.rows() {
		if rs := []rune(r); len(rs) > 1 && rs[1] == '●' {
			out = append(out, i)
		}
	}
	return out
}

// showsName reports whether row shows name: all of it when it is short
// enough never to be cut by the name column, else its first ten runes.
func showsName(row, name string) bool {
	if ansi.StringWidth(name) > 30 {
		rs := []rune(name)
		name = string(rs[:min(len(rs), 10)])
	}
	return strings.Contains(row, name)
}
