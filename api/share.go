package api

import "slices"

// shareRepeats makes the items of one page share the strings and flag
// sets they repeat: items deleted together come from the same folders, in
// the same space, with the same authority buttons. A program holding 100k
// items then keeps one copy of "项目/2024/市场部" per page instead of one
// per item. Only immutable values are shared; names stay per item.
func shareRepeats(items []Item) {
	if len(items) < 2 {
		return
	}
	strs := make(map[string]string, 64)
	share := func(s string) string {
		if v, ok := strs[s]; ok {
			return v
		}
		strs[s] = s
		return s
	}
	var flagSets []Flags
	for i := range items {
		it := &items[i]
		it.SpaceID = share(it.SpaceID)
		for j := 0; j < len(it.OriginalPath)-1; j++ { // the last segment is the name
			it.OriginalPath[j] = share(it.OriginalPath[j])
		}
		if it.Buttons == nil {
			continue
		}
		found := false
		for _, f := range flagSets {
			if slices.Equal(f, it.Buttons) {
				it.Buttons, found = f, true
				break
			}
		}
		if !found && len(flagSets) < 16 {
			it.Buttons = slices.Clip(it.Buttons)
			flagSets = append(flagSets, it.Buttons)
		}
	}
}
