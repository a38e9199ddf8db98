package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/explain"
	"smhbin/safe"
)

// startFailed reports that the first page failed and nothing is loaded:
// an empty table would hide the cause, so a panel shows it instead.
func (m *Model) startFailed() bool {
	return m.loadErr != nil && !m.loading && m.data.Len() == 0
}

// tokenReloadHelps: the token was rejected and can be read again from
// its file without a restart.
func (m *Model) tokenReloadHelps() bool {
	return m.loadErr != nil && explain.IsAuth(m.loadErr) && m.opts.ReloadToken != nil
}

// retryHelps reports whether the retry key can fix the failed page: a
// network error may pass, a rejected token may have been refreshed in its
// file; any other setup problem needs a restart with other settings.
func (m *Model) retryHelps() bool {
	if m.loadErr == nil {
		return false
	}
	if m.tokenReloadHelps() {
		return true
	}
	_, setup := explain.Error(m.loadErr, explain.Where{})
	return !setup
}

// retryPageDesc is the retry key's hint for what it does now.
func (m *Model) retryPageDesc() string {
	if m.tokenReloadHelps() {
		return "re-read token file"
	}
	return "retry failed page"
}

// tokenReloadedMsg is the result of Options.ReloadToken.
type tokenReloadedMsg struct{ err error }

// reloadToken reads the token file again off the program's goroutine.
func reloadToken(f func() error) tea.Cmd {
	return func() tea.Msg { return tokenReloadedMsg{err: f()} }
}

// handleTokenReloaded starts over with the new token, or says why the
// file could not be read (the page error stays until resolved).
func (m *Model) handleTokenReloaded(msg tokenReloadedMsg) tea.Cmd {
	if msg.err != nil {
		failed := m.loadErr
		m.setStayingStatus("could not read the token file: "+errorText(msg.err), true,
			func() bool { return m.loadErr == failed })
		return nil
	}
	m.setStatus("read the token file again", false)
	return m.startListing()
}

// startErrorView is the whole screen when the first page failed: the
// cause and the next step, wrapped to the width, and only the keys that
// can help.
func (m *Model) startErrorView() string {
	w := max(m.width-4, 10)
	cause, setup := explain.Error(m.loadErr, explain.Where{Library: m.opts.Library})
	var next string
	switch {
	case m.tokenReloadHelps():
		next = "Put a fresh token in the token file, then press " + m.keyName(m.km.RetryPage) + " to read it again: no restart needed."
	case explain.IsAuth(m.loadErr):
		next = "Quit (" + m.keyName(m.km.Quit) + "), set a fresh SMH_ACCESS_TOKEN or --token-file, and start smhbin again."
	case setup:
		next = "Quit (" + m.keyName(m.km.Quit) + "), correct the setting named above, and start smhbin again."
	default:
		next = "Press " + m.keyName(m.km.RetryPage) + " to try again once the network or the endpoint answers."
	}
	var b strings.Builder
	m.renderTitle(&b)
	b.WriteString("\n\n")
	body := []string{
		m.st.ErrorLine.Render("  Could not load the recycle bin"),
		"",
		wrapIndent(safe.Text(cause), w),
		"",
		wrapIndent(next, w),
	}
	text := strings.Join(body, "\n")
	used := 2 + strings.Count(text, "\n") + 1
	b.WriteString(text)
	for range max(m.height-used-2, 0) {
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	status := ""
	if m.status != "" {
		st := m.st.Value
		if m.errMsg {
			st = m.st.ErrorLine
		}
		status = " " + st.Render(safe.Text(m.status))
	}
	b.WriteString(truncateStyled(status, m.width))
	b.WriteByte('\n')
	b.WriteString(m.hints([]key.Binding{m.km.RetryPage, m.km.Quit, m.km.Help}, m.width))
	lines := strings.Split(b.String(), "\n")
	lines = lines[:min(len(lines), m.height)]
	for i, l := range lines { // the title and the wrapped text, on a tiny terminal
		lines[i] = truncateStyled(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// wrapIndent wraps s to w cells (breaking long words too) and indents
// every line by two spaces.
func wrapIndent(s string, w int) string {
	return "  " + strings.ReplaceAll(ansi.Wrap(s, w, " /"), "\n", "\n  ")
}
