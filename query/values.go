package query

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// kindNames are the values of type:, indexed by Kind; "file" is every
// kind but dir and has no Kind of its own.
var kindNames = [...]string{KindOther: "other", KindImage: "image", KindVideo: "video", KindAudio: "audio",
	KindDoc: "doc", KindDir: "dir"}

// typeValues lists type:'s values in the order help shows them.
var typeValues = []string{"image", "video", "audio", "doc", "dir", "file", "other"}

const fileMask = 1<<KindOther | 1<<KindImage | 1<<KindVideo | 1<<KindAudio | 1<<KindDoc

var resultNames = [...]string{ResultRestored: "restored", ResultRenamed: "renamed", ResultFailed: "failed",
	ResultUnconfirmed: "unconfirmed"}

// parseValue fills t from a qualifier's value, or says what is wrong.
func parseValue(t *term, v string) string {
	lv := strings.ToLower(v)
	switch t.key {
	case keyType:
		for _, name := range strings.Split(lv, ",") {
			m := typeMask(name)
			if m == 0 {
				return unknown("type", name, typeValues)
			}
			t.mask |= m
		}
	case keyPath:
		t.text, t.lower = v, strings.ToLower(v)
	case keyExt:
		for _, e := range strings.Split(lv, ",") {
			e = strings.TrimLeft(e, ".")
			if e == "" {
				return "an empty extension (write ext:pdf or ext:jpg,png)"
			}
			t.exts = append(t.exts, e)
		}
	case keyRestorable, keyMarked:
		switch lv {
		case "yes", "y", "true":
			t.flag = true
		case "no", "n", "false":
		default:
			return unknown("value", lv, []string{"yes", "no"})
		}
	case keyResult:
		for r, name := range resultNames {
			if r > 0 && name == lv {
				t.res = Result(r)
				return ""
			}
		}
		return unknown("result", lv, resultNames[1:])
	case keySize:
		return parseNumeric(t, lv, parseBytes)
	case keyLeft:
		return parseNumeric(t, lv, parseDays)
	case keyDeleted:
		return parseDeleted(t, lv)
	}
	return ""
}

func typeMask(name string) uint8 {
	if name == "file" {
		return fileMask
	}
	for k, n := range kindNames {
		if n == name {
			return 1 << k
		}
	}
	return 0
}

// unknown words an unknown value with a did-you-mean, or the choices.
func unknown(what, v string, choices []string) string {
	if s := closest(v, choices); s != "" {
		return fmt.Sprintf("unknown %s %q; did you mean %q?", what, v, s)
	}
	return fmt.Sprintf("unknown %s %q (one of %s)", what, v, strings.Join(choices, ", "))
}

// splitOp splits a leading comparison or an a..b range off v.
func splitOp(v string) (o op, a, b string) {
	for _, o := range []op{opLe, opGe, opLt, opGt} {
		if rest, ok := strings.CutPrefix(v, opText[o]); ok {
			return o, rest, ""
		}
	}
	v = strings.TrimPrefix(v, "=")
	if a, b, ok := strings.Cut(v, ".."); ok {
		return opRange, a, b
	}
	return opEq, v, ""
}

// parseNumeric reads <n, <=n, >n, >=n, n or a..b, each operand through
// num; a range must not run backwards.
func parseNumeric(t *term, v string, num func(string) (int64, string)) string {
	o, as, bs := splitOp(v)
	t.op = o
	var msg string
	if t.a, msg = num(as); msg != "" {
		return msg
	}
	if o == opRange {
		if t.b, msg = num(bs); msg != "" {
			return msg
		}
		if t.b < t.a {
			return "the range runs backwards (write the smaller end first)"
		}
	}
	return ""
}

type unit struct {
	name string
	n    int64
}

// sizeUnits, largest first, is also the order String prefers: the
// largest unit that divides a size exactly names it.
var sizeUnits = []unit{{"PiB", 1 << 50}, {"PB", 1e15}, {"TiB", 1 << 40}, {"TB", 1e12}, {"GiB", 1 << 30},
	{"GB", 1e9}, {"MiB", 1 << 20}, {"MB", 1e6}, {"KiB", 1 << 10}, {"KB", 1e3}, {"B", 1}}

