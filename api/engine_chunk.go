package api

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Messages the engine puts on events it settles itself.
const (
	engMsgAborted = "outcome unknown: the run was aborted while the request was in flight; " +
		"check with smhbin list before retrying"
	engMsgLostReconciling = "reply lost; checking whether the item left the recycle bin"
	engMsgLostRestored    = "restored (confirmed after the reply was lost)"
	engMsgTaskReconciling = "polling the restore task failed; checking whether the item left the recycle bin"
	engMsgTaskRestored    = "restored (confirmed after polling its task failed)"
	engMsgRowReconciling  = "the server's reply had no row for this item; checking whether it left the recycle bin"
	engMsgRowRestored     = "restored (confirmed: the server's reply had no row for it)"
	engMsgUnauthorized    = "access token expired or invalid; renew it and retry"
)

// notConfirmed is the message of an item that is still in the bin after
// every check: the request that may restore it got no clear answer, so
// the server may yet apply it. It says what is known and when, never
// "safe to retry".
func notConfirmed(at time.Time) string {
	return "not confirmed — still in the bin at " + at.Format("15:04:05") + "; the server may yet apply it"
}

// engineLoss says how a chunk's outcome got lost; it picks the messages of
// the chunk's reconciliation.
type engineLoss int

const (
	lossReply  engineLoss = iota // the restore request's reply was lost or was a 5xx
	lossPoll                     // the server accepted the chunk but polling its task failed
	lossRow                      // the server's 2xx reply had no row for these ids
	lossFailed                   // a batch delete answered 500: it failed, perhaps after deleting some ids
)

// checks is how many times an item still in the bin is checked. After a
// batch delete's 500 the server has answered, so one check settles it;
// after a lost reply the request may still be running.
func (l engineLoss) checks(settle int) int {
	if l == lossFailed {
		return 1
	}
	return settle
}

// gone is the message of an item a check found gone from the bin.
func (l engineLoss) gone(op Op) string {
	if op == OpDelete {
		if l == lossFailed {
			return "deleted (confirmed: it left the bin although the batch answered HTTP 500)"
		}
		return "deleted (confirmed after the reply was lost)"
	}
	return l.restored()
}

func (l engineLoss) reconciling() string {
	switch l {
	case lossPoll:
		return engMsgTaskReconciling
	case lossRow:
		return engMsgRowReconciling
	case lossFailed:
		return "the batch delete answered HTTP 500, perhaps after deleting some items; checking whether the item left the recycle bin"
	}
	return engMsgLostReconciling
}

func (l engineLoss) restored() string {
	switch l {
	case lossPoll:
		return engMsgTaskRestored
	case lossRow:
		return engMsgRowRestored
	}
	return engMsgLostRestored
}

// runChunk sends one chunk, polls its task when the server went async, and
// settles every id of the chunk. It never resends: restores are not
// idempotent, so an uncertain outcome is checked with Info instead.
func (r *Run) runChunk(ids []int64) {
	for _, id := range ids {
		r.emit(Event{ID: id, Kind: opFacts[r.op].sending})
	}
	if r.op == OpDelete {
		r.deleteChunk(ids)
		return
	}
	res, err := r.e.r.RestoreBatch(r.ctx, ids, r.ps)
	if err != nil {
		r.requestFailed(ids, err)
		return
	}
	if !res.Async() {
		r.noResult(r.applyRows(ids, res.Results))
		return
	}
	for _, id := range ids {
		r.emit(Event{ID: id, Kind: Waiting, TaskID: res.TaskID})
	}
	// A task stuck at 202 must not hold a graceful cancel forever: past
	// TaskTimeout its items are checked like a lost reply.
	tctx, cancel := context.WithTimeout(r.ctx, r.e.o.TaskTimeout)
	rows, err := r.e.r.WaitTask(tctx, res.TaskID)
	cancel()
	rest := r.applyRows(ids, rows)
	if err != nil {
		r.taskFailed(rest, err)
		return
	}
	r.noResult(rest)
}

// applyRows settles the ids of the chunk that have a result row and returns
// those that have none. Rows for other ids, and repeated rows, are ignored.
func (r *Run) applyRows(ids []int64, rows []ItemResult) []int64 {
	open := make(map[int64]bool, len(ids))
	for _, id := range ids {
		open[id] = true
	}
	for _, row := range rows {
		if !open[row.ID] {
			continue
		}
		open[row.ID] = false
		if row.OK() {
			r.finish(Event{ID: row.ID, Kind: Restored, Path: row.Path, Message: row.Message})
		} else {
			r.finish(Event{ID: row.ID, Kind: Failed, Code: row.Code, Message: row.Message, Status: row.Status})
		}
	}
	rest := make([]int64, 0, len(ids))
	for _, id := range ids {
		if open[id] {
			rest = append(rest, id)
		}
	}
	return rest
}

