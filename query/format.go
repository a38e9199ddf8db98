package query

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"unicode"

	"smhbin/safe"
)

// String is the canonical text of q: one space between terms, lower-case
// qualifiers and values, sizes in the largest exact unit, quotes only
// where needed. Parse(q.String()) gives q back.
func (q Query) String() string {
	var b strings.Builder
	for i, t := range q.terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		if t.neg {
			b.WriteByte('-')
		}
		if t.key == keyWord {
			b.WriteString(quoteWord(t.text))
			continue
		}
		b.WriteString(keyNames[t.key])
		b.WriteByte(':')
		b.WriteString(t.value())
	}
	return b.String()
}

// value is the canonical text after a qualifier's colon.
func (t term) value() string {
	switch t.key {
	case keyType:
		var names []string
		mask := t.mask
		if mask&fileMask == fileMask {
			names, mask = append(names, "file"), mask&^fileMask
		}
		for _, v := range typeValues {
			if m := typeMask(v); v != "file" && mask&m != 0 {
				names = append(names, v)
			}
		}
		return strings.Join(names, ",")
	case keyPath:
		return quoteValue(t.text)
	case keyExt:
		return quoteValue(strings.Join(t.exts, ","))
	case keyRestorable, keyMarked:
		if t.flag {
			return "yes"
		}
		return "no"
	case keyResult:
		return resultNames[t.res]
	case keySize:
		return numeric(t, formatBytes)
	case keyLeft:
		return numeric(t, func(n int64) string { return strconv.FormatInt(n, 10) + "d" })
	}
	switch t.date {
	case dateToday:
		return "today"
	case dateYesterday:
		return "yesterday"
	case dateDay:
		return numeric(t, formatDay)
	}
	return numeric(t, formatAge)
}

func numeric(t term, f func(int64) string) string {
	if t.op == opRange {
		return f(t.a) + ".." + f(t.b)
	}
	return opText[t.op] + f(t.a)
}

// formatBytes names n in the largest unit that n reaches and expresses
// with at most three decimals, exactly (so that parsing it gives n back).
func formatBytes(n int64) string {
	for _, u := range sizeUnits {
		hi, lo := bits.Mul64(uint64(n), 1000)
		if n < u.n || hi >= uint64(u.n) {
			continue
		}
		if q, r := bits.Div64(hi, lo, uint64(u.n)); r == 0 {
			s := strconv.FormatUint(q/1000, 10)
			if f := q % 1000; f != 0 {
				s += strings.TrimRight(fmt.Sprintf(".%03d", f), "0")
			}
			return s + u.name
		}
	}
	return strconv.FormatInt(n, 10) + "B" // 0, or too fine for any unit
}

func formatAge(minutes int64) string {
	for _, u := range ageUnits {
		if minutes%u.n == 0 && minutes != 0 {
			return strconv.FormatInt(minutes/u.n, 10) + u.name
		}
	}
	return "0m"
}

func formatDay(d int64) string { return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100) }

// quoteWord quotes a plain word when it would not read back as itself:
// empty, led by - or ", holding a space, or looking like a qualifier.
func quoteWord(s string) string {
	if s == "" || s[0] == '-' || s[0] == '"' || qualifierAt(s, 0) >= 0 || hasSpace(s) {
		return quote(s)
	}
	return s
}

// quoteValue quotes a free-text value (path:) when needed.
func quoteValue(s string) string {
	if s == "" || s[0] == '"' || hasSpace(s) {
		return quote(s)
	}
	return s
}

func hasSpace(s string) bool { return strings.IndexFunc(s, unicode.IsSpace) >= 0 }

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Chips describes each term in a few words for the prompt's echo, e.g.
// `"img"`, `image or video`, `size > 100MB`, `not in "Team Drive"`.
// Text typed by the user passes through safe.Text, as it reaches a terminal.
func (q Query) Chips() []string {
	out := make([]string, len(q.terms))
	for i, t := range q.terms {
		c := t.chip()
		if t.neg && t.key != keyRestorable && t.key != keyMarked {
			c = "not " + c
		}
		out[i] = safe.Text(c)
	}
	return out
}

// Describe is the chips joined by " · ", or "" for the empty query.
func (q Query) Describe() string { return strings.Join(q.Chips(), " · ") }

func (t term) chip() string {
	switch t.key {
	case keyWord:
		return strconv.Quote(t.text)
	case keyType:
		return strings.ReplaceAll(t.value(), ",", " or ")
	case keyPath:
		return "in " + strconv.Quote(t.text)
	case keyExt:
		return "." + strings.Join(t.exts, " or .")
	case keyRestorable:
		if t.flag != t.neg {
			return "restorable"
		}
		return "not restorable"
	case keyMarked:
		if t.flag != t.neg {
			return "marked"
		}
		return "unmarked"
	case keyResult:
		return resultNames[t.res]
	case keySize:
		return "size " + spaced(t.value())
	case keyLeft:
		return "left " + spaced(t.value())
	}
	switch t.date {
	case dateToday, dateYesterday:
		return "deleted " + t.value()
	case dateDay:
		return "deleted " + strings.ReplaceAll(t.value(), "..", " to ")
	}
	return "deleted " + spaced(t.value()) + " ago"
}

// spaced puts spaces around an operator: ">100MB" → "> 100MB",
// "1d..7d" → "1d–7d".
func spaced(v string) string {
	if a, b, ok := strings.Cut(v, ".."); ok {
		return a + "–" + b
	}
	i := strings.IndexFunc(v, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return v
	}
	return v[:i] + " " + v[i:]
}
