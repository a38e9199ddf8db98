package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// minuteMsg says the wall clock has entered a new minute. Rows and the
// details pane say "3 minutes ago", so an idle screen must be drawn again
// then; Update's refreshTimes moves the rows' clock on every message,
// this one included.
type minuteMsg struct{}

// minuteTimer is the default for Model.minuteAfter. It ends with ctx (the
// program's), so that no timer outlives a session of the SSH server. It is
// a variable so that tests, which run the program's commands, need not
// wait on the clock.
var minuteTimer = func(ctx context.Context, d time.Duration) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return minuteMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

// minuteCmd arms the one timer an idle UI runs: it fires at the next
// minute boundary of the model's clock, and its message arms the next.
func (m *Model) minuteCmd() tea.Cmd {
	now := m.opts.Now()
	return m.minuteAfter(now.Truncate(time.Minute).Add(time.Minute).Sub(now))
}