// noResult checks the ids the server's reply said nothing about: a reply
// that leaves rows out says nothing of them either way, so they may have
// been restored and are never reported failed.
func (r *Run) noResult(ids []int64) {
	if len(ids) > 0 {
		r.reconcile(ids, lossRow)
	}
}

// requestFailed settles a chunk whose restore request got no usable reply.
// A 5xx may come after the server applied the batch (an error while
// writing the reply) or from a proxy that passed the request on, so it is
// checked like a lost reply, not taken as a refusal.
func (r *Run) requestFailed(ids []int64, err error) {
	if serverError(err) && r.ctx.Err() == nil {
		r.reconcile(ids, r.serverLoss(err))
		return
	}
	if r.serverRefused(ids, err) {
		return
	}
	switch {
	case r.ctx.Err() != nil:
		r.settleAll(ids, Event{Kind: Unknown, Message: engMsgAborted})
	case errors.Is(err, ErrResponseLost):
		r.reconcile(ids, lossReply)
	default:
		// The request never reached the server; the client keeps the
		// token out of its errors.
		r.settleAll(ids, Event{Kind: Failed, Code: CodeTransport, Message: err.Error()})
	}
}

// taskFailed settles the ids left without a row when polling a task failed.
// The server accepted the chunk, so unless the server itself said why,
// the items may have been restored: they are checked, never failed blindly.
func (r *Run) taskFailed(ids []int64, err error) {
	if len(ids) == 0 {
		return
	}
	var ae *APIError
	if errors.As(err, &ae) && ae.Code == CodeTaskFailed {
		// The task itself ended in failure: the server's own verdict.
		r.serverRefused(ids, err)
		return
	}
	if errors.Is(err, ErrUnauthorized) {
		r.stopAuth() // send nothing more; these items are still checked below
	}
	if r.ctx.Err() != nil {
		r.settleAll(ids, Event{Kind: Unknown, Message: engMsgAborted})
		return
	}
	r.reconcile(ids, lossPoll)
}

// serverError reports a 5xx reply.
func serverError(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status >= 500
}

// serverRefused settles ids with the server's error reply, if err is one,
// and stops the run on an invalid token.
func (r *Run) serverRefused(ids []int64, err error) bool {
	var (
		ae *APIError
		re *RedirectError
	)
	switch {
	case errors.As(err, &re):
		// Refused here, never followed: the server did not restore it.
		r.settleAll(ids, Event{Kind: Failed, Code: CodeRedirected, Status: re.Status, Message: re.Error()})
	case errors.Is(err, ErrUnauthorized):
		r.stopAuth()
		r.settleAll(ids, Event{Kind: Failed, Code: CodeInvalidAccessToken, Status: 403, Message: engMsgUnauthorized})
	case errors.As(err, &ae):
		msg := ae.Message
		if msg == "" {
			msg = ae.Error()
		}
		r.settleAll(ids, Event{Kind: Failed, Code: ae.Code, Status: ae.Status, Message: msg})
	default:
		return false
	}
	return true
}

// settleAll ends every id with a copy of ev.
func (r *Run) settleAll(ids []int64, ev Event) {
	for _, id := range ids {
		ev.ID = id
		r.finish(ev)
	}
}

// reconcile marks ids Unknown, then asks Info about each: gone from the bin
// means restored, still there means not confirmed (and the ledger keeps it
// from being sent again without a fresh check; see recheck). Calls are
// bounded by the run's Info semaphore and use the hard context (never the
// graceful Cancel), each with its own timeout.
func (r *Run) reconcile(ids []int64, why engineLoss) {
	for _, id := range ids {
		r.emit(Event{ID: id, Kind: Unknown, Message: why.reconciling()})
	}
	var wg sync.WaitGroup
	for _, id := range ids {
		select {
		case r.infoSem <- struct{}{}:
		case <-r.ctx.Done():
			// Aborted: check settles it at once without a request.
			r.finish(r.check(id, why))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-r.infoSem }()
			r.finish(r.check(id, why))
		}()
	}
	wg.Wait()
}

// check asks Info whether id is still in the recycle bin. An item still
// there is checked again after a growing wait, since the server may still
// be processing the request whose reply was lost; only then is it
// reported not confirmed, with the time of the last check.
func (r *Run) check(id int64, why engineLoss) Event {
	delay := r.e.o.SettleDelay
	for n := 1; ; n++ {
		ev, inBin := r.checkOnce(id, why)
		if !inBin || n >= why.checks(r.e.o.SettleChecks) {
			return ev
		}
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.ctx.Done():
			t.Stop()
			return Event{ID: id, Kind: Unknown, Message: engMsgAborted}
		}
		delay *= 2
	}
}

