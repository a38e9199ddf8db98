package ui

import "smhbin/api"

// allItems rebuilds every loaded item, by index, for tests that compare
// or inspect whole items (the store keeps compact rows).
func allItems(m *Model) []api.Item {
	out := make([]api.Item, len(m.data.Items()))
	for i := range out {
		out[i] = *m.data.Item(int32(i))
	}
	return out
}
