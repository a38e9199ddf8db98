package api

import (
	"context"
	"sync"
	"time"
)

// Engine option defaults and limits.
const (
	// DefaultChunkSize is the number of ids per batch request.
	DefaultChunkSize = 100
	// MaxChunkSize is the largest batch the engine sends; the API caps
	// batch operations at 1000 items.
	MaxChunkSize = 1000
	// DefaultConcurrency is the number of chunks in flight at once.
	DefaultConcurrency = 4
	// DefaultReconcileTimeout bounds each Info call made to settle an item
	// whose restore or delete reply was lost.
	DefaultReconcileTimeout = 15 * time.Second
	// DefaultSettleDelay is the first wait before re-checking an item that
	// is still in the bin after its reply was lost: the server may still be
	// working on the request (a slow batch, or a 202 task queued before the
	// reply was lost). Waits double: 2 s, 4 s.
	DefaultSettleDelay = 2 * time.Second
	// DefaultSettleChecks is how many times such an item is checked.
	DefaultSettleChecks = 3
	// DefaultTaskTimeout bounds the wait for one asynchronous (202) task.
	DefaultTaskTimeout = 10 * time.Minute
)

// maxEventsPerID bounds the events one id can produce in a run: Queued,
// Restoring or Deleting, Waiting, Unknown (reconciling) and its last event. The events
// channel is sized from it so that no send ever waits for the consumer.
const maxEventsPerID = 5

// EngineOptions tune an Engine. Zero values select the defaults.
type EngineOptions struct {
	ChunkSize        int           // ids per batch request; default 100; clamped to [1,1000]
	Concurrency      int           // chunks in flight at once; default 4
	ReconcileTimeout time.Duration // per Info call when reconciling; default 15 s
	// SettleDelay and SettleChecks: an item still in the bin after a lost
	// reply is checked SettleChecks times, waiting SettleDelay (doubling)
	// in between, before it is reported not confirmed. Defaults 2 s and 3;
	// a negative SettleDelay checks once.
	SettleDelay  time.Duration
	SettleChecks int
	// TaskTimeout bounds the polling of one 202 task; its items are then
	// checked with Info like a lost reply. Default 10 min.
	TaskTimeout time.Duration
}

func (o EngineOptions) withDefaults() EngineOptions {
	if o.ChunkSize <= 0 {
		o.ChunkSize = DefaultChunkSize
	}
	o.ChunkSize = min(o.ChunkSize, MaxChunkSize)
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.TaskTimeout <= 0 {
		o.TaskTimeout = DefaultTaskTimeout
	}
	if o.SettleDelay == 0 {
		o.SettleDelay = DefaultSettleDelay
	}
	if o.SettleChecks <= 0 {
		o.SettleChecks = DefaultSettleChecks
	}
	if o.SettleDelay < 0 {
		o.SettleChecks = 1
	}
	if o.ReconcileTimeout <= 0 {
		o.ReconcileTimeout = DefaultReconcileTimeout
	}
	return o
}

// Engine restores or permanently deletes recycled items in chunks with
// bounded concurrency and reports per-item Events. It is shared by the CLI
// and the TUI so neither re-implements chunking, task polling or
// reconciliation.
//
// Restores are not idempotent and deletes cannot be undone, so the Engine
// keeps one ledger across runs of both kinds: an id that was restored or
// deleted is never sent again, nor is an id that another run of the same
// Engine is still handling (an item being restored cannot be deleted, and
// the other way round), and within one run no id is sent twice. An id
// whose outcome stayed unknown is sent again only by a later Start or
// StartDelete (an explicit user action) and only after a fresh Info call
// still finds it in the bin (see recheck).
// An Engine is safe for concurrent use.
type Engine struct {
	r Restorer
	d Deleter // nil when r cannot delete: StartDelete then fails every id
	o EngineOptions

	mu       sync.Mutex
	ledger   map[int64]outcome // id → last final or Unknown outcome
	inFlight map[int64]*Run    // id → the run that has reserved it
	emptying bool              // Empty is running: nothing may be reserved
}

// NewEngine returns an Engine that restores through r, and deletes
// through r too when r is also a Deleter (as *Client is).
func NewEngine(r Restorer, o EngineOptions) *Engine {
	d, _ := r.(Deleter)
	return &Engine{
		r:        r,
		d:        d,
		o:        o.withDefaults(),
		ledger:   make(map[int64]outcome),
		inFlight: make(map[int64]*Run),
	}
}

// Run is one restore or delete run started by Engine.Start or
// Engine.StartDelete.
//
// Its Events channel carries, for every distinct id, a Queued event first
// and then the item's progress. The last event of each id is either Final
// (Restored or Deleted, Failed or Skipped; exactly one per id) or Unknown.
// An Unknown that is an id's last event means "unresolved": the request
// may have restored or deleted it but the engine could not confirm it;
// the Message says so and the ledger keeps the id from being sent again.
type Run struct {
	e   *Engine
	ctx context.Context // Start's context: cancelling it aborts the run
	op  Op
	ps  PathStrategy

	events chan Event
	done   chan struct{}

	cancelOnce sync.Once
	cancelled  chan struct{} // closed by Cancel
	authOnce   sync.Once
	authLost   chan struct{} // closed when a chunk failed with an invalid token
	infoSem    chan struct{} // bounds reconciling Info calls across the run
}

