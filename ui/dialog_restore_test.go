package ui

import (
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
