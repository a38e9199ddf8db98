package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"smhbin/safe"
)

// helpView is the full-screen help, generated from the keymap so that
// rebound keys show up as bound. Disabled keys are listed, dimmed, with
// the reason they do not work now.
func (m *Model) helpView() string {
	var cols []string
	for _, g := range m.km.Groups() {
		lines := []string{m.st.Title.Render(g.Title)}
		for _, b := range g.Bindings {
			h := b.Help()
			line := m.st.HintKey.Render(safe.Pad(h.Key, 8)) + " " + h.Desc
			if !b.Enabled() {
				line = m.st.Faint.Render(safe.Pad(h.Key, 8) + " " + h.Desc + " (" + m.whyDisabled(g.Title, b) + ")")
			}
			lines = append(lines, line)
		}
		cols = append(cols, strings.Join(lines, "\n"))
	}
	// Lay the groups out in as many columns as fit.
	var rows []string
	var row []string
	used := 0
	for _, c := range cols {
		w := lipgloss.Width(c) + 4
		if used > 0 && used+w > m.width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(c))
		used += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	keys := m.st.Title.Render("smhbin — keys") + "\n\n" + strings.Join(rows, "\n\n")
	body := keys + "\n\n" + m.filterHelp(strings.Count(keys, "\n")+3) + "\n\n" + m.st.Faint.Render(m.km.Help.Help().Key+" or esc closes this help")
	lines := strings.Split(body, "\n")
	for i := range lines {
		lines[i] = truncateStyled(" "+lines[i], m.width)
	}
	return strings.Join(lines[:min(len(lines), m.height)], "\n")
}

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
