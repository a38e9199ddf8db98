package ui

// whyDisabled says why the keys of a help group do not work now.
func (m *Model) whyDisabled(group string) string {
	switch {
	case group == "Restore" && m.readOnly():
		return "read-only mode"
	case group == "Restore":
		return "needs a restore to act on"
	}
	return "not available now"
}
