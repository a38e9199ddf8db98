package api

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Lenient scalar types for the wire structs of decode.go. Each parses the
// raw JSON bytes in place and, instead of failing, records a bad value so
// the caller can name the field in its error.

// scalar returns the text of a JSON number, or the contents of a JSON
// string, without copying when the string has no escapes. null reports a
// JSON null; ok is false for booleans, objects and arrays.
func scalar(b []byte) (text []byte, null, ok bool) {
	switch {
	case len(b) == 0:
		return nil, false, false
	case b[0] == 'n':
		return nil, true, true
	case b[0] == '"':
		if len(b) < 2 || b[len(b)-1] != '"' {
			return nil, false, false
		}
		s := b[1 : len(b)-1]
		if bytes.IndexByte(s, '\\') < 0 {
			return s, false, true
		}
		var u string
		if json.Unmarshal(b, &u) != nil {
			return nil, false, false
		}
		return []byte(u), false, true
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		return b, false, true
	}
	return nil, false, false
}

// badValue copies (and clips) a rejected value for an error message.
func badValue(b []byte) []byte {
	const max = 40
	if len(b) > max {
		return append(bytes.Clone(b[:max]), "…"...)
	}
	return bytes.Clone(b)
}

// flexInt is an int64 sent as a JSON number or a numeric string; null and
// "" leave it unset.
type flexInt struct {
	v   int64
	set bool
	bad []byte
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexInt) UnmarshalJSON(b []byte) error {
	t, null, ok := scalar(b)
	if null || (ok && len(t) == 0) {
		return nil
	}
	neg := ok && t[0] == '-'
	if neg {
		t = t[1:]
	}
	u, uok := parseUint(t)
	if !ok || !uok || u > 1<<63-1 {
		f.bad = badValue(b)
		return nil
	}
	f.v, f.set = int64(u), true
	if neg {
		f.v = -f.v
	}
	return nil
}

// flexUint is a uint64 sent as a decimal string or a JSON number.
type flexUint struct {
	v   uint64
	bad []byte
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexUint) UnmarshalJSON(b []byte) error {
	t, null, ok := scalar(b)
	if null || (ok && len(t) == 0) {
		return nil
	}
	u, uok := parseUint(t)
	if !ok || !uok {
		f.bad = badValue(b)
		return nil
	}
	f.v = u
	return nil
}

// parseUint parses plain decimal digits, rejecting signs, fractions,
// exponents and overflow.
func parseUint(t []byte) (uint64, bool) {
	if len(t) == 0 || len(t) > 20 {
		return 0, false
	}
	var u uint64
	for _, c := range t {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if u > (math.MaxUint64-d)/10 {
			return 0, false
		}
		u = u*10 + d
	}
	return u, true
}

// flexText is text sent as a JSON string or number (markers, task ids,
// crc64): it keeps the exact characters so they can be sent back unchanged.
type flexText struct {
	s   string
	bad []byte
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexText) UnmarshalJSON(b []byte) error {
	t, _, ok := scalar(b)
	if !ok {
		f.bad = badValue(b)
		return nil
	}
	f.s = string(t)
	return nil
}

// commonTexts are item types and file types shared rather than allocated
// once per item.
var commonTexts = [...]string{"file", "dir", "image", "video", "symlink", "multi-file",
	"excel", "powerpoint", "word", "pdf", "text", "other", "unknown"}

// internText is a string field whose common values cost no allocation.
type internText struct {
	s   string
	bad []byte
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *internText) UnmarshalJSON(b []byte) error {
	t, null, ok := scalar(b)
	switch {
	case null:
		return nil
	case !ok || b[0] != '"':
		f.bad = badValue(b)
		return nil
	}
	for _, k := range commonTexts {
		if string(t) == k {
			f.s = k
			return nil
		}
	}
	f.s = string(t)
	return nil
}