// parseBytes reads a decimal number with an optional SI or IEC unit
// (case-insensitive; K, M, G, T, P alone are SI). Fractions are allowed
// and round down to whole bytes.
func parseBytes(s string) (int64, string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, u := s[:i], s[i:]
	mult := int64(0)
	if u == "" {
		mult = 1
	}
	for _, x := range sizeUnits {
		if lu := strings.ToLower(x.name); u == lu || u+"b" == lu {
			mult = x.n
		}
	}
	if mult == 0 {
		names := make([]string, len(sizeUnits))
		for i, x := range sizeUnits {
			names[i] = strings.ToLower(x.name)
		}
		return 0, unknown("unit", u, names)
	}
	return scaled(num, mult, "a size like 100MB or 1.5GiB")
}

// scaled computes num×mult exactly, num being digits with an optional
// fraction; the result rounds down and must fit an int64.
func scaled(num string, mult int64, want string) (int64, string) {
	whole, frac, _ := strings.Cut(num, ".")
	if whole == "" && frac == "" || strings.Contains(frac, ".") {
		return 0, "expected " + want
	}
	w, err := strconv.ParseUint("0"+whole, 10, 63)
	if err != nil {
		return 0, "the number is too large"
	}
	hi, lo := bits.Mul64(w, uint64(mult))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, "the number is too large"
	}
	n := int64(lo)
	if len(frac) > 18 {
		frac = frac[:18] // beyond 10^-18 no unit (≤ 2^50) changes the result
	}
	if frac != "" {
		// frac/10^k × mult, in the integers: the product is below
		// 10^k×2^50, so its high word is below 10^k and Div64 cannot fault.
		f, _ := strconv.ParseUint(frac, 10, 64)
		pow := uint64(1)
		for range frac {
			pow *= 10
		}
		fh, fl := bits.Mul64(f, uint64(mult))
		add, _ := bits.Div64(fh, fl, pow)
		if n += int64(add); n < 0 {
			return 0, "the number is too large"
		}
	}
	return n, ""
}

// parseDays reads a whole number of days, optionally with d or w.
func parseDays(s string) (int64, string) {
	return parseWhole(s, []unit{{"w", 7}, {"d", 1}, {"", 1}}, "days like 3d")
}

// ageUnits are deleted:'s age units, in minutes, largest first.
var ageUnits = []unit{{"w", 7 * 24 * 60}, {"d", 24 * 60}, {"h", 60}, {"min", 1}, {"m", 1}}

// parseWhole reads digits followed by one of units (in the units' sizes).
func parseWhole(s string, units []unit, want string) (int64, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, "expected " + want
	}
	for _, u := range units {
		if s[i:] == u.name {
			n, err := strconv.ParseInt(s[:i], 10, 64)
			if err != nil || n > math.MaxInt64/u.n {
				return 0, "the number is too large"
			}
			return n * u.n, ""
		}
	}
	return 0, fmt.Sprintf("expected %s (unit %q is not known)", want, s[i:])
}

// parseDeleted reads an age comparison (<2h, >7d, 1d..7d), a local day
// (2026-11-30), a range of days (2026-11-01..2026-11-30), today or
// yesterday.
func parseDeleted(t *term, v string) string {
	switch v {
	case "today":
		t.date = dateToday
		return ""
	case "yesterday":
		t.date = dateYesterday
		return ""
	}
	if len(v) >= 10 && v[4] == '-' {
		t.date = dateDay
		t.op = opEq
		as, bs, isRange := strings.Cut(v, "..")
		var msg string
		if t.a, msg = parseDay(as); msg != "" {
			return msg
		}
		if isRange {
			t.op = opRange
			if t.b, msg = parseDay(bs); msg != "" {
				return msg
			}
			if t.b < t.a {
				return "the range runs backwards (write the earlier day first)"
			}
		}
		return ""
	}
	o, _, _ := splitOp(v)
	if o == opEq {
		return "write <2h (within the last 2 hours), >7d (longer ago), 1d..7d, a day like 2026-11-30, or today"
	}
	return parseNumeric(t, v, func(s string) (int64, string) {
		return parseWhole(s, ageUnits, "an age like 2h, 90m, 7d or 2w")
	})
}

// parseDay reads yyyy-mm-dd into yyyymmdd.
func parseDay(s string) (int64, string) {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, "expected a day like 2026-11-30"
	}
	return int64(d.Year())*10000 + int64(d.Month())*100 + int64(d.Day()), ""
}
