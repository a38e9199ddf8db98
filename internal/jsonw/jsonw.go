// Package jsonw appends JSON values to byte slices, for the two output
// paths that write thousands of items a second: listing pages in the
// emulator and `smhbin list --json`. There encoding/json's reflection, and
// its second pass over every MarshalJSON result, cost 2–20 µs an item and
// most of a page's time. The bytes written are encoding/json's own
// (tests compare them on awkward strings and a fuzz target); anything
// unusual in a string is handed to encoding/json itself.
package jsonw

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// String appends s as a JSON string, as encoding/json writes it with
// HTML escaping on (json.Marshal) or off (an Encoder with
// SetEscapeHTML(false)). Strings that need no escaping, CJK and other
// valid UTF-8 included, are copied as they are.
func String(b []byte, s string, escapeHTML bool) []byte {
	if !needsEscape(s, escapeHTML) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(out.Bytes(), []byte("\n"))...)
}

// Strings appends ss as a JSON array of strings (null when nil), each as
// String writes it.
func Strings(b []byte, ss []string, escapeHTML bool) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = String(b, s, escapeHTML)
	}
	return append(b, ']')
}

// Time appends t in UTC as a quoted "2006-01-02T15:04:05.000Z", SMH's time
// format. Digits are placed directly: time.AppendFormat parses its layout
// on every call, which was half of an emulator page's cost.
func Time(b []byte, t time.Time) []byte {
	u := t.UTC()
	year, month, day := u.Date()
	if year < 0 || year > 9999 {
		b = append(b, '"')
		return append(u.AppendFormat(b, "2006-01-02T15:04:05.000Z07:00"), '"')
	}
	hour, minute, sec := u.Clock()
	milli := u.Nanosecond() / 1e6
	return append(b, '"',
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-',
		byte('0'+int(month)/10), byte('0'+int(month)%10), '-', byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), ':', byte('0'+minute/10), byte('0'+minute%10), ':',
		byte('0'+sec/10), byte('0'+sec%10), '.', byte('0'+milli/100), byte('0'+milli/10%10), byte('0'+milli%10),
		'Z', '"')
}

// needsEscape reports whether encoding/json would write s other than as
// its bytes between quotes.
func needsEscape(s string, escapeHTML bool) bool {
	var seen byte
	for i := 0; i < len(s); i++ {
		c := byteClass[s[i]]
		if c&mustEscape != 0 || escapeHTML && c&htmlByte != 0 {
			return true
		}
		seen |= c
	}
	if seen&nonASCII == 0 {
		return false
	}
	return !utf8.ValidString(s) ||
		seen&maybeSeparator != 0 && (strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029"))
}

// Byte classes for needsEscape.
const (
	nonASCII       = 1 << iota // a byte of a multi-byte sequence: validate
	maybeSeparator             // 0xE2 leads U+2028 and U+2029, which encoding/json escapes
	mustEscape                 // control characters, '"' and '\\'
	htmlByte                   // '<', '>' and '&', escaped when HTML escaping is on
)

var byteClass = func() (t [256]byte) {
	for c := range 0x20 {
		t[c] = mustEscape
	}
	t['"'], t['\\'] = mustEscape, mustEscape
	t['<'], t['>'], t['&'] = htmlByte, htmlByte, htmlByte
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = nonASCII
	}
	t[0xE2] |= maybeSeparator
	return t
}()
