package ui

import "charm.land/bubbles/v2/key"

// keyName is the name of b's key in the active keymap, for messages,
// hints and dialogs: a rebound key is never named by its default.
func (m *Model) keyName(b key.Binding) string {
	if h := b.Help().Key; h != "" {
		return h
	}
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return "?"
}
