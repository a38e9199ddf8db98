// Package query is smhbin's filter language: plain words that match the
// item's path as the name filter always has, and qualifiers such as
// type:image, size:>100MB, deleted:<2h or -path:"Team Drive", all ANDed.
//
// Parse turns text into a Query (or a one-line *Error with its column and a
// did-you-mean); Query.At binds it to a clock and precomputes everything,
// and Matcher.Match tests a precomputed Item without allocating. The
// package knows nothing of terminals, so the TUI and the CLI share it.
package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"smhbin/internal/suggest"
)

// key names what a term tests.
type key uint8

const (
	keyWord key = iota // a plain word: substring of the path
	keyType
	keySize
	keyDeleted
	keyLeft
	keyPath
	keyExt
	keyRestorable
	keyMarked
	keyResult
)

// keyNames are the qualifier names, indexed by key.
var keyNames = [...]string{"", "type", "size", "deleted", "left", "path", "ext", "restorable", "marked", "result"}

// op is a comparison of a numeric or time term.
type op uint8

const (
	opEq op = iota
	opLt
	opLe
	opGt
	opGe
	opRange // a..b, both ends included
)

var opText = [...]string{"", "<", "<=", ">", ">=", ".."}

// dateForm tells how a deleted: term's operands read.
type dateForm uint8

const (
	dateAge       dateForm = iota // a, b are ages in minutes
	dateDay                       // a, b are days as yyyymmdd, local time
	dateToday                     // the local day of the clock
	dateYesterday                 // the local day before it
)

// term is one parsed, canonical condition. Only the fields its key uses
// are set, so that two parses of the same text compare equal.
type term struct {
	key   key
	neg   bool
	op    op
	date  dateForm
	a, b  int64    // size bytes, left days, or deleted operands
	text  string   // word or path as typed (unquoted)
	lower string   // its lower-cased form, the needle
	exts  []string // ext: lower-cased, without dots
	mask  uint8    // type: a bit per Kind
	flag  bool     // restorable:, marked:
	res   Result   // result:
}

// Query is a parsed filter. The zero Query matches everything.
type Query struct {
	terms []term
}

// Empty reports whether q has no terms (and so matches every item).
func (q Query) Empty() bool { return len(q.terms) == 0 }

// Uses reports whether q has a term with the named qualifier ("type",
// "marked", …; "" for plain words). The CLI refuses marked: and result:,
// and a caller can skip computing marks or outcomes q does not read.
func (q Query) Uses(name string) bool {
	for _, t := range q.terms {
		if keyNames[t.key] == name {
			return true
		}
	}
	return false
}

// Error is a parse error: one line, with where it happened.
type Error struct {
	Offset int    // byte offset in the text
	Col    int    // 1-based column, in runes
	Msg    string // what is wrong, with a did-you-mean when there is one
}

// Error is "column N: message", one line, for a prompt or stderr.
func (e *Error) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

// parser reads one query text left to right.
type parser struct {
	src string
	i   int
}

func (p *parser) errAt(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Col: utf8.RuneCountInString(p.src[:off]) + 1, Msg: fmt.Sprintf(format, args...)}
}

// Parse parses a filter. Terms are separated by white space (any Unicode
// space, so an ideographic space separates too) and all must hold.
func Parse(s string) (Query, error) {
	p := parser{src: s}
	var q Query
	for {
		p.skipSpace()
		if p.i >= len(s) {
			return q, nil
		}
		t, err := p.term()
		if err != nil {
			return Query{}, err
		}
		q.terms = append(q.terms, t)
	}
}

func (p *parser) skipSpace() {
	for p.i < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

// atEnd reports whether a token ends at i (end of text or a space).
func (p *parser) atEnd(i int) bool {
	if i >= len(p.src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p.src[i:])
	return unicode.IsSpace(r)
}

// bare reads up to the next space; quotes inside are literal.
func (p *parser) bare() string {
	start := p.i
	for !p.atEnd(p.i) {
		_, n := utf8.DecodeRuneInString(p.src[p.i:])
		p.i += n
	}
	return p.src[start:p.i]
}

// quoted reads a "…" string at p.i; \" and \\ are the only escapes.
func (p *parser) quoted() (string, error) {
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			if !p.atEnd(p.i) {
				return "", p.errAt(p.i, "put a space after the closing quote")
			}
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.src) && (p.src[p.i+1] == '"' || p.src[p.i+1] == '\\'):
			b.WriteByte(p.src[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.errAt(start, "the quote is not closed")
}

// qualifierAt returns the end of an ASCII-letter run at i that a colon
// follows, or -1: such a token is a qualifier, known or not.
func qualifierAt(s string, i int) int {
	j := i
	for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
		j++
	}
	if j > i && j < len(s) && s[j] == ':' {
		return j
	}
	return -1
}

func (p *parser) term() (term, error) {
	var t term
	if p.src[p.i] == '-' && !p.atEnd(p.i+1) {
		t.neg = true
		p.i++
	}
	if p.src[p.i] == '"' {
		w, err := p.quoted()
		if err != nil {
			return t, err
		}
		t.text, t.lower = w, strings.ToLower(w)
		return t, nil
	}
	start := p.i
	colon := qualifierAt(p.src, p.i)
	if colon < 0 {
		t.text = p.bare()
		t.lower = strings.ToLower(t.text)
		return t, nil
	}
	name := strings.ToLower(p.src[p.i:colon])
	k := lookupKey(name)
	if k == keyWord {
		if s := closest(name, keyNames[1:]); s != "" {
			return t, p.errAt(start, "unknown qualifier %q; did you mean %q?", name+":", s+":")
		}
		return t, p.errAt(start, "unknown qualifier %q (known: %s; quote text to search for it)", name+":", strings.Join(keyNames[1:], ", "))
	}
	t.key = k
	p.i = colon + 1
	valAt := p.i
	var val string
	if p.i < len(p.src) && p.src[p.i] == '"' {
		var err error
		if val, err = p.quoted(); err != nil {
			return t, err
		}
	} else {
		val = p.bare()
	}
	if val == "" {
		return t, p.errAt(valAt, "%s: needs a value, e.g. %s", name, examples[k])
	}
	if msg := parseValue(&t, val); msg != "" {
		return t, p.errAt(valAt, "%s:%s: %s", name, val, msg)
	}
	return t, nil
}

// examples are shown when a qualifier has no value.
var examples = [...]string{
	keyType: "type:image", keySize: "size:>100MB", keyDeleted: "deleted:<2h", keyLeft: "left:<3d",
	keyPath: `path:"Team Drive"`, keyExt: "ext:pdf", keyRestorable: "restorable:yes",
	keyMarked: "marked:yes", keyResult: "result:failed",
}

func lookupKey(name string) key {
	for k, n := range keyNames {
		if k > 0 && n == name {
			return key(k)
		}
	}
	return keyWord
}

// closest is the shared did-you-mean (internal/suggest, standard library only, no
// Bubble Tea). Input much longer than every candidate cannot be within
// its two edits, and is not worth the quadratic distance.
func closest(s string, candidates []string) string {
	if len(s) > 16 {
		return ""
	}
	return suggest.Closest(s, candidates)
}
