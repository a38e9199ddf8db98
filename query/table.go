package query

import (
	"math"
	"slices"
	"strings"

	"smhbin/api"
)

// Table is the match-ready form of a growing list of items, packed for
// scanning: a fixed-size row per item, every lower-cased name in one
// buffer, and each distinct folder once. Folders repeat across thousands
// of items, so a scan decides each folder once, and a word is searched
// through all the names in one pass instead of once per item.
//
// The zero Table is empty and ready. Items are addressed by the order
// they were added in (0, 1, …).
type Table struct {
	rows []row
	// text holds every lower-cased name, each followed by a 0 byte:
	// item i's name is text[start(i):ends[i]].
	text    []byte
	freq    [256]uint32 // how often each byte occurs in text, to pick what a search looks for
	ends    []uint32
	dirOf   []uint32 // item → index in dirs
	dirs    []folder
	dirByID map[string]uint32 // original folder text → index in dirs
	// The previous item's folder, which the next one most often shares.
	hasLast   bool
	lastParts []string
	lastDir   uint32
}

// Len is the number of items.
func (t *Table) Len() int { return len(t.rows) }

// Room is memory for a Table of a known size, made ahead of time by
// NewRoom, possibly on another goroutine, and taken by Table.Adopt.
type Room struct {
	rows        []row
	ends, dirOf []uint32
	text        []byte
}

// maxRoomText bounds a Room's names: the sizes come from the network.
const maxRoomText = 256 << 20

// NewRoom allocates room for n items whose lower-cased names take about
// textBytes in all (at most 256 MiB; more grows as it comes). It touches
// no Table, so it may run on any goroutine.
func NewRoom(n, textBytes int) Room {
	n, textBytes = max(n, 0), min(max(textBytes, 0), maxRoomText)
	return Room{rows: make([]row, 0, n), ends: make([]uint32, 0, n), dirOf: make([]uint32, 0, n),
		text: make([]byte, 0, textBytes)}
}

// Cap is the room's size: items, and bytes of names.
func (r Room) Cap() (items, text int) { return cap(r.rows), cap(r.text) }

// TextPerItem is the mean length of the names held so far, and a
// margin (the first names may be shorter than the rest, and room never
// written costs address space, not memory), for sizing a Room.
func (t *Table) TextPerItem() int {
	if len(t.rows) == 0 {
		return 32
	}
	return min((len(t.text)/len(t.rows)+1)*3/2, 1024)
}

// Adopt moves the table into r's arrays where they are larger, copying
// what it holds, so that a table growing to a known size (a listing's
// totalNum) never copies its arrays again: at a million items each copy
// held up the page that made it for tens of milliseconds.
func (t *Table) Adopt(r Room) {
	if cap(r.rows) > cap(t.rows) {
		t.rows = append(r.rows[:0], t.rows...)
		t.ends = append(r.ends[:0], t.ends...)
		t.dirOf = append(r.dirOf[:0], t.dirOf...)
	}
	if cap(r.text) > cap(t.text) {
		t.text = append(r.text[:0], t.text...)
	}
}

// Reserve makes room for n items in all (see Adopt).
func (t *Table) Reserve(n int) {
	if n > cap(t.rows) {
		t.Adopt(NewRoom(n, (n-len(t.rows))*t.TextPerItem()+len(t.text)))
	}
}

// Cap is how many items the table has room for without growing.
func (t *Table) Cap() int { return cap(t.rows) }

// Add appends the match-ready form of an API item (not marked, no outcome).
func (t *Table) Add(it *api.Item) { t.AddFields(fieldsOf(it)) }

// AddFields appends the match-ready form of an item from its raw fields.
func (t *Table) AddFields(f Fields) {
	name := f.Name
	var parts []string
	if n := len(f.Path); n > 0 {
		name, parts = f.Path[n-1], f.Path[:n-1]
	}
	d := t.folderOf(parts)
	start := len(t.text)
	t.text = appendLower(t.text, name)
	// Offsets are 32-bit: names past 4 GiB in all (thousands of times a
	// real bin) are kept empty rather than wrapping an offset.
	if len(t.text) >= math.MaxUint32 {
		t.text = t.text[:start]
	}
	for _, c := range t.text[start:] {
		t.freq[c]++
	}
	t.text = append(t.text, 0)
	t.ends = append(t.ends, uint32(len(t.text)-1))
	t.dirOf = append(t.dirOf, d)
	t.rows = append(t.rows, newRow(f, t.text[start:len(t.text)-1]))
}

// folderOf is the index in dirs of the folder made of parts (nil at the
// root), added when new. Items mostly arrive folder by folder, so the
// previous item's folder is tried first, without joining the parts.
func (t *Table) folderOf(parts []string) uint32 {
	if t.hasLast && slices.Equal(parts, t.lastParts) {
		return t.lastDir
	}
	dir := strings.Join(parts, "/")
	d, ok := t.dirByID[dir]
	if !ok {
		if t.dirByID == nil {
			t.dirByID = map[string]uint32{}
		}
		d = uint32(len(t.dirs))
		t.dirs = append(t.dirs, newFolder(dir))
		t.dirByID[dir] = d
	}
	t.hasLast, t.lastParts, t.lastDir = true, append(t.lastParts[:0], parts...), d
	return d
}

// name is item i's lower-cased name, a view into the shared buffer.
func (t *Table) name(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1] + 1
	}
	return t.text[start:t.ends[i]]
}

// Item is item i on its own, as NewItem would build it.
func (t *Table) Item(i int32) Item {
	return Item{row: t.rows[i], name: t.name(i), folder: t.dirs[t.dirOf[i]]}
}

// SetMarked records whether item i is marked, for marked:.
func (t *Table) SetMarked(i int32, on bool) { t.rows[i].Marked = on }

// SetResult records item i's restore outcome, for result:.
func (t *Table) SetResult(i int32, r Result) { t.rows[i].Result = r }

// Result is item i's restore outcome as last set.
func (t *Table) Result(i int32) Result { return t.rows[i].Result }

// Match reports whether m matches item i. It does not allocate.
func (t *Table) Match(m *Matcher, i int32) bool { return t.match(m, i, true) }

// match is Match, skipping the word and path: terms when text is false.
// It finds the name and folder only when a term reads them: a query of
// qualifiers alone then reads nothing but the row.
func (t *Table) match(m *Matcher, i int32, text bool) bool {
	var name []byte
	var f *folder
	if text && m.text {
		name, f = t.name(i), &t.dirs[t.dirOf[i]]
	} else if m.ext {
		name = t.name(i)
	}
	return m.match(&t.rows[i], name, f, text)
}

// Filter appends to dst the items of src (indexes into t) that m matches,
// in src's order, and returns it. dst may be src[:0]: an item is written
// only after it was read. When src covers a good share of the table (a
// keystroke that cannot narrow the previous result), the word and path:
// terms are decided for every item at once first (textPass); a short src
// (a narrowing keystroke) is tested item by item.
func (t *Table) Filter(m *Matcher, src, dst []int32) []int32 {
	var pass []uint64
	if len(src) >= len(t.rows)/4 {
		pass = t.textPass(m)
	}
	for _, i := range src {
		if pass != nil && pass[i>>6]&(1<<(i&63)) == 0 {
			continue
		}
		if t.match(m, i, pass == nil) {
			dst = append(dst, i)
		}
	}
	return dst
}
