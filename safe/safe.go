// Package safe is the one gate through which names and paths from the SMH
// server pass before they reach a terminal.
//
// Names are untrusted: anyone who can upload a file can choose its name, and
// the TUI is often used over SSH, where a stray ESC or an 8-bit CSI would let
// that name move the cursor, retitle the window, plant an OSC 8 link or
// reorder the line with a bidi override. Text makes every such code point
// visible as an escape instead, so a name can mislead no one about what it
// contains, and the width helpers measure the result the same way lipgloss
// does (grapheme clusters, East-Asian wide = 2 cells).
package safe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fuser tables come from the grapheme segmenter itself, because Go's
// unicode tables trail the Unicode version it follows.
//go:generate go run ./internal/gentables

const hexDigits = "0123456789abcdef"

// Text returns s with every control or invisible formatting code point
// replaced by a visible escape, so that printing the result can neither
// change terminal state nor hide or reorder text:
//
//   - C0 controls U+0000–U+001F (NUL, BEL, TAB, LF, CR, ESC, …) and DEL
//     become `\x1b`-style escapes;
//   - C1 controls U+0080–U+009F (8-bit CSI, OSC, …) become `\u009b`;
//   - format characters (Unicode category Cf: bidi embeddings, overrides and
//     isolates, LRM/RLM/ALM, U+200B, U+2060, U+FEFF, soft hyphen, tag
//     characters, …), the line and paragraph separators U+2028/U+2029 and
//     the blank Hangul fillers become `\u202e`-style escapes (`\U000e0041`
//     beyond the BMP);
//   - each byte that is not part of valid UTF-8 becomes `\xff`;
//   - combining marks and other grapheme extenders at the very start, and a
//     Prepend mark at the very end, become `\u0301`-style escapes: there
//     they would fuse with whatever the UI draws next to the name (a pad
//     space, a column rule), changing its width and what it looks like.
//
// ZWNJ (U+200C) and ZWJ (U+200D) are kept: Persian and Indic names need the
// first, emoji sequences the second, and neither can hide or reorder text.
// A backslash is kept as is, so Text is idempotent. When s needs no change
// it is returned as is, without allocating.
func Text(s string) string {
	i := firstUnsafe(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	// Most hostile names carry a few escapes; a little headroom avoids a
	// second growth for them.
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	// leading stays true while every code point so far extends the one
	// before it, so a whole run of orphan marks is escaped, not just the
	// first.
	leading := i == 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
			leading = false
			i++
			continue
		}
		if c < utf8.RuneSelf {
			writeByteEscape(&b, c)
			leading = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeByteEscape(&b, c)
			leading = false
		case leading && extendsPrevious(r):
			writeRuneEscape(&b, r)
		case unsafeRune(r), i+size == len(s) && prependsNext(r):
			writeRuneEscape(&b, r)
			leading = false
		default:
			b.WriteString(s[i : i+size])
			leading = false
		}
		i += size
	}
	return b.String()
}

// firstUnsafe returns the byte offset of the first byte or code point that
// Text must rewrite, or len(s) when there is none.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) ||
			(i == 0 && extendsPrevious(r)) ||
			(i+size == len(s) && prependsNext(r)) {
			return i
		}
		i += size
	}
	return len(s)
}

// unsafeRune reports whether a valid, non-ASCII code point must be escaped.
func unsafeRune(r rune) bool {
	switch {
	case r <= 0x9f: // C1 controls (ASCII is handled by the callers)
		return true
	case r == 0x200c || r == 0x200d: // ZWNJ, ZWJ: needed by real text
		return false
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	case r == 0x115f || r == 0x1160 || r == 0x3164 || r == 0xffa0:
		// Hangul fillers are letters that draw nothing: a name made of
		// them looks empty or identical to another.
		return true
	case r < 0x00ad:
		// Below the soft hyphen there is no format character; this keeps
		// Latin-1 names off the table lookup.
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// extendsPrevious reports whether r joins the grapheme cluster of a space
// before it (UAX #29 Extend, ZWJ, SpacingMark: combining marks, VS16, skin
// tones, Thai SARA AM, …), per the segmenter that Width uses.
func extendsPrevious(r rune) bool {
	return unicode.Is(leadingFusers, r)
}

// prependsNext reports whether r joins the grapheme cluster of a space after
// it (UAX #29 Prepend marks such as U+0D4E), per the same segmenter.
func prependsNext(r rune) bool {
	return unicode.Is(trailingFusers, r)
}

// writeByteEscape writes c as `\xHH`.
func writeByteEscape(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

// writeRuneEscape writes r as `\uHHHH`, or `\UHHHHHHHH` beyond the BMP, the
// spelling Go and most shells use.
func writeRuneEscape(b *strings.Builder, r rune) {
	digits := 4
	if r > 0xffff {
		b.WriteString(`\U`)
		digits = 8
	} else {
		b.WriteString(`\u`)
	}
	for shift := (digits - 1) * 4; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>shift)&0xf])
	}
}

// Join sanitizes each path segment with Text and joins them with "/". A "/"
// inside a segment is kept: the server does not allow one, and if it did the
// worst outcome is a misleading path, not a corrupted terminal.
func Join(segs []string) string {
	switch len(segs) {
	case 0:
		return ""
	case 1:
		return Text(segs[0])
	}
	var b strings.Builder
	for i, seg := range segs {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(Text(seg))
	}
	return b.String()
}
