package query

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"
)

// check is one term compiled against a clock: every comparison is an
// inclusive interval or a needle, so Match only compares.
type check struct {
	key    key
	neg    bool
	mask   uint8
	flag   bool
	res    Result
	lo, hi int64    // left days, removal unix ms; size as uint64 bits
	needle []byte   // word or path, lower-cased
	grams  uint64   // bigrams of needle
	slash  bool     // needle has a "/", so a word may span folder and name
	exts   []string // ext:
}

// Matcher is a Query bound to a moment. It is read-only, so one Matcher
// may be shared by goroutines.
type Matcher struct {
	checks []check
	// text and ext say whether some term reads the folder and name (a
	// word, path:) or the extension, so a Table scan can skip finding them.
	text, ext bool
}

// At binds q to now: ages and days (deleted:) become absolute instants,
// days in now's location. Matching never reads the clock itself.
func (q Query) At(now time.Time) *Matcher {
	m := &Matcher{checks: make([]check, 0, len(q.terms))}
	for _, t := range q.terms {
		c := check{key: t.key, neg: t.neg, mask: t.mask, flag: t.flag, res: t.res, exts: t.exts}
		if t.key == keyWord || t.key == keyPath {
			c.needle, c.grams, c.slash = []byte(t.lower), bigrams(t.lower), strings.Contains(t.lower, "/")
		}
		switch t.key {
		case keySize:
			lo, hi := interval(t.op, t.a, t.b)
			c.lo, c.hi = max(lo, 0), hi
		case keyLeft:
			c.lo, c.hi = interval(t.op, t.a, t.b)
		case keyDeleted:
			c.lo, c.hi = removalBounds(t, now)
		}
		m.checks = append(m.checks, c)
		m.text = m.text || c.isText()
		m.ext = m.ext || c.key == keyExt
	}
	// Cheap comparisons first, substring searches last: AND commutes,
	// and most items fail on a number before a needle is searched.
	slices.SortStableFunc(m.checks, func(a, b check) int { return cost(a.key) - cost(b.key) })
	return m
}

func cost(k key) int {
	switch k {
	case keyWord, keyPath:
		return 2
	case keyExt:
		return 1
	}
	return 0
}

// interval turns a comparison into an inclusive [lo, hi].
func interval(o op, a, b int64) (lo, hi int64) {
	switch o {
	case opLt:
		return math.MinInt64, a - 1
	case opLe:
		return math.MinInt64, a
	case opGt:
		if a == math.MaxInt64 {
			return 1, 0 // empty
		}
		return a + 1, math.MaxInt64
	case opGe:
		return a, math.MaxInt64
	case opRange:
		return a, b
	}
	return a, a
}

// removalBounds is the inclusive range of removal instants (unix ms)
// that a deleted: term accepts at now.
func removalBounds(t term, now time.Time) (lo, hi int64) {
	loc := now.Location()
	day := func(yyyymmdd int64, plus int) int64 {
		y, m, d := int(yyyymmdd/10000), time.Month(yyyymmdd/100%100), int(yyyymmdd%100)
		return time.Date(y, m, d+plus, 0, 0, 0, 0, loc).UnixMilli()
	}
	today := func(back int) (int64, int64) {
		y, m, d := now.Date()
		return time.Date(y, m, d-back, 0, 0, 0, 0, loc).UnixMilli(), time.Date(y, m, d-back+1, 0, 0, 0, 0, loc).UnixMilli() - 1
	}
	switch t.date {
	case dateToday:
		return today(0)
	case dateYesterday:
		return today(1)
	case dateDay:
		last := t.a
		if t.op == opRange {
			last = t.b
		}
		return day(t.a, 0), day(last, 1) - 1
	}
	// An age of a minutes: removed at or before now − a. "Less than 2h
	// ago" is a later removal, so the comparison flips.
	ms := now.UnixMilli()
	at := func(minutes int64) int64 {
		if minutes > (ms-math.MinInt64/2)/60000 {
			return math.MinInt64 / 2 // older than anything representable
		}
		return ms - minutes*60000
	}
	switch t.op {
	case opLt:
		return at(t.a) + 1, math.MaxInt64
	case opLe:
		return at(t.a), math.MaxInt64
	case opGt:
		return math.MinInt64, at(t.a) - 1
	case opGe:
		return math.MinInt64, at(t.a)
	}
	return at(t.b), at(t.a) // a..b ago
}

