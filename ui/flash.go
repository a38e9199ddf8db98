package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// flashFor is how long a passing status message stays, as k9s's flash
// line does; the next key press clears it sooner.
const flashFor = 4 * time.Second

// flashState says how long the status message lives. A passing message
// fades after flashFor or at the next key; one that must stay (a lost
// token, outcomes that need a reload, a range in progress) stays while
// keep reports it is still true.
type flashState struct {
	seq     int         // counts messages, so a stale tick clears nothing
	keep    func() bool // nil for a passing message
	ticking bool        // a fade tick is scheduled
}

// flashTickMsg fades message seq if it is still the one shown.
type flashTickMsg struct{ seq int }

// fadeAfter schedules the fade tick. It is a variable so tests can run
// the program's commands without waiting on the clock.
var fadeAfter = func(d time.Duration, seq int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return flashTickMsg{seq} })
}

// setStatus shows a passing message.
func (m *Model) setStatus(s string, isErr bool) {
	m.status, m.errMsg = s, isErr
	m.flash.seq++
	m.flash.keep = nil
}

// setStayingStatus shows a message that stays while keep reports true.
func (m *Model) setStayingStatus(s string, isErr bool, keep func() bool) {
	m.setStatus(s, isErr)
	m.flash.keep = keep
}

// statusStays reports whether the message shown must stay for now.
func (m *Model) statusStays() bool { return m.flash.keep != nil && m.flash.keep() }

// clearPassingStatus drops the message unless it must stay: a key press
// is the next action, and a message about the last one is stale.
func (m *Model) clearPassingStatus() {
	if m.status != "" && !m.statusStays() {
		m.status, m.errMsg, m.flash.keep = "", false, nil
	}
}

// handleFlashTick fades the message the tick was for.
func (m *Model) handleFlashTick(msg flashTickMsg) {
	m.flash.ticking = false
	if msg.seq == m.flash.seq {
		m.clearPassingStatus()
	}
}

// flashCmd adds a fade tick to cmd while a passing message is shown and
// none is scheduled: no timer runs while the status line is quiet.
func (m *Model) flashCmd(cmd tea.Cmd) tea.Cmd {
	if m.status == "" || m.flash.ticking || m.statusStays() {
		return cmd
	}
	m.flash.ticking = true
	return tea.Batch(cmd, fadeAfter(flashFor, m.flash.seq))
}

// showAdvice puts the finished run's next step on the status line. A lost
// token stays until a new run (or a new token); unknown outcomes stay
// until a reload shows what is still in the bin; the rest pass.
func (m *Model) showAdvice(rr *restoreRun) {
	isErr := rr.failedCount > 0 || rr.unknown > 0 || rr.authLost
	switch gen := m.gen; {
	case rr.authLost:
		m.setStayingStatus(m.advice(), isErr, func() bool { return m.rr == rr && rr.authLost })
	case rr.unknown > 0:
		m.setStayingStatus(m.advice(), isErr, func() bool { return m.rr == rr && m.gen == gen })
	default:
		m.setStatus(m.advice(), isErr)
	}
}