// flexTime is an ISO-8601 time; "" and null give the zero time. Times are
// normalised to UTC so that decoded items compare equal after a round trip.
type flexTime struct {
	t   time.Time
	bad []byte
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexTime) UnmarshalJSON(b []byte) error {
	t, null, ok := scalar(b)
	if null || (ok && b[0] == '"' && len(t) == 0) {
		return nil
	}
	if ok && b[0] == '"' {
		if tm, fast := parseMillisUTC(t); fast {
			f.t = tm
			return nil
		}
		if tm, err := time.Parse(time.RFC3339Nano, string(t)); err == nil {
			f.t = tm.UTC()
			return nil
		}
	}
	f.bad = badValue(b)
	return nil
}

// parseMillisUTC parses the API's usual form "2006-01-02T15:04:05.000Z"
// without allocating; anything else is left to time.Parse.
func parseMillisUTC(t []byte) (time.Time, bool) {
	if len(t) != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
		t[16] != ':' || t[19] != '.' || t[23] != 'Z' {
		return time.Time{}, false
	}
	var v [7]int
	for i, sp := range [7][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}, {20, 23}} {
		for _, c := range t[sp[0]:sp[1]] {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	if v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59 {
		return time.Time{}, false
	}
	y, m, d := v[0], v[1], v[2]
	if d > 28 && d > daysIn(y, m) { // 31 February and friends
		return time.Time{}, false
	}
	// The Unix time from the civil date (Howard Hinnant's days_from_civil):
	// several times cheaper than time.Date, and the same Time.
	if m <= 2 {
		y--
	}
	era := y / 400 // y ≥ -1 and era 0 for it: a year -1 is only reached from 0000, handled below
	if y < 0 {
		era = -1
	}
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	days := int64(era)*146097 + int64(yoe*365+yoe/4-yoe/100+doy) - 719468
	return time.Unix(days*86400+int64(v[3]*3600+v[4]*60+v[5]), int64(v[6])*1e6).UTC(), true
}

// daysIn is the length of month m of year y (proleptic Gregorian).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// fmtTime writes t as the API does, or "" for the zero time.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// stringList is a JSON array of strings (originalPath). Plain arrays are
// copied into one shared backing string, so a path costs two allocations
// whatever its depth; anything unusual (escapes, invalid UTF-8) is left to
// encoding/json so the result is always the same as decoding into []string.
type stringList struct {
	v   []string
	bad []byte
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *stringList) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == 'n' {
		return nil
	}
	n, size, plain := scanStrings(b)
	switch {
	case n < 0:
		f.bad = badValue(b)
	case !plain:
		if json.Unmarshal(b, &f.v) != nil {
			f.bad = badValue(b)
		}
	default:
		f.v = splitStrings(b, n, size)
	}
	return nil
}

// scanStrings measures a JSON array of strings: n elements of size bytes
// in all. plain is false when an element has escapes or invalid UTF-8;
// n < 0 when b is not an array of strings.
func scanStrings(b []byte) (n, size int, plain bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return -1, 0, false
	}
	plain = true
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return 0, 0, true
	}
	for i < len(b) && b[i] == '"' {
		j := i + 1
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' {
				plain = false
				j++
			}
			j++
		}
		if j >= len(b) {
			return -1, 0, false
		}
		if plain && !utf8.Valid(b[i+1:j]) {
			plain = false
		}
		n, size = n+1, size+j-i-1
		i = skipSpace(b, j+1)
		switch {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == ']':
			return n, size, plain
		default:
			return -1, 0, false
		}
	}
	return -1, 0, false
}

// splitStrings copies the n plain strings of a scanned array into one
// backing string and slices it.
func splitStrings(b []byte, n, size int) []string {
	var sb strings.Builder
	sb.Grow(size)
	ends := make([]int, 0, n)
	for i := 0; len(ends) < n; i++ {
		if b[i] != '"' {
			continue
		}
		j := i + 1 + bytes.IndexByte(b[i+1:], '"')
		sb.Write(b[i+1 : j])
		ends = append(ends, sb.Len())
		i = j
	}
	all, out, start := sb.String(), make([]string, n), 0
	for k, end := range ends {
		out[k], start = all[start:end], end
	}
	return out
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
