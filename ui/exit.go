package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"smhbin/api"
	"smhbin/safe"
)

// exitNames is how many not-confirmed items ExitNote names.
const exitNames = 10

// ExitNote is for the shell after the program ends, when a restore did
// not settle (force quit with requests in flight, or outcomes left
// unknown): the counts, then the items not confirmed, one per line, so
// the user is not left guessing. "" when every restore settled.
func (m *Model) ExitNote() string {
	rr := m.rr
	if rr == nil || (rr.done && rr.unknown == 0) {
		return ""
	}
	open := rr.total - rr.finals
	var b strings.Builder
	fmt.Fprintf(&b, "%s interrupted: %d %s, %d failed, %d not settled — run `smhbin list` before retrying them", rr.op, rr.restored, rr.op.DoneKind(), rr.failedCount, open)
	ids := m.unconfirmed(rr)
	for _, id := range ids[:min(len(ids), exitNames)] {
		b.WriteString("\n  not confirmed: id " + strconv.FormatInt(id, 10))
		if idx, ok := m.data.Index(id); ok {
			b.WriteString("  /" + safe.Join(m.data.Item(idx).OriginalPath))
		}
	}
	if more := len(ids) - exitNames; more > 0 {
		b.WriteString("\n  and " + strconv.Itoa(more) + " more")
	}
	return b.String()
}

// ExitCode is the status the program should exit with: 1 when it ends
// with a restore not settled (ExitNote says what), else 0.
func (m *Model) ExitCode() int {
	if m.ExitNote() != "" {
		return 1
	}
	return 0
}

// unconfirmed are the ids of run rr whose last outcome is not final:
// queued, sent, waiting on a task, or unknown.
func (m *Model) unconfirmed(rr *restoreRun) []int64 {
	var ids []int64
	for id, o := range m.outcomes {
		if o.run != rr.id {
			continue
		}
		switch o.kind {
		case api.Restored, api.Deleted, api.Failed, api.Skipped:
		default:
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
