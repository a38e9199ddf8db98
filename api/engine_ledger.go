package api

import (
	"context"
	"errors"
)

// Op is what a Run does to its items.
type Op int

// The operations of an Engine.
const (
	OpRestore Op = iota // put items back where they were
	OpDelete            // delete items permanently
)

// opFacts holds what differs between the operations, by Op.
var opFacts = [...]struct {
	name      string
	sending   EventKind // emitted when an item's chunk is sent
	done      EventKind // the final kind of an item the operation succeeded for
	goneCode  string    // Skipped code of an item an earlier request took out of the bin
	heldByRun string    // message of an item another run of this kind holds
}{
	OpRestore: {"restore", Restoring, Restored, CodeAlreadyRestored, "not sent: another run is restoring it"},
	OpDelete:  {"delete", Deleting, Deleted, CodeAlreadyDeleted, "not sent: another run is deleting it"},
}

func (o Op) String() string { return opFacts[o].name }

// DoneKind is the final kind of an item the operation succeeded for:
// Restored or Deleted.
func (o Op) DoneKind() EventKind { return opFacts[o].done }

// outcome is what the ledger knows of an id: the last final or Unknown
// kind and the operation that produced it.
type outcome struct {
	kind EventKind
	op   Op
}

// ErrBusy is returned by Engine.Empty while a run of the same Engine is
// restoring or deleting items: emptying the bin under it would delete
// items it is restoring.
var ErrBusy = errors.New("a restore or delete is still running; wait for it to end")

// Empty deletes every item of the bin through the Engine's Deleter. It
// refuses with ErrBusy while any run of this Engine holds items, and no
// run can reserve items while it runs (they end Skipped with
// CodeInFlight), so an item being restored is never emptied away.
// It sends one request and never retries it.
func (e *Engine) Empty(ctx context.Context) error {
	if e.d == nil {
		return errors.New("SMH API: this client cannot delete")
	}
	e.mu.Lock()
	if len(e.inFlight) > 0 || e.emptying {
		e.mu.Unlock()
		return ErrBusy
	}
	e.emptying = true
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		e.emptying = false
		e.mu.Unlock()
	}()
	return e.d.Empty(ctx)
}

// reserve claims the ids this run may send (send) or may send once a
// fresh check finds them still in the bin (recheck: an earlier outcome
// stayed unknown). The others (restored or deleted earlier, or held by
// another run of either kind) come back as the Skipped events to emit.
func (e *Engine) reserve(r *Run, ids []int64) (send, recheck []int64, blocked []Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	send = make([]int64, 0, len(ids))
	for _, id := range ids {
		last, known := e.ledger[id]
		switch {
		case e.emptying:
			blocked = append(blocked, Event{ID: id, Kind: Skipped, Code: CodeInFlight,
				Message: "not sent: the recycle bin is being emptied"})
			continue
		case e.inFlight[id] != nil:
			blocked = append(blocked, Event{ID: id, Kind: Skipped, Code: CodeInFlight,
				Message: opFacts[e.inFlight[id].op].heldByRun})
			continue
		case known && last.kind == Restored:
			blocked = append(blocked, Event{ID: id, Kind: Skipped, Code: CodeAlreadyRestored,
				Message: "not sent: already restored in an earlier run"})
			continue
		case known && last.kind == Deleted:
			blocked = append(blocked, Event{ID: id, Kind: Skipped, Code: CodeAlreadyDeleted,
				Message: "not sent: already deleted in an earlier run"})
			continue
		case known && last.kind == Unknown:
			recheck = append(recheck, id)
		default:
			send = append(send, id)
		}
		e.inFlight[id] = r
	}
	return send, recheck, blocked
}

// earlierOp is the operation whose outcome for id stayed unknown.
func (e *Engine) earlierOp(id int64) Op {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ledger[id].op
}

// settle records the last event of an id reserved by r and releases it.
// Ids r did not reserve (blocked ones) leave the ledger untouched, and a
// Skipped event never lowers what the ledger knows: an unconfirmed id
// stays unconfirmed, so it is never sent without a fresh check.
func (e *Engine) settle(r *Run, ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inFlight[ev.ID] != r {
		return
	}
	delete(e.inFlight, ev.ID)
	switch {
	case ev.Kind == Skipped && ev.Code == CodeAlreadyRestored:
		e.ledger[ev.ID] = outcome{Restored, OpRestore}
	case ev.Kind == Skipped && ev.Code == CodeAlreadyDeleted:
		e.ledger[ev.ID] = outcome{Deleted, OpDelete}
	case ev.Kind == Skipped:
		// Not sent by this run: the earlier state stands.
	default:
		e.ledger[ev.ID] = outcome{ev.Kind, r.op}
	}
}

// dedupeIDs returns ids without repeats, in first-seen order.
func dedupeIDs(ids []int64) []int64 {
	seen := make(map[int64]struct{}, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if _, ok := seen[id]; ok {
			continue
		}
		seen[id] = struct{}{}
		out = append(out, id)
	}
	return out
}

// chunkIDs splits ids into consecutive slices of at most size ids.
func chunkIDs(ids []int64, size int) [][]int64 {
	var out [][]int64
	for len(ids) > 0 {
		n := min(size, len(ids))
		out = append(out, ids[:n:n])
		ids = ids[n:]
	}
	return out
}
