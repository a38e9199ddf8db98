package query

import (
	"bytes"
	"slices"
)

// textPass decides m's word and path: terms for every item of t at once:
// a bit per item that passes them all, or nil when m has none. Each
// folder is decided once, and a word is searched through all the names
// in one pass instead of once per item.
func (t *Table) textPass(m *Matcher) []uint64 {
	var pass []uint64
	for i := range m.checks {
		c := &m.checks[i]
		if !c.isText() {
			continue
		}
		v := t.textVerdict(c)
		if pass == nil {
			pass = make([]uint64, len(v))
			for w := range pass {
				pass[w] = ^uint64(0)
			}
		}
		for w := range pass {
			if c.neg {
				pass[w] &^= v[w]
			} else {
				pass[w] &= v[w]
			}
		}
	}
	return pass
}

// textVerdict is a bit per item that text check c holds for (ignoring
// its negation).
func (t *Table) textVerdict(c *check) []uint64 {
	word := c.key == keyWord
	from := 0 // path: reads "/folder/"; a word reads "folder/" joined to the name
	if word {
		from = 1
	}
	// Per folder: the needle is in it, or may span it and a name.
	inDir := make([]bool, len(t.dirs))
	spanDir := make([]bool, len(t.dirs))
	perItem := false
	for d := range t.dirs {
		f := &t.dirs[d]
		inDir[d] = c.inFolder(f, from)
		spanDir[d] = word && !inDir[d] && c.slash && c.mayEnd(f.text[1:])
		perItem = perItem || inDir[d] || spanDir[d]
	}
	var v []uint64
	switch {
	case !word:
		v = make([]uint64, (len(t.rows)+63)/64)
	case len(c.needle) > 0 && bytes.IndexByte(c.needle, 0) < 0:
		// The 0 byte after each name keeps a match inside one name.
		v = t.nameHits(c.needle)
	default:
		v = make([]uint64, (len(t.rows)+63)/64)
		for i := range t.rows {
			if c.inName(&t.rows[i], t.name(int32(i))) {
				v[i>>6] |= 1 << (i & 63)
			}
		}
	}
	if perItem {
		for i, d := range t.dirOf {
			if inDir[d] || spanDir[d] && c.spans(&t.dirs[d], t.name(int32(i))) {
				v[i>>6] |= 1 << (i & 63)
			}
		}
	}
	return v
}

// mayEnd reports whether dir ends with the needle up to one of its "/":
// the folder half of a word spanning folder and name (see spans).
func (c *check) mayEnd(dir []byte) bool {
	for k, b := range c.needle {
		if b == '/' && bytes.HasSuffix(dir, c.needle[:k+1]) {
			return true
		}
	}
	return false
}

// nameHits searches every name for needle in one pass over the shared
// buffer, and returns a bit per item whose name holds it. After a hit the
// search resumes at the next name. The pass looks for the needle's rarest
// byte in the buffer (IndexByte is vectorised) and compares the needle
// around each one: "img_2" is then sought by its "_", not by an "i" that
// most names hold. When even that byte is common, bytes.Index does better.
func (t *Table) nameHits(needle []byte) []uint64 {
	bits := make([]uint64, (len(t.rows)+63)/64)
	k := 0
	for j, c := range needle {
		if t.freq[c] < t.freq[needle[k]] {
			k = j
		}
	}
	rare := int(t.freq[needle[k]]) < len(t.text)/16
	i := 0
	for pos := 0; pos+len(needle) <= len(t.text); {
		var at int
		if rare {
			h := bytes.IndexByte(t.text[pos+k:], needle[k])
			if h < 0 {
				break
			}
			if at = pos + h; !bytes.HasPrefix(t.text[at:], needle) {
				pos = at + 1
				continue
			}
		} else if at = bytes.Index(t.text[pos:], needle); at < 0 {
			break
		} else {
			at += pos
		}
		i = t.itemAt(uint32(at), i)
		bits[i>>6] |= 1 << (i & 63)
		pos = int(t.ends[i]) + 1
	}
	return bits
}

// itemAt is the item whose name holds byte at of the buffer, at or after
// item from: ends grow, so it gallops forward and then bisects, cheap
// both for dense hits (the next item) and sparse ones.
func (t *Table) itemAt(at uint32, from int) int {
	ends := t.ends
	lo := from
	if ends[lo] > at {
		return lo
	}
	step := 1
	for lo+step < len(ends) && ends[lo+step] <= at {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(ends)-1)
	k, _ := slices.BinarySearch(ends[lo+1:hi+1], at+1)
	return lo + 1 + k
}
