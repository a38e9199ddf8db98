// Package rowlist is the one windowed row list of the browser: the flat
// table and every grouped view are row sources for it. It owns the
// cursor, the scroll offset, the height, movement by the keymap, the
// window, filler lines and a cache of drawn rows keyed by what each row
// depends on, so a cursor move draws two rows, not a screen, and no
// caller ever invalidates a row by hand.
//
// It follows the shape of a bubbles component (bubbles/table): a Model
// with a KeyMap, SetSize, HandleKey and View.
package rowlist

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Source is what a list shows: Len rows, each with a key that changes
// whenever the row's drawing would (identity, version, indentation, time
// format, the minute…; the width is added by the list), and a way to
// draw it.
type Source[K comparable] interface {
	Len() int
	Key(i int) K
	// Render draws row i exactly width cells wide, as the cursor row
	// when cursor is set.
	Render(b *strings.Builder, i, width int, cursor bool)
}

// KeyMap is the list's movement bindings.
type KeyMap struct {
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom key.Binding
}

// maxCached bounds the cache: a long scroll must not keep every row.
const maxCached = 4096

type cacheKey[K comparable] struct {
	k K
	w int32
}

// Model is one list's state. Its zero value is not usable: build it with New.
type Model[K comparable] struct {
	KeyMap KeyMap

	src            Source[K]
	cursor, offset int
	width, height  int
	cache          map[cacheKey[K]]string
	scratch        strings.Builder // reused: a local one would escape through Source
}

// New returns a list of src's rows, moved by km.
func New[K comparable](src Source[K], km KeyMap) Model[K] {
	return Model[K]{KeyMap: km, src: src, height: 1, cache: make(map[cacheKey[K]]string, 64)}
}

// SetSize sets the width of a row and the number of visible rows.
func (m *Model[K]) SetSize(w, h int) {
	m.width, m.height = w, max(h, 0)
	m.Clamp()
}

// Len is the number of rows.
func (m *Model[K]) Len() int { return m.src.Len() }

// Height is the number of visible rows.
func (m *Model[K]) Height() int { return m.height }

// Cursor is the index of the row under the cursor (0 when empty).
func (m *Model[K]) Cursor() int { return m.cursor }

// Offset is the index of the first visible row.
func (m *Model[K]) Offset() int { return m.offset }

// SetCursor puts the cursor on row i, clamped to the rows.
func (m *Model[K]) SetCursor(i int) {
	m.cursor = i
	m.Clamp()
}

// MoveBy moves the cursor by delta rows.
func (m *Model[K]) MoveBy(delta int) { m.SetCursor(m.cursor + delta) }

// Reset puts the cursor and the window back at the top.
func (m *Model[K]) Reset() { m.cursor, m.offset = 0, 0 }

// Clamp keeps the cursor inside the rows and the window around the cursor.
func (m *Model[K]) Clamp() {
	n, h := m.src.Len(), max(m.height, 1)
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = min(max(m.offset, 0), max(n-h, 0))
}

// HandleKey moves the cursor when msg is a movement key and reports
// whether it was one.
func (m *Model[K]) HandleKey(msg tea.KeyMsg) bool {
	page := max(m.height, 1)
	half := max(page/2, 1)
	switch k := &m.KeyMap; {
	case key.Matches(msg, k.Up):
		m.MoveBy(-1)
	case key.Matches(msg, k.Down):
		m.MoveBy(1)
	case key.Matches(msg, k.PageUp):
		m.MoveBy(-page)
	case key.Matches(msg, k.PageDown):
		m.MoveBy(page)
	case key.Matches(msg, k.HalfUp):
		m.MoveBy(-half)
	case key.Matches(msg, k.HalfDown):
		m.MoveBy(half)
	case key.Matches(msg, k.Top):
		m.SetCursor(0)
	case key.Matches(msg, k.Bottom):
		m.SetCursor(m.src.Len() - 1)
	default:
		return false
	}
	return true
}

// View writes exactly Height lines into b, each ended by eol(i) for
// i = 0…Height-1 (the caller adds a side pane's line and the newline, so
// a frame is written into one builder with no splitting and re-joining).
// Past the last row it writes empty (on the first line, when there are
// no rows at all) or, when pad is set, blank lines as wide as a row.
// Drawn rows other than the cursor's are kept and reused while their key
// and the width stay the same.
func (m *Model[K]) View(b *strings.Builder, empty string, pad bool, eol func(i int)) {
	n := m.src.Len()
	end := min(m.offset+m.height, n)
	for i := m.offset; i < end; i++ {
		if i == m.cursor {
			m.src.Render(b, i, m.width, true)
		} else {
			b.WriteString(m.row(i))
		}
		eol(i - m.offset)
	}
	for i := max(end-m.offset, 0); i < m.height; i++ {
		switch {
		case i == 0 && n == 0:
			b.WriteString(empty)
		case pad:
			b.WriteString(strings.Repeat(" ", m.width))
		}
		eol(i)
	}
}

// row is row i drawn as a non-cursor row, from the cache when it is there.
func (m *Model[K]) row(i int) string {
	ck := cacheKey[K]{m.src.Key(i), int32(m.width)}
	if r, ok := m.cache[ck]; ok {
		return r
	}
	m.scratch.Reset()
	m.src.Render(&m.scratch, i, m.width, false)
	r := m.scratch.String()
	if len(m.cache) >= maxCached {
		clear(m.cache)
	}
	m.cache[ck] = r
	return r
}
