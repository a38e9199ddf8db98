package api

import (
	"bytes"
	"encoding/binary"
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

// ws skips JSON whitespace from i.
func (d *fastDec) ws(i int) int {
	if i < len(d.b) && d.b[i] > ' ' { // the usual case: compact JSON
		return i
	}
	for i < len(d.b) && (d.b[i] == ' ' || d.b[i] == '\n' || d.b[i] == '\r' || d.b[i] == '\t') {
		i++
	}
	return i
}

// peek skips whitespace and returns the next byte (0 at the end).
func (d *fastDec) peek() byte {
	d.i = d.ws(d.i)
	if d.i >= len(d.b) {
		d.fail()
		return 0
	}
	return d.b[d.i]
}

// object walks a JSON object, calling field with each plain key while
// positioned on its value, which field must consume.
func (d *fastDec) object(field func(key []byte)) {
	if d.peek() != '{' {
		d.fail()
		return
	}
	d.i++
	if d.peek() == '}' {
		d.i++
		return
	}
	for d.ok {
		if d.peek() != '"' {
			d.fail()
			return
		}
		key, plain := d.str()
		if !plain || !d.ok {
			d.fail() // escaped keys are for encoding/json to match
			return
		}
		if d.peek() != ':' {
			d.fail()
			return
		}
		d.i++
		d.peek()
		field(key)
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.fail()
			return
		}
	}
}

// str consumes a string and returns its contents. plain is false when the
// contents have escapes or invalid UTF-8, which encoding/json rewrites.
// Control characters are malformed JSON.
func (d *fastDec) str() (s []byte, plain bool) {
	b, i := d.b, d.i+1
	plain = true
	var acc uint64 // the OR of the bytes passed, to tell ASCII from the rest
	for i < len(b) {
		// Most bytes are ordinary: pass them eight at a time, then one by one.
		for i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			if special(w) {
				break
			}
			acc |= w
			i += 8
		}
		for i < len(b) && strClass[b[i]] == 0 {
			acc |= uint64(b[i])
			i++
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c == '"':
			s = b[d.i+1 : i]
			d.i = i + 1
			if acc&hi != 0 && !utf8.Valid(s) {
				plain = false
			}
			return s, plain
		case c == '\\':
			plain = false
			i++
			if i >= len(b) || !strings.ContainsRune(`"\\/bfnrtu`, rune(b[i])) || b[i] == 'u' && !hex4(b, i+1) {
				d.fail()
				return nil, false
			}
		default: // a control character
			d.fail()
			return nil, false
		}
		i++
	}
	d.fail()
	return nil, false
}

const (
	lo = 0x0101010101010101
	hi = 0x8080808080808080
)

// special reports whether any byte of w is a quote, a backslash or a
// control character (the classic "has zero byte" and "has byte less than"
// tests; exact, with no false negatives or positives in what they report).
func special(w uint64) bool {
	zero := func(v uint64) uint64 { return (v - lo) &^ v & hi }
	return zero(w^(lo*'"'))|zero(w^(lo*'\\'))|((w-lo*0x20)&^w&hi) != 0
}

// strClass marks the bytes str must stop at: quote, backslash and
// control characters.
var strClass = func() (t [256]uint8) {
	for c := range 256 {
		if c == '"' || c == '\\' || c < 0x20 {
			t[c] = 1
		}
	}
	return t
}()

func hex4(b []byte, i int) bool {
	if i+4 > len(b) {
		return false
	}
	for _, c := range b[i : i+4] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// skip consumes one JSON value of any kind, checking its syntax.
func (d *fastDec) skip(depth int) {
	if depth > maxDepth {
		d.fail()
		return
	}
	switch c := d.peek(); {
	case c == '"':
		d.str()
	case c == '{':
		d.object(func([]byte) { d.skip(depth + 1) })
	case c == '[':
		d.array(func() { d.skip(depth + 1) })
	case c == '-' || c >= '0' && c <= '9':
		d.number()
	case c == 't':
		d.literal("true")
	case c == 'f':
		d.literal("false")
	case c == 'n':
		d.literal("null")
	default:
		d.fail()
	}
}

// array walks a JSON array, calling elem positioned on each element.
func (d *fastDec) array(elem func()) {
	d.i++ // '['
	if d.peek() == ']' {
		d.i++
		return
	}
	for d.ok {
		elem()
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return
		default:
			d.fail()
			return
		}
	}
}

func (d *fastDec) literal(word string) {
	if !bytes.HasPrefix(d.b[d.i:], []byte(word)) {
		d.fail()
		return
	}
	d.i += len(word)
}

// number consumes a JSON number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func (d *fastDec) number() {
	b, i := d.b, d.i
	digits := func() bool {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > s
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		d.fail()
		return
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			d.fail()
			return
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			d.fail()
			return
		}
	}
	d.i = i
}

// boolean reads true, false or null (false, as encoding/json leaves it).
func (d *fastDec) boolean() bool {
	switch d.peek() {
	case 't':
		d.literal("true")
		return true
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		d.fail()
	}
	return false
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
