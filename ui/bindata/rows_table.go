package bindata

import (
	"encoding/binary"
	"slices"
	"strings"

	"smhbin/api"
)

// table is the growing side of Rows: the indexes that find an existing
// folder or attribute set for a new row.
type table struct {
	Rows
	placeOf    map[place]int32
	folderOf   map[string]int32
	attrOf     map[string]uint16
	key        []byte // scratch for the map keys
	lastFolder int32  // consecutive items mostly share their folder
	lastAttr   int32  // and their attribute set (-1: none yet)
	lastPlace  int32  // (-1: none yet)
}

// add appends the row of it, whose name (the same text as it.Name) the
// row keeps.
func (t *table) add(it *api.Item, name string) {
	if t.folderOf == nil {
		t.folderOf = map[string]int32{"": 0}
		t.folders = []folder{{}}
		t.attrOf = map[string]uint16{}
		t.placeOf = map[place]int32{}
		t.lastAttr, t.lastPlace = -1, -1
		t.asc, t.desc = true, true
	}
	w := Row{ID: it.ID, Size: it.Size, Name: name}
	if it.HasAuthority {
		w.bits |= bitHasAuth
	}
	setBit(&w.bits, bitCanDelete, it.Authority.CanDelete)
	setBit(&w.bits, bitCanRestore, it.Authority.CanRestore)
	setBit(&w.bits, bitPreviewDoc, it.PreviewByDoc)
	setBit(&w.bits, bitPreviewCI, it.PreviewByCI)
	setBit(&w.bits, bitPreviewIcon, it.PreviewAsIcon)
	ok := t.fill(&w, it)
	if !ok {
		w.bits |= bitOdd
		w.place = int32(len(t.odd))
		t.odd = append(t.odd, *it)
	}
	t.rows = append(t.rows, w)
	if n := int32(len(t.rows) - 1); n > 0 {
		switch t.RemovalTime(n - 1).Compare(t.RemovalTime(n)) {
		case -1:
			t.desc = false
		case 1:
			t.asc = false
		}
	}
}

// setBit sets bit in bits when on.
func setBit(bits *uint16, bit uint16, on bool) {
	if on {
		*bits |= bit
	}
}

// fill sets the row's times, days, CRC64, folder and attribute set, and
// reports whether it holds the item exactly.
func (t *table) fill(w *Row, it *api.Item) bool {
	var ok [3]bool
	w.removed, ok[0] = toNanos(it.RemovalTime)
	w.created, ok[1] = toNanos(it.CreationTime)
	w.modified, ok[2] = toNanos(it.ModificationTime)
	if ok != [3]bool{true, true, true} || int64(int16(it.RemainingDays)) != it.RemainingDays {
		return false
	}
	w.days = int16(it.RemainingDays)
	if it.CRC64 == "" {
		w.bits |= bitNoCRC
	} else if v, isNum := crcNumber(it.CRC64); isNum {
		w.crc = v
	} else {
		return false
	}
	var f int32 // the root, for an absent or empty path
	switch p := it.OriginalPath; {
	case p == nil:
		w.bits |= bitPathNil
	case len(p) == 0:
		w.bits |= bitPathEmpty
	case p[len(p)-1] != it.Name:
		return false
	default:
		f = t.folderFor(p[:len(p)-1])
	}
	a, ok2 := t.attrFor(it)
	if !ok2 {
		return false
	}
	w.place = t.placeFor(place{folder: f, attr: a})
	return true
}

// placeFor is the index of the pair pl, added when new.
func (t *table) placeFor(pl place) int32 {
	if t.lastPlace >= 0 && t.places[t.lastPlace] == pl {
		return t.lastPlace
	}
	n, ok := t.placeOf[pl]
	if !ok {
		n = int32(len(t.places))
		t.places = append(t.places, pl)
		t.placeOf[pl] = n
	}
	t.lastPlace = n
	return n
}

// folderFor is the index of the folder segs, added when new.
func (t *table) folderFor(segs []string) int32 {
	if slices.Equal(t.folders[t.lastFolder].segs, segs) {
		return t.lastFolder
	}
	t.key = t.key[:0]
	for _, s := range segs {
		t.key = binary.AppendUvarint(t.key, uint64(len(s)))
		t.key = append(t.key, s...)
	}
	f, ok := t.folderOf[string(t.key)]
	if !ok {
		f = int32(len(t.folders))
		c := slices.Clone(segs)
		t.folders = append(t.folders, folder{segs: c, path: strings.Join(c, "/")})
		t.folderOf[string(t.key)] = f
	}
	t.lastFolder = f
	return f
}

// attrFor is the index of it's attribute set, added when new; false when
// the table is full.
func (t *table) attrFor(it *api.Item) (uint16, bool) {
	if t.lastAttr >= 0 {
		a := &t.attrs[t.lastAttr]
		if a.space == it.SpaceID && a.typ == it.Type && a.fileType == it.FileType &&
			(a.buttons == nil) == (it.Buttons == nil) && slices.Equal(a.buttons, it.Buttons) {
			return uint16(t.lastAttr), true
		}
	}
	t.key = t.key[:0]
	for _, s := range [...]string{it.SpaceID, it.Type, it.FileType} {
		t.key = binary.AppendUvarint(t.key, uint64(len(s)))
		t.key = append(t.key, s...)
	}
	if it.Buttons != nil {
		t.key = append(t.key, 1)
		for _, f := range it.Buttons {
			t.key = binary.AppendUvarint(t.key, uint64(len(f.Name)))
			t.key = append(t.key, f.Name...)
			if f.On {
				t.key = append(t.key, 1)
			} else {
				t.key = append(t.key, 0)
			}
		}
	}
	a, ok := t.attrOf[string(t.key)]
	if !ok {
		if len(t.attrs) >= maxAttrs {
			return 0, false
		}
		a = uint16(len(t.attrs))
		var b api.Flags
		if it.Buttons != nil {
			b = slices.Clone(it.Buttons)
		}
		t.attrs = append(t.attrs, attr{space: it.SpaceID, typ: it.Type, fileType: it.FileType, buttons: b})
		t.attrOf[string(t.key)] = a
	}
	t.lastAttr = int32(a)
	return a, true
}
