package rowlist

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// rows is a source of n rows whose key is (row, version); renders counts
// how often each row was drawn.
type rows struct {
	n       int
	ver     map[int]int
	renders map[int]int
}

func newRows(n int) *rows { return &rows{n: n, ver: map[int]int{}, renders: map[int]int{}} }

type rk struct{ row, ver int }

func (r *rows) Len() int     { return r.n }
func (r *rows) Key(i int) rk { return rk{i, r.ver[i]} }
func (r *rows) Render(b *strings.Builder, i, w int, cursor bool) {
	r.renders[i]++
	s := "row" + strconv.Itoa(i) + "v" + strconv.Itoa(r.ver[i])
	if cursor {
		s = ">" + s
	}
	b.WriteString(s + strings.Repeat(".", max(w-len(s), 0)))
}

func keys() KeyMap {
	b := func(k string) key.Binding { return key.NewBinding(key.WithKeys(k)) }
	return KeyMap{Up: b("up"), Down: b("down"), PageUp: b("pgup"), PageDown: b("pgdown"),
		HalfUp: b("ctrl+u"), HalfDown: b("ctrl+d"), Top: b("home"), Bottom: b("end")}
}

var keyTypes = map[string]tea.KeyType{"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp,
	"pgdown": tea.KeyPgDown, "ctrl+u": tea.KeyCtrlU, "ctrl+d": tea.KeyCtrlD, "home": tea.KeyHome, "end": tea.KeyEnd}

func press(m *Model[rk], k string) bool {
	msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
	if t, ok := keyTypes[k]; ok {
		msg = tea.KeyMsg{Type: t}
	}
	return m.HandleKey(msg)
}

func view(m *Model[rk], empty string, pad bool) []string {
	var b strings.Builder
	m.View(&b, empty, pad, func(int) { b.WriteByte('\n') })
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// TestMovementAndWindow: each key moves the cursor as its name says, and
// the window always holds the cursor, never scrolling past the rows.
func TestMovementAndWindow(t *testing.T) {
	m := New[rk](newRows(50), keys())
	m.SetSize(10, 10)
	steps := []struct {
		key            string
		cursor, offset int
	}{
		{"down", 1, 0}, {"pgdown", 11, 2}, {"ctrl+d", 16, 7}, {"end", 49, 40},
		{"up", 48, 40}, {"ctrl+u", 43, 40}, {"pgup", 33, 33}, {"home", 0, 0}, {"up", 0, 0},
	}
	for _, s := range steps {
		if !press(&m, s.key) {
			t.Fatalf("%s not taken", s.key)
		}
		if m.Cursor() != s.cursor || m.Offset() != s.offset {
			t.Fatalf("after %s: cursor %d offset %d, want %d %d", s.key, m.Cursor(), m.Offset(), s.cursor, s.offset)
		}
	}
	if press(&m, "x") {
		t.Fatal("a non-movement key was taken")
	}
}

// TestClampAfterShrink: when the source shrinks, the cursor and window
// come back inside it.
func TestClampAfterShrink(t *testing.T) {
	r := newRows(50)
	m := New[rk](r, keys())
	m.SetSize(10, 10)
	m.SetCursor(45)
	r.n = 12
	m.Clamp()
	if m.Cursor() != 11 || m.Offset() != 2 {
		t.Fatalf("cursor %d offset %d, want 11 2", m.Cursor(), m.Offset())
	}
	r.n = 0
	m.Clamp()
	if m.Cursor() != 0 || m.Offset() != 0 {
		t.Fatalf("empty: cursor %d offset %d", m.Cursor(), m.Offset())
	}
}

// TestViewFillerAndEmpty: exactly Height lines, the empty text on the
// first line of an empty list, blank filler as wide as a row when padded.
func TestViewFillerAndEmpty(t *testing.T) {
	r := newRows(2)
	m := New[rk](r, keys())
	m.SetSize(6, 4)
	got := view(&m, "none", true)
	want := []string{">row0v0", "row1v0", "      ", "      "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("view %q, want %q", got, want)
	}
	r.n = 0
	m.Clamp()
	if got := view(&m, "none", false); strings.Join(got, "|") != "none|||" {
		t.Fatalf("empty view %q", got)
	}
}

// TestCacheFollowsKeysAndWidth: a row is drawn again only when its key or
// the width changes; the cursor row is always drawn fresh.
func TestCacheFollowsKeysAndWidth(t *testing.T) {
	r := newRows(5)
	m := New[rk](r, keys())
	m.SetSize(8, 5)
	view(&m, "", false)
	view(&m, "", false)
	if r.renders[1] != 1 || r.renders[0] != 2 {
		t.Fatalf("renders %v: row 1 should come from the cache, the cursor row drawn each time", r.renders)
	}
	r.ver[1]++ // e.g. marked
	if got := view(&m, "", false); !strings.HasPrefix(got[1], "row1v1") {
		t.Fatalf("row 1 after its version changed: %q", got[1])
	}
	m.SetSize(9, 5)
	view(&m, "", false)
	if r.renders[2] != 2 {
		t.Fatalf("row 2 drawn %d times, want again after the width changed", r.renders[2])
	}
}
