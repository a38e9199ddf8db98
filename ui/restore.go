package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
)

// outcome is the latest restore state of one item, kept across runs so a
// row keeps saying what happened to it until the next reload.
type outcome struct {
	kind    api.EventKind
	code    string
	message string
	path    []string
	taskID  string
	run     int    // the run that reported it: counters belong to that run only
	op      api.Op // what that run did: only a restore's failures are offered to R
}

// retryable: the outcomes R offers again, a restore's Failed or Skipped
// (never Restored or Unknown, and never a delete's: R restores).
func (o outcome) retryable() bool {
	return o.op == api.OpRestore && (o.kind == api.Failed || o.kind == api.Skipped)
}

// restoreRun is the restore or delete in progress (or the last one, for
// its summary); op says which.
type restoreRun struct {
	id          int
	op          api.Op
	run         *api.Run
	events      <-chan api.Event
	strategy    api.PathStrategy
	total       int
	finals      int // items whose last event is final
	restored    int // items that ended Restored, or Deleted in a delete run
	renamed     int
	failedCount int // outcome Failed, in this run
	skipped     int
	unknown     int            // items last seen Unknown
	failedBy    map[string]int // code → count, for the summary
	skippedBy   map[string]int
	tasks       map[string]int // task id → items waiting on it
	done        bool
	cancelling  bool
	authLost    bool
}

// restoreEventsMsg carries a burst of engine events into the loop. A
// burst (rather than one event per message) keeps a 1,000-item restore
// to a few dozen frames.
type restoreEventsMsg struct {
	run    int
	events []api.Event
	closed bool
}

// waitEvents reads the next burst of events from ch: it blocks for one,
// then takes whatever else is already queued, up to a bound.
func waitEvents(run int, ch <-chan api.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return restoreEventsMsg{run: run, closed: true}
		}
		evs := []api.Event{ev}
		for len(evs) < 512 {
			select {
			case ev, ok := <-ch:
				if !ok {
					return restoreEventsMsg{run: run, events: evs, closed: true}
				}
				evs = append(evs, ev)
			default:
				return restoreEventsMsg{run: run, events: evs}
			}
		}
		return restoreEventsMsg{run: run, events: evs}
	}
}

// restoreRunning reports whether a run is under way.
func (m *Model) restoreRunning() bool { return m.rr != nil && !m.rr.done }

// startRestore hands ids to the engine and begins pumping its events.
func (m *Model) startRestore(ids []int64, ps api.PathStrategy) tea.Cmd {
	if len(ids) == 0 || m.readOnly() || m.restoreRunning() {
		return nil
	}
	m.opts.logf("restore run %d started: %d items, restore path %s", m.runSeq+1, len(ids), ps)
	return m.beginRun(m.opts.Restorer.Start(m.restoreContext(), ids, ps), len(ids), ps)
}

// beginRun makes run the current one and begins pumping its events.
func (m *Model) beginRun(run *api.Run, total int, ps api.PathStrategy) tea.Cmd {
	m.runSeq++
	m.rr = &restoreRun{id: m.runSeq, op: run.Op(), run: run, events: run.Events(), strategy: ps, total: total,
		failedBy: map[string]int{}, skippedBy: map[string]int{}, tasks: map[string]int{}}
	m.setStatus("", false)
	m.sizeLists() // the progress line takes a row
	return waitEvents(m.runSeq, m.rr.events)
}

// restoreContext is the hard-abort context of runs: the program's own,
// cancelled only when smhbin quits. Cancelling from the UI is graceful.
func (m *Model) restoreContext() context.Context { return m.opts.Context }

