package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"smhbin/api"
)

// goldenItems adds hostile and wide names to the usual fixtures, so the
// goldens pin sanitizing and East-Asian widths as well as layout.
func goldenItems() []api.Item {
	items := makeItems(60)
	items[1].Name = "evil\x1b[31mred\x1b[0m.txt"
	items[1].OriginalPath = []string{"projects", "evil\x1b]8;;http://x\x07link", items[1].Name}
	items[2].Name = "invoice\u202egpj.exe"
	items[4].Name = "京都旅行の写真_とても長い名前のファイル_2024年版.heic"
	items[4].OriginalPath = []string{"写真", "2024", "京都旅行", items[4].Name}
	return items
}

// TestGoldenScreens pins whole frames at 80×24 and 120×40 with no colour.
// Regenerate with: go test ./ui -run TestGoldenScreens -update
func TestGoldenScreens(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		keys []string
	}{
		{"browse_80x24", 80, 24, []string{"down", " ", " "}},
		{"browse_120x40", 120, 40, []string{"down", " ", " ", "down"}},
		{"filter_80x24", 80, 24, []string{"/", "京", "都"}},
		{"dialog_80x24", 80, 24, []string{" ", " ", " ", "r"}},
		{"dialog_all_80x24", 80, 24, []string{"a", "r"}},
		{"dialog_all_120x40", 120, 40, []string{"a", "r"}},
		// the hostile and the wide names must stay inside the red box
		{"delete_80x24", 80, 24, []string{"down", " ", " ", " ", " ", "D", "4"}},
		{"delete_120x40", 120, 40, []string{" ", " ", " ", " ", " ", "D", "9", "enter"}}, // a wrong count: the dialog stays
		{"empty_80x24", 80, 24, []string{"ctrl+x", "t"}},
		{"help_80x24", 80, 24, []string{"?"}},
		{"tiny_40x10", 40, 10, []string{" "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bin := &fakeBin{items: goldenItems()}
			m := loaded(t, bin, c.w, c.h, func(o *Options) {
				o.Restorer = nopRestorer{}
				o.Deleter = nopDeleter{}
				o.Demo = true
			})
			press(t, m, c.keys...)
			view := m.render()
			if strings.Contains(view, "\x1b") {
				t.Fatal("an escape byte reached the screen")
			}
			lines := strings.Split(view, "\n")
			if len(lines) > c.h {
				t.Fatalf("%d lines for a %d-line terminal", len(lines), c.h)
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > c.w {
					t.Fatalf("line %d is %d cells wide, terminal is %d: %q", i, w, c.w, l)
				}
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// TestTinyTerminalsNeverPanic renders at sizes down to zero.
func TestTinyTerminalsNeverPanic(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {20, 5}, {19, 4}, {40, 10}, {300, 3}, {5, 100}} {
		bin := &fakeBin{items: goldenItems()}
		m := loaded(t, bin, sz[0], sz[1], func(o *Options) { o.Restorer = nopRestorer{} })
		press(t, m, "down", " ", "tab", "r", "esc", "?", "esc", "/", "x", "enter")
		v := m.render()
		if sz[0] > 0 && sz[1] > 0 && len(strings.Split(v, "\n")) > max(sz[1], 1) {
			t.Fatalf("%dx%d: view has more lines than the terminal", sz[0], sz[1])
		}
	}
}

// nopDeleter satisfies Deleter for screens that never confirm a delete.
type nopDeleter struct{}

func (nopDeleter) StartDelete(contextT, []int64) *api.Run { return nil }
func (nopDeleter) Empty(contextT) error                   { return nil }

// nopRestorer satisfies Restorer for screens that never confirm a restore.
type nopRestorer struct{}

func (nopRestorer) Start(ctxArg contextT, ids []int64, ps api.PathStrategy) *api.Run {
	return nil
}
