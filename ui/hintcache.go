package ui

import (
	"charm.land/bubbles/v2/key"
)

// hintCache keeps the last hint bar drawn. The bar depends only on the
// bindings offered (their keys, help text and enabled state), the width
// and the styles, which change far less often than the cursor moves, while
// drawing it styles every hint afresh: about 5 KB allocated per frame at
// 120 columns, a third of a keypress's budget.
type hintCache struct {
	sum   uint64
	dark  bool
	valid bool
	out   string
}

// get returns the bar for bs at width w, drawing it with draw only when
// something it depends on changed.
func (c *hintCache) get(bs []key.Binding, w int, dark bool, draw func() string) string {
	sum := hintSum(bs, w)
	if c.valid && c.sum == sum && c.dark == dark {
		return c.out
	}
	c.sum, c.dark, c.valid, c.out = sum, dark, true, draw()
	return c.out
}

// hintSum fingerprints what a hint bar depends on (FNV-1a, 64 bit); it
// allocates nothing, since it runs every frame.
func hintSum(bs []key.Binding, w int) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	mix := func(b byte) { h = (h ^ uint64(b)) * prime }
	str := func(s string) {
		for i := 0; i < len(s); i++ {
			mix(s[i])
		}
		mix(0xff) // ends the string: "ab"+"c" differs from "a"+"bc"
	}
	for i := 0; i < 8; i++ {
		mix(byte(w >> (8 * i)))
	}
	for _, k := range bs {
		if k.Enabled() {
			mix(1)
		} else {
			mix(2)
		}
		for _, s := range k.Keys() {
			str(s)
		}
		help := k.Help()
		str(help.Key)
		str(help.Desc)
	}
	return h
}
