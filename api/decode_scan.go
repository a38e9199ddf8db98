package api

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// The fast decoder's JSON scanning (see decode_fast.go): each function
// consumes one piece of syntax at d.i and, on anything that is not valid
// JSON, gives up on the fast path (fail) so that encoding/json words the
// error.

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
