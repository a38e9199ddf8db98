package api

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"
)

func TestCSVWriterRowsAndFormulaDefusing(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	items := []Item{
		{ID: 9007199254740993, Name: "报告, \"final\".docx", OriginalPath: []string{"项目", "报告, \"final\".docx"}, Size: 18446744073709551615,
			RemovalTime: time.Date(2026, 11, 20, 14, 2, 0, 0, time.UTC), RemainingDays: 3, Type: "file", SpaceID: "-"},
		{ID: 2, Name: "=HYPERLINK(\"x\")", OriginalPath: []string{"=HYPERLINK(\"x\")"}, HasAuthority: true},
	}
	for i := range items {
		if err := w.Write(&items[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "recycledItemId" {
		t.Fatalf("rows = %q", rows)
	}
	r := rows[1]
	if r[0] != "9007199254740993" || r[1] != "报告, \"final\".docx" || r[2] != "项目/报告, \"final\".docx" ||
		r[5] != "18446744073709551615" || r[8] != "2026-11-20T14:02:00.000Z" || r[9] != "3" || r[10] != "true" {
		t.Fatalf("row 1 = %q", r)
	}
	if rows[2][1] != "'=HYPERLINK(\"x\")" || rows[2][10] != "false" {
		t.Fatalf("formula not defused or canRestore wrong: %q", rows[2])
	}
}