// Match reports whether the item passes every term. It does not allocate.
func (m *Matcher) Match(it *Item) bool {
	return m.match(&it.row, it.name, &it.folder, true)
}

// match is Match over an item's parts. With text false it skips the
// word and path: terms, which Table.Filter has decided already; name and
// f may then be nil unless an ext: term reads the name. One switch, no
// calls for the numeric terms: this loop runs once per item per keystroke.
func (m *Matcher) match(r *row, name []byte, f *folder, text bool) bool {
	for i := range m.checks {
		c := &m.checks[i]
		var ok bool
		switch c.key {
		case keyWord:
			if !text {
				continue
			}
			ok = c.inName(r, name) || c.inFolder(f, 1) || c.spans(f, name)
		case keyPath:
			if !text {
				continue
			}
			ok = c.inFolder(f, 0)
		case keyType:
			ok = c.mask&(1<<r.kind) != 0
		case keySize:
			ok = r.size >= uint64(c.lo) && (c.hi >= 0 && r.size <= uint64(c.hi))
		case keyDeleted:
			ok = r.removed != 0 && r.removed >= c.lo && r.removed <= c.hi
		case keyLeft:
			ok = r.left >= c.lo && r.left <= c.hi
		case keyExt:
			ok = c.hasExt(name[len(name)-int(r.extLen):])
		case keyRestorable:
			ok = r.restorable == c.flag
		case keyMarked:
			ok = r.Marked == c.flag
		case keyResult:
			ok = r.Result == c.res
		}
		if ok == c.neg {
			return false
		}
	}
	return true
}

// isText reports whether c searches text (a word or path:).
func (c *check) isText() bool { return c.key == keyWord || c.key == keyPath }

// inName reports whether the needle is in the lower-cased name.
func (c *check) inName(r *row, name []byte) bool {
	return r.grams&c.grams == c.grams && bytes.Contains(name, c.needle)
}

// inFolder reports whether the needle is in the folder's text from byte
// from on: 0 for path: ("/a/b/"), 1 for words ("a/b/", joined to the name).
func (c *check) inFolder(f *folder, from int) bool {
	return f.grams&c.grams == c.grams && bytes.Contains(f.text[from:], c.needle)
}

// spans reports whether a word lies across the "/" that joins the
// folder to the name: a "/" of the needle sits on it, what precedes ends
// the folder and what follows starts the name. A needle without "/" is
// wholly in one of the two, and at the root there is nothing to span.
func (c *check) spans(f *folder, name []byte) bool {
	if !c.slash {
		return false
	}
	dir := f.text[1:]
	for k, b := range c.needle {
		if b == '/' && bytes.HasSuffix(dir, c.needle[:k+1]) && bytes.HasPrefix(name, c.needle[k+1:]) {
			return true
		}
	}
	return false
}

// hasExt reports whether ext is one of an ext: term's extensions.
func (c *check) hasExt(ext []byte) bool {
	for _, e := range c.exts {
		if string(ext) == e {
			return true
		}
	}
	return false
}

// Narrows reports whether every item that q matches is also matched by
// prev, when both are bound to the same moment: then a caller may rescan
// only prev's results, as typing usually lengthens a word or adds a term.
// It is conservative: false means "rescan everything", not "wider".
func (q Query) Narrows(prev Query) bool {
	for _, p := range prev.terms {
		if !slices.ContainsFunc(q.terms, func(t term) bool { return implies(t, p) }) {
			return false
		}
	}
	return true
}

// implies reports whether t holding means p holds.
func implies(t, p term) bool {
	if (t.key == keyWord || t.key == keyPath) && t.key == p.key && !t.neg && !p.neg {
		return strings.Contains(t.lower, p.lower)
	}
	return reflect.DeepEqual(t, p)
}
