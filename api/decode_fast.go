package api

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// The list reply is the one body that arrives by the megabyte, so it has
// a hand decoder: one pass over the bytes, no reflection, strings copied
// into a few shared chunks instead of one allocation each. It only ever
// answers for replies it fully understands; anything else (a bad value, an
// escaped key, a duplicate field, malformed JSON) makes it give up, and
// decodeReference decodes the page with encoding/json. So both paths give
// the same Page for every input, and the reference path words the errors.

// maxDepth bounds the nesting of unknown values the fast decoder skips.
const maxDepth = 512

// fastDec is the state of one fast decode.
type fastDec struct {
	b   []byte
	i   int
	in  *Interner
	ok  bool // cleared by the first thing the fast path does not handle
	ar  strings.Builder
	seg []string // backing for OriginalPath slices
}

// decodePageWith decodes a list reply, sharing repeated strings through in
// (nil: within the page only).
func decodePageWith(b []byte, in *Interner) (Page, error) {
	if in == nil {
		in = NewInterner()
	}
	if p, ok := fastPage(b, in); ok {
		return p, nil
	}
	p, err := decodeReference(b)
	if err == nil {
		in.share(p.Items)
	}
	return p, err
}

// fastPage is the fast path: ok is false when the reply needs encoding/json.
func fastPage(b []byte, in *Interner) (Page, bool) {
	d := &fastDec{b: b, in: in, ok: true}
	var p Page
	var tot flexInt
	var mk flexText
	var seen uint8
	d.object(func(key []byte) {
		switch string(key) {
		case "totalNum":
			d.once(&seen, 1)
			d.unmarshal(tot.UnmarshalJSON, &tot.bad)
		case "nextMarker":
			d.once(&seen, 2)
			d.unmarshal(mk.UnmarshalJSON, &mk.bad)
		case "contents":
			d.once(&seen, 4)
			p.Items = d.items()
		default:
			d.unknown(key, "totalNum", "nextMarker", "contents")
		}
	})
	if d.i = d.ws(d.i); d.i != len(b) || !d.ok {
		return Page{}, false
	}
	p.TotalNum, p.NextMarker = tot.v, Marker(mk.s)
	if len(p.Items) == 0 {
		p.Items = nil
	}
	return p, true
}

// fail gives up on the fast path.
func (d *fastDec) fail() { d.ok = false }

// once fails when a field comes twice: encoding/json's "last one wins"
// interacts with the lenient types in ways only it should decide.
func (d *fastDec) once(seen *uint8, bit uint8) {
	if *seen&bit != 0 {
		d.fail()
	}
	*seen |= bit
}

// unknown skips the value of a field the page does not use, giving up when
// encoding/json would match the key to a known field regardless of case.
func (d *fastDec) unknown(key []byte, known ...string) {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			d.fail()
		}
	}
	for _, k := range known {
		if strings.EqualFold(string(key), k) {
			d.fail()
		}
	}
	d.skip(0)
}

// unmarshal hands the next value's bytes to a lenient type's UnmarshalJSON
// and gives up on a bad value, so the reference path names it.
func (d *fastDec) unmarshal(f func([]byte) error, bad *[]byte) {
	start := d.i
	d.skip(0)
	if !d.ok {
		return
	}
	if f(d.b[start:d.i]) != nil || *bad != nil {
		d.fail()
	}
}

// text reads a string field: null is "", anything but a string gives up.
// Plain strings are copied into the page's chunks (interned when share);
// escaped ones are decoded by encoding/json, exactly as the reference does.
func (d *fastDec) text(share bool) string {
	switch d.peek() {
	case 'n':
		d.literal("null")
		return ""
	case '"':
	default:
		d.fail()
		return ""
	}
	start := d.i
	s, plain := d.str()
	if !d.ok {
		return ""
	}
	return d.keep(d.b[start:d.i], s, plain, share)
}

// keep turns a scanned string (raw with its quotes, s without) into a
// string: copied into the page's chunks (interned when share), or decoded
// by encoding/json when it is not plain, exactly as the reference does.
func (d *fastDec) keep(raw, s []byte, plain, share bool) string {
	switch {
	case !plain:
		var v string
		if json.Unmarshal(raw, &v) != nil {
			d.fail()
		}
		return v
	case share:
		return d.intern(s)
	}
	return d.copy(s)
}

// chunk is the size of the blocks that hold a page's strings.
const chunk = 32 << 10

// copy stores s in the current chunk. A strings.Builder never changes
// bytes it has handed out, so each string can slice the chunk's String.
func (d *fastDec) copy(s []byte) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > chunk/8 {
		return string(s)
	}
	if d.ar.Cap()-d.ar.Len() < len(s) {
		d.ar = strings.Builder{}
		d.ar.Grow(chunk)
	}
	start := d.ar.Len()
	d.ar.Write(s)
	return d.ar.String()[start:]
}
