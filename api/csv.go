package api

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header row of WriteCSV: the API's field names.
var CSVHeader = []string{
	"recycledItemId", "name", "originalPath", "type", "fileType", "size",
	"creationTime", "modificationTime", "removalTime", "remainingTime", "canRestore", "spaceId",
}

// CSVWriter writes items as CSV rows (RFC 4180) under CSVHeader, one call
// per item, so a large bin is streamed rather than built in memory. Paths
// are "/"-joined; times are RFC 3339 UTC with milliseconds, as on the wire.
// Cells are written verbatim unless Clean is set: CSV quoting makes any
// name safe to store, and a name starting with =, +, - or @ is prefixed
// with ' so spreadsheets do not run it as a formula.
type CSVWriter struct {
	w *csv.Writer
	// Clean, when set, rewrites every server text cell (name, path, type,
	// file type, space) before it is written; the CLI sets it to the
	// terminal sanitizer, since CSV quoting does nothing for a terminal.
	Clean func(string) string
}

// NewCSVWriter writes the header to w and returns the writer.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	c := &CSVWriter{w: csv.NewWriter(w)}
	return c, c.w.Write(CSVHeader)
}

// Write writes one item's row.
func (c *CSVWriter) Write(it *Item) error {
	text := func(s string) string {
		if c.Clean != nil {
			s = c.Clean(s)
		}
		return s
	}
	return c.w.Write([]string{
		strconv.FormatInt(it.ID, 10), cell(text(it.Name)), cell(text(strings.Join(it.OriginalPath, "/"))),
		text(it.Type), text(it.FileType), strconv.FormatUint(it.Size, 10),
		fmtTime(it.CreationTime), fmtTime(it.ModificationTime), fmtTime(it.RemovalTime),
		strconv.FormatInt(it.RemainingDays, 10), strconv.FormatBool(it.Restorable()), text(it.SpaceID),
	})
}

// Flush writes any buffered rows and reports the first write error.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// cell defuses spreadsheet formulas (CSV injection) in untrusted text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
