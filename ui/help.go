package ui

import "charm.land/bubbles/v2/key"

// whyDisabled says why a key of a help group does not work now.
func (m *Model) whyDisabled(group string, b key.Binding) string {
	switch {
	case m.isDeleteKey(b) && m.deleteOff() != "":
		return "off: " + m.deleteOff()
	case group == "Restore" && m.readOnly():
		return "read-only mode"
	case group == "Restore":
		return "needs a restore to act on"
	}
	return "not available now"
}
