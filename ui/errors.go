package ui

import (
	"smhbin/explain"
	"smhbin/safe"
)

// pageErrorText is the status-bar line for a failed page: the shared
// sentence (what failed with the API code first, then what to do) and the
// keys. Loaded rows stay on screen. A setup problem (a rejected token,
// say) is not worth retrying: the sentence says what to change instead.
func (m *Model) pageErrorText() string {
	msg, setup := explain.Error(m.loadErr, explain.Where{Library: m.opts.Library})
	if setup {
		return "page failed: " + safe.Text(msg)
	}
	return "page failed: " + safe.Text(msg) + " — " + m.keyName(m.km.RetryPage) + " retries it, " + m.keyName(m.km.Reload) + " reloads"
}

// errorText is the shared sentence for err, made safe for the screen.
func errorText(err error) string {
	msg, _ := explain.Error(err, explain.Where{})
	return safe.Text(msg)
}