// handleRestoreEvents applies a burst of events to rows and counters.
func (m *Model) handleRestoreEvents(msg restoreEventsMsg) tea.Cmd {
	rr := m.rr
	if rr == nil || msg.run != rr.id {
		return nil
	}
	var gone []int64
	for _, ev := range msg.events {
		m.applyEvent(rr, ev)
		if ev.Kind == api.Deleted || ev.Code == api.CodeAlreadyDeleted {
			gone = append(gone, ev.ID)
		}
	}
	m.removeDeleted(gone)
	if msg.closed {
		rr.done = true
		m.opts.logf("%s run %d finished: %d of %d %s, %d failed, %d skipped, %d unknown", rr.op, rr.id, rr.restored, rr.total, rr.op.DoneKind(), rr.failedCount, rr.skipped, rr.unknown)
		m.settleMarks()
		if m.mode == modeDialog && m.dialog.kind == dialogCancel {
			// Nothing is left to stop: the summary takes its place.
			m.mode, m.dialog = modeBrowse, dialogState{}
		}
		m.showAdvice(rr)
		return nil
	}
	return waitEvents(rr.id, rr.events)
}

// applyEvent records one event on its row and in the run's counters.
func (m *Model) applyEvent(rr *restoreRun, ev api.Event) {
	prev, had := m.outcomes[ev.ID]
	o := outcome{kind: ev.Kind, code: ev.Code, message: ev.Message, path: ev.Path, taskID: ev.TaskID, run: rr.id, op: rr.op}
	if had && prev.retryable() {
		m.retryableCount--
	}
	if o.retryable() {
		m.retryableCount++
	}
	// A previous outcome counts in this run's tallies only if this run
	// reported it: an item left Unknown by an earlier run and sent again
	// (the engine skips it) must not make this run's count negative.
	had = had && prev.run == rr.id
	if had && prev.kind == api.Waiting {
		rr.tasks[prev.taskID]--
		if rr.tasks[prev.taskID] <= 0 {
			delete(rr.tasks, prev.taskID)
		}
	}
	if had && prev.kind == api.Unknown {
		rr.unknown--
	}
	idx, ok := m.setOutcome(ev.ID, o)
	switch ev.Kind {
	case api.Waiting:
		rr.tasks[ev.TaskID]++
	case api.Unknown:
		rr.unknown++
	case api.Deleted:
		rr.finals++
		rr.restored++
	case api.Restored:
		rr.finals++
		rr.restored++
		if ok && m.isRename(idx, ev.Path) {
			rr.renamed++
		}
	case api.Failed:
		m.opts.logf("%s run %d: item %d failed: %s %s", rr.op, rr.id, ev.ID, ev.Code, ev.Message)
		rr.finals++
		rr.failedCount++
		rr.failedBy[ev.Code]++
		if ev.Code == api.CodeInvalidAccessToken {
			rr.authLost = true
		}
	case api.Skipped:
		rr.finals++
		rr.skipped++
		rr.skippedBy[ev.Code]++
	}
}

// setOutcome records item id's latest outcome and returns the item's
// index when it is loaded. The item gets a new version, which is part of
// its row's cache key: the row shows the outcome on the next frame.
func (m *Model) setOutcome(id int64, o outcome) (int32, bool) {
	m.outcomes[id] = o
	idx, ok := m.data.Index(id)
	if ok {
		m.data.Touch(idx)
	}
	m.data.SetResult(id, m.resultOf(idx, ok, o))
	return idx, ok
}

// isRename reports whether the final path's name differs from the item's.
func (m *Model) isRename(idx int32, path []string) bool {
	return len(path) > 0 && path[len(path)-1] != m.data.Item(idx).Name
}

// settleMarks clears marks of restored items only: failed ones stay marked
// so the user sees what still needs attention.
// Restored items not loaded (a reload is under way) lose their remembered
// mark too, so a stale page cannot bring one back marked.
func (m *Model) settleMarks() {
	for id, o := range m.outcomes {
		if o.kind == api.Restored {
			m.data.ForgetMark(id)
		}
	}
}

// hasRetryable reports whether any item's last outcome can be retried. It
// reads a count kept by applyEvent: syncKeys asks on every message.
func (m *Model) hasRetryable() bool { return m.retryableCount > 0 }

// retryIDs are the items whose last outcome was Failed or Skipped: never
// an item that was restored or might have been (Unknown).
func (m *Model) retryIDs() []int64 {
	var ids []int64
	for id, o := range m.outcomes {
		if o.retryable() {
			if _, loaded := m.data.Index(id); loaded {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}
