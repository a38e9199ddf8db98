package api

import (
	"bytes"
	"slices"
	"strings"
	"time"
)

// The fast decoder's item half: see decode_fast.go.

// itemKeys are the item fields the fast path decodes; an unknown key that
// folds to one of them is left to encoding/json.
var itemKeys = []string{"recycledItemId", "name", "originalPath", "spaceId", "size", "type", "fileType",
	"previewByDoc", "previewByCI", "previewAsIcon", "creationTime", "modificationTime", "removalTime",
	"remainingTime", "authorityList", "authorityButtonList", "crc64"}

// items reads contents: null or an array of item objects.
func (d *fastDec) items() []Item {
	switch d.peek() {
	case 'n':
		d.literal("null")
		return nil
	case '[':
	default:
		d.fail()
		return nil
	}
	// Size the slice as the listing's last page, or else from the first
	// item's length, so that it is allocated once (or twice) rather than
	// grown by doubling.
	var items []Item
	if n := d.in.pageLen; n > 0 {
		items = make([]Item, 0, n)
	}
	start := d.i
	d.array(func() {
		if len(items) == 1 && cap(items) == 1 {
			per := max(d.i-start, 16)
			items = slices.Grow(items, (len(d.b)-d.i)/per+(len(d.b)-d.i)/per/8+1)
		}
		items = append(items, Item{})
		d.item(&items[len(items)-1])
	})
	if cap(items)-len(items) > len(items)/8 {
		items = slices.Clone(items) // do not keep the spare capacity alive
	}
	if d.ok {
		d.in.pageLen = len(items)
	}
	return items
}

// item reads one item object into it.
func (d *fastDec) item(it *Item) {
	var seen uint32
	once := func(bit uint32) {
		if seen&bit != 0 {
			d.fail()
		}
		seen |= bit
	}
	var id, days flexInt
	var size flexUint
	var crc flexText
	d.object(func(key []byte) {
		switch string(key) {
		case "recycledItemId":
			once(1 << 0)
			d.unmarshal(id.UnmarshalJSON, &id.bad)
		case "name":
			once(1 << 1)
			it.Name = d.text(false)
		case "originalPath":
			once(1 << 2)
			it.OriginalPath = d.path()
		case "spaceId":
			once(1 << 3)
			it.SpaceID = d.text(true)
		case "size":
			once(1 << 4)
			d.unmarshal(size.UnmarshalJSON, &size.bad)
			it.Size = size.v
		case "type":
			once(1 << 5)
			it.Type = d.kind()
		case "fileType":
			once(1 << 6)
			it.FileType = d.kind()
		case "previewByDoc":
			once(1 << 7)
			it.PreviewByDoc = d.boolean()
		case "previewByCI":
			once(1 << 8)
			it.PreviewByCI = d.boolean()
		case "previewAsIcon":
			once(1 << 9)
			it.PreviewAsIcon = d.boolean()
		case "creationTime":
			once(1 << 10)
			it.CreationTime = d.when()
		case "modificationTime":
			once(1 << 11)
			it.ModificationTime = d.when()
		case "removalTime":
			once(1 << 12)
			it.RemovalTime = d.when()
		case "remainingTime":
			once(1 << 13)
			d.unmarshal(days.UnmarshalJSON, &days.bad)
			it.RemainingDays = days.v
		case "authorityList":
			once(1 << 14)
			d.authority(it)
		case "authorityButtonList":
			once(1 << 15)
			it.Buttons = d.buttons()
		case "crc64":
			once(1 << 16)
			d.crc(&crc)
			it.CRC64 = crc.s
		default:
			d.unknown(key, itemKeys...)
		}
	})
	if !id.set {
		d.fail() // the reference path says it is missing
	}
	it.ID = id.v
}

// when reads a time field.
func (d *fastDec) when() time.Time {
	var tm flexTime
	d.unmarshal(tm.UnmarshalJSON, &tm.bad)
	return tm.t
}

// kind reads type or fileType, whose few values are shared.
func (d *fastDec) kind() string {
	if d.peek() != '"' {
		var f internText
		d.unmarshal(f.UnmarshalJSON, &f.bad)
		return f.s
	}
	start := d.i
	s, plain := d.str()
	if !plain {
		var f internText
		if f.UnmarshalJSON(d.b[start:d.i]); f.bad != nil {
			d.fail()
		}
		return f.s
	}
	for _, k := range commonTexts {
		if string(s) == k {
			return k
		}
	}
	return d.intern(s)
}