// checkOnce is one Info call; inBin reports that the item is still there.
func (r *Run) checkOnce(id int64, why engineLoss) (ev Event, inBin bool) {
	if r.ctx.Err() != nil {
		return Event{ID: id, Kind: Unknown, Message: engMsgAborted}, false
	}
	ctx, cancel := context.WithTimeout(r.ctx, r.e.o.ReconcileTimeout)
	defer cancel()
	_, err := r.e.r.Info(ctx, id)
	switch {
	case err == nil && why == lossFailed:
		return Event{ID: id, Kind: Failed, Code: CodeStillInBin, Status: 500,
			Message: "the batch delete answered HTTP 500 and the item is still in the bin"}, true
	case err == nil:
		return Event{ID: id, Kind: Unknown, Code: CodeNotConfirmed, Message: notConfirmed(time.Now())}, true
	case leftBin(err):
		return Event{ID: id, Kind: r.op.DoneKind(), Message: why.gone(r.op)}, false
	case r.ctx.Err() != nil:
		return Event{ID: id, Kind: Unknown, Message: engMsgAborted}, false
	case ctx.Err() != nil:
		return Event{ID: id, Kind: Unknown, Message: "outcome unknown: checking the recycle bin timed out; " +
			"check with smhbin list before retrying"}, false
	}
	return Event{ID: id, Kind: Unknown, Message: "outcome unknown: checking the recycle bin failed (" +
		err.Error() + "); check with smhbin list before retrying"}, false
}

// leftBin reports whether an Info error means the item is no longer in
// the bin. A 404 about the library or space says nothing about the item.
func leftBin(err error) bool {
	if !errors.Is(err, ErrNotFound) {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) && (ae.Code == CodeLibraryNotFound || ae.Code == CodeSpaceNotFound) {
		return false
	}
	return true
}

// recheck decides about ids whose outcome an earlier run left unknown. The
// new Start is an explicit user action, so an id that a fresh Info call
// still finds in the bin is sent again (returned); one that left the bin
// is skipped as restored; one that cannot be checked is skipped and stays
// unconfirmed. Nothing is ever sent twice within one run.
func (r *Run) recheck(ids []int64) (send []int64) {
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		inBin = make(map[int64]bool, len(ids))
	)
	for _, id := range ids {
		select {
		case r.infoSem <- struct{}{}:
		case <-r.ctx.Done():
			r.finish(Event{ID: id, Kind: Skipped, Code: CodeCancelled, Message: "not sent: the run was aborted"})
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-r.infoSem }()
			ctx, cancel := context.WithTimeout(r.ctx, r.e.o.ReconcileTimeout)
			defer cancel()
			_, err := r.e.r.Info(ctx, id)
			switch {
			case err == nil:
				mu.Lock()
				inBin[id] = true
				mu.Unlock()
			case leftBin(err):
				r.finish(Event{ID: id, Kind: Skipped, Code: opFacts[r.e.earlierOp(id)].goneCode,
					Message: "not sent: it left the recycle bin after an earlier request"})
			default:
				r.finish(Event{ID: id, Kind: Skipped, Code: CodeNotConfirmed,
					Message: "not sent: an earlier request is not confirmed and the recycle bin could not be checked"})
			}
		}()
	}
	wg.Wait()
	for _, id := range ids { // in the order asked, not the order answered
		if inBin[id] {
			send = append(send, id)
		}
	}
	return send
}

// deleteChunk sends one batch delete and settles its ids. The API answers
// 204 or a bare 500 with no per-item detail, so every id of a failed or
// unanswered chunk is checked with Info; none is ever resent.
func (r *Run) deleteChunk(ids []int64) {
	if r.e.d == nil {
		r.settleAll(ids, Event{Kind: Skipped, Code: CodeNotSent, Message: "not sent: this client cannot delete"})
		return
	}
	if err := r.e.d.DeleteBatch(r.ctx, ids); err != nil {
		r.requestFailed(ids, err)
		return
	}
	r.settleAll(ids, Event{Kind: Deleted})
}

// serverLoss says how to check the ids of a chunk answered with a 5xx. A
// batch delete's 500 is the API's own failure reply; any other 5xx (a
// gateway's 502 or 504, say) may hide a request still running, like a
// lost reply.
func (r *Run) serverLoss(err error) engineLoss {
	var ae *APIError
	if r.op == OpDelete && errors.As(err, &ae) && ae.Status == 500 {
		return lossFailed
	}
	return lossReply
}
