package api

import "slices"

// maxInterned bounds an Interner, so that a listing of unique folder
// names cannot grow it without limit; past it, new strings are simply
// not shared.
const maxInterned = 1 << 16

// maxFlagSets bounds the distinct authorityButtonList sets shared.
const maxFlagSets = 16

// Interner makes the pages of one listing share the strings and flag sets
// they repeat: items deleted together come from the same folders, in the
// same space, with the same authority buttons. A program holding 100k
// items then keeps one copy of "项目/2024/市场部" instead of one per item.
// Only immutable values are shared; names stay per item. An Interner is
// not safe for concurrent use; a PageWalker owns one.
type Interner struct {
	strs    map[string]string
	sets    []Flags
	rawSets []rawSet
	// pageLen is the item count of the last page decoded: the next page
	// of a listing usually has as many, so its slice is sized to that.
	pageLen int
}

// rawSet is an authorityButtonList object as sent, and its Flags.
type rawSet struct {
	raw []byte
	f   Flags
}

// NewInterner returns an empty Interner.
func NewInterner() *Interner { return &Interner{strs: make(map[string]string, 256)} }

// lookup returns the shared copy of b, without allocating.
func (in *Interner) lookup(b []byte) (string, bool) {
	s, ok := in.strs[string(b)]
	return s, ok
}

// add records s as the shared copy of its text.
func (in *Interner) add(s string) {
	if len(in.strs) < maxInterned {
		in.strs[s] = s
	}
}

// str returns the shared copy of s, recording s if it is new.
func (in *Interner) str(s string) string {
	if v, ok := in.strs[s]; ok {
		return v
	}
	in.add(s)
	return s
}

// flags returns an identical earlier set, or a copy of f (which may live
// in the caller's stack buffer) recorded for later items.
func (in *Interner) flags(f Flags) Flags {
	for _, s := range in.sets {
		if slices.Equal(s, f) {
			return s
		}
	}
	c := append(Flags(nil), f...) // a new variable, so f itself never escapes
	if len(in.sets) < maxFlagSets {
		in.sets = append(in.sets, c)
	}
	return c
}

// share applies the interning to items decoded elsewhere (the reference
// path).
func (in *Interner) share(items []Item) {
	for i := range items {
		it := &items[i]
		it.SpaceID = in.str(it.SpaceID)
		for j := 0; j < len(it.OriginalPath)-1; j++ { // the last segment is the name
			it.OriginalPath[j] = in.str(it.OriginalPath[j])
		}
		if it.Buttons != nil {
			it.Buttons = in.flags(it.Buttons)
		}
	}
}

// intern returns the shared copy of b. A new string gets its own
// allocation rather than a place in the page's chunks: the Interner
// outlives the page, and must not keep its chunks alive.
func (d *fastDec) intern(b []byte) string {
	if s, ok := d.in.lookup(b); ok {
		return s
	}
	s := string(b)
	d.in.add(s)
	return s
}