// crc reads crc64 (a string or a number) keeping its exact text.
func (d *fastDec) crc(f *flexText) {
	if d.peek() != '"' {
		d.unmarshal(f.UnmarshalJSON, &f.bad)
		if d.ok && f.s != "" {
			f.s = d.copy([]byte(f.s))
		}
		return
	}
	f.s = d.text(false)
}

// path reads originalPath. Every segment but the last (the item's own
// name) is interned: items come from a few folders. The slices of a page
// share backing arrays.
func (d *fastDec) path() []string {
	switch d.peek() {
	case 'n':
		d.literal("null")
		return nil
	case '[':
	default:
		d.fail()
		return nil
	}
	type span struct {
		raw, s []byte
		plain  bool
	}
	var buf [32]span
	spans := buf[:0]
	d.array(func() {
		if d.peek() != '"' {
			d.fail() // encoding/json would turn null into ""; the reference rejects it
			return
		}
		start := d.i
		s, plain := d.str()
		spans = append(spans, span{d.b[start:d.i], s, plain})
	})
	switch {
	case !d.ok:
		return nil
	case len(spans) == 0:
		return []string{} // as encoding/json decodes [], not nil
	}
	if cap(d.seg)-len(d.seg) < len(spans) {
		d.seg = make([]string, 0, max(1024, len(spans)))
	}
	start := len(d.seg)
	for k, sp := range spans {
		d.seg = append(d.seg, d.keep(sp.raw, sp.s, sp.plain, k < len(spans)-1))
	}
	if !d.ok {
		return nil
	}
	return d.seg[start:len(d.seg):len(d.seg)]
}

// authority reads authorityList: null, or an object of two booleans.
func (d *fastDec) authority(it *Item) {
	if d.peek() == 'n' {
		d.literal("null")
		return
	}
	it.HasAuthority = true
	d.object(func(key []byte) {
		switch string(key) {
		case "canDelete":
			it.Authority.CanDelete = d.boolean()
		case "canRestore":
			it.Authority.CanRestore = d.boolean()
		default:
			d.unknown(key, "canDelete", "canRestore")
		}
	})
}

// maxButtons bounds the flags the fast path collects per item.
const maxButtons = 16

// buttons reads authorityButtonList into the order Flags.UnmarshalJSON
// gives, reusing an identical earlier set.
func (d *fastDec) buttons() (f Flags) {
	if d.peek() == 'n' {
		d.literal("null")
		return nil
	}
	// Items repeat the same few objects byte for byte: a complete object
	// seen before, found as a prefix here, is the same object.
	for _, r := range d.in.rawSets {
		if bytes.HasPrefix(d.b[d.i:], r.raw) {
			d.i += len(r.raw)
			return r.f
		}
	}
	start := d.i
	defer func() {
		if d.ok && len(d.in.rawSets) < maxFlagSets {
			d.in.rawSets = append(d.in.rawSets, rawSet{bytes.Clone(d.b[start:d.i]), f})
		}
	}()
	type raw struct {
		key []byte
		on  bool
	}
	var rbuf [maxButtons]raw
	got := rbuf[:0]
	d.object(func(key []byte) {
		on := d.boolean()
		if len(got) == maxButtons {
			d.fail()
			return
		}
		for _, f := range got {
			if bytes.Equal(f.key, key) {
				d.fail() // a repeated key: leave "last wins" to the reference
			}
		}
		got = append(got, raw{key, on})
	})
	if !d.ok || len(got) == 0 {
		return nil
	}
	var fbuf [maxButtons]Flag
	out := fbuf[:0]
	for _, k := range knownFlags {
		for _, f := range got {
			if string(f.key) == k {
				out = append(out, Flag{Name: k, On: f.on})
			}
		}
	}
	rest := len(out)
	for _, f := range got {
		if !slices.Contains(knownFlags, string(f.key)) {
			out = append(out, Flag{Name: d.intern(f.key), On: f.on})
		}
	}
	slices.SortFunc(out[rest:], func(a, b Flag) int { return strings.Compare(a.Name, b.Name) })
	return d.in.flags(out)
}