// Start begins restoring ids (duplicates in ids are restored once) with
// path strategy ps, and returns at once.
//
// Cancelling ctx is a hard abort: requests in flight are abandoned and
// their items end Unknown with a message saying so; chunks not yet sent end
// Skipped with CodeCancelled. Run.Cancel is the graceful stop.
//
// The events of the run are buffered in full, so a consumer that stops
// reading never blocks the run; memory is about 0.5 KB per id.
func (e *Engine) Start(ctx context.Context, ids []int64, ps PathStrategy) *Run {
	return e.start(ctx, OpRestore, ids, ps)
}

// StartDelete begins deleting ids permanently (duplicates in ids are sent
// once) and returns at once. Everything Start says holds, with Deleting
// and Deleted in place of Restoring and Restored. A chunk whose request
// answers 500 (the API's only failure reply, which may come after some of
// its ids were deleted) or whose reply is lost is reconciled with Info:
// gone from the bin is Deleted; still there after a 500 is Failed with
// CodeStillInBin; still there after a lost reply is Unknown with
// CodeNotConfirmed.
func (e *Engine) StartDelete(ctx context.Context, ids []int64) *Run {
	return e.start(ctx, OpDelete, ids, "")
}

func (e *Engine) start(ctx context.Context, op Op, ids []int64, ps PathStrategy) *Run {
	uniq := dedupeIDs(ids)
	r := &Run{
		e:         e,
		ctx:       ctx,
		op:        op,
		ps:        ps,
		events:    make(chan Event, maxEventsPerID*len(uniq)),
		done:      make(chan struct{}),
		cancelled: make(chan struct{}),
		authLost:  make(chan struct{}),
		infoSem:   make(chan struct{}, e.o.Concurrency),
	}
	send, recheck, blocked := e.reserve(r, uniq)
	for _, id := range uniq {
		r.emit(Event{ID: id, Kind: Queued})
	}
	for _, b := range blocked {
		r.finish(b)
	}
	go func() {
		send = append(send, r.recheck(recheck)...)
		r.dispatch(chunkIDs(send, e.o.ChunkSize))
	}()
	return r
}

// Op says whether the run restores or deletes.
func (r *Run) Op() Op { return r.op }

// Events returns every event of the run; it is closed after the last one.
func (r *Run) Events() <-chan Event { return r.events }

// Done is closed when the run has ended, after Events is closed.
func (r *Run) Done() <-chan struct{} { return r.done }

// Cancel stops the run gracefully: chunks not yet sent are never sent
// (their items end Skipped with CodeCancelled), while chunks in flight
// finish, task polling included, and report. Cancel is idempotent and safe
// to call from any goroutine.
func (r *Run) Cancel() { r.cancelOnce.Do(func() { close(r.cancelled) }) }

// dispatch sends the chunks with at most Concurrency in flight, skips the
// rest once the run is stopped, and closes the run when all have reported.
func (r *Run) dispatch(chunks [][]int64) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, r.e.o.Concurrency)
	for i, c := range chunks {
		if !r.acquire(sem) {
			code, msg := r.stopReason()
			for _, rest := range chunks[i:] {
				for _, id := range rest {
					r.finish(Event{ID: id, Kind: Skipped, Code: code, Message: msg})
				}
			}
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r.runChunk(c)
		}()
	}
	wg.Wait()
	close(r.events)
	close(r.done)
}

// acquire waits for a free slot and reports false when the run was stopped
// instead. A stop that races with a free slot wins, so nothing is sent
// after the run is known to be stopped.
func (r *Run) acquire(sem chan struct{}) bool {
	got := false
	select {
	case sem <- struct{}{}:
		got = true
	case <-r.cancelled:
	case <-r.authLost:
	case <-r.ctx.Done():
	}
	if code, _ := r.stopReason(); code != "" {
		if got {
			<-sem
		}
		return false
	}
	return true
}

// stopReason returns the Skipped code and message for unsent chunks, or
// "" while the run may still send.
func (r *Run) stopReason() (code, msg string) {
	select {
	case <-r.authLost:
		return CodeNotSent, "not sent: the access token expired or is invalid; renew it and retry"
	default:
	}
	select {
	case <-r.ctx.Done():
		return CodeCancelled, "not sent: the run was aborted"
	case <-r.cancelled:
		return CodeCancelled, "not sent: the run was cancelled"
	default:
	}
	return "", ""
}

// stopAuth stops further chunks after an invalid-token reply: every later
// request would fail the same way.
func (r *Run) stopAuth() { r.authOnce.Do(func() { close(r.authLost) }) }

// emit sends an intermediate event. The channel is sized for every event
// of the run, so the send does not wait; the abort branch is a safety net
// that never lets a vanished consumer hold a worker after a hard cancel.
func (r *Run) emit(ev Event) {
	select {
	case r.events <- ev:
	case <-r.ctx.Done():
		select {
		case r.events <- ev:
		default:
		}
	}
}

// finish records ev as id's last event in the ledger, then emits it, so a
// consumer that sees the event also sees the ledger updated.
func (r *Run) finish(ev Event) {
	r.e.settle(r, ev)
	r.emit(ev)
}
