package ui

import (
	"strings"
	"testing"

	"smhbin/api"
)

// TestRestoreDialogSaysWhatIsLeftOut: counts of left-out items read
// right in the singular and the plural, and the names listed end with
// "and N more".
func TestRestoreDialogSaysWhatIsLeftOut(t *testing.T) {
	bin := &fakeBin{items: makeItems(40)}
	m := loaded(t, bin, 80, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "a", "r")
	n := len(m.dialog.ids)
	mustContain(t, plain(m), "Restore 36 items", "• file-00000.jpg", "/projects/2024", "and 32 more")
	if n != 36 {
		t.Fatalf("dialog sends %d", n)
	}
	m.dialog.noPerm, m.dialog.restored = 1, 2
	mustContain(t, plain(m), "1 selected item is left out: your token may not restore it", "2 selected items are left out: already restored")
	m.dialog.noPerm, m.dialog.restored = 3, 1
	mustContain(t, plain(m), "3 selected items are left out: your token may not restore them", "1 selected item is left out: already restored")
	m.dialog.strategy = api.FallbackToRoot
	mustContain(t, plain(m), "the original folder, or the space root if it is gone")
}

// TestRestoredCellKeepsBothEnds: at 80 columns a restored row's folder
// cell shows the top of the destination and the end of the new name,
// cut in the middle, never the tail alone.
func TestRestoredCellKeepsBothEnds(t *testing.T) {
	items := makeItems(5)
	items[0].Name = "quarterly-report.docx"
	items[0].OriginalPath = []string{"projects", "2024", "q3", "finance", "quarterly-report.docx"}
	bin := &fakeBin{items: items}
	m := loaded(t, bin, 80, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	id := items[0].ID
	m.setOutcome(id, outcome{kind: api.Restored, path: []string{"projects", "2024", "q3", "finance", "quarterly-report (1).docx"}})
	m.setOutcome(items[1].ID, outcome{kind: api.Restored, path: []string{"写真", "京都旅行", "とても長いフォルダ名", items[1].Name}})
	view := plain(m)
	mustContain(t, view, "✓ → /pro…(1).docx", "✓ → /写")
	if strings.Contains(view, "renamed → …") {
		t.Fatalf("a cell was cut from the left:\n%s", view)
	}
}
