package api

// EventKind is the state an item reaches during a restore or delete run.
type EventKind int

// Item states, in the order an item normally passes through them.
const (
	// Queued: the item is part of the run and waits for its chunk.
	Queued EventKind = iota
	// Restoring: its chunk's request has been sent.
	Restoring
	// Waiting: the server answered its chunk with 202; TaskID is being polled.
	Waiting
	// Restored: done; Path is the final path (nil when the server did not say).
	Restored
	// Failed: the server refused it; Code and Message say why.
	Failed
	// Unknown: the chunk's reply was lost, was a 5xx or had no row for the
	// item; the engine is reconciling via Info. A later Restored or
	// Deleted event settles it (or Failed StillInBin, after a batch
	// delete's 500); an Unknown last event (Code NotConfirmed when the
	// item was still in the bin) leaves it unresolved.
	Unknown
	// Skipped: never sent (run cancelled, token expired, already restored
	// or deleted in an earlier run, held by another run, or an earlier
	// request is still unconfirmed); Code says which.
	Skipped
	// Deleting: its chunk's delete request has been sent.
	Deleting
	// Deleted: done; the item is permanently gone from the bin.
	Deleted
)

// Codes the engine itself puts on Failed/Skipped events (server codes such
// as DirectoryNotFound are passed through verbatim).
const (
	CodeCancelled       = "Cancelled"       // Skipped: run cancelled before the chunk was sent
	CodeNotSent         = "NotSent"         // Skipped: an earlier auth failure stopped the run
	CodeAlreadyRestored = "AlreadyRestored" // Skipped: restored earlier (or it left the bin after an earlier restore); never resent
	CodeAlreadyDeleted  = "AlreadyDeleted"  // Skipped: deleted earlier (or it left the bin after an earlier delete); never resent
	CodeInFlight        = "InFlight"        // Skipped: another run of the same Engine is restoring or deleting it, or the bin is being emptied
	CodeStillInBin      = "StillInBin"      // Failed: a batch delete answered 500 and a fresh check found the item still in the bin
	CodeNotConfirmed    = "NotConfirmed"    // Unknown/Skipped: an earlier request got no clear answer and the item is still in the bin
	CodeTransport       = "NetworkError"    // Failed: the request could not be sent at all
	CodeRedirected      = "Redirected"      // Failed: the server answered 3xx, which is never followed
)

func (k EventKind) String() string {
	switch k {
	case Queued:
		return "queued"
	case Restoring:
		return "restoring"
	case Waiting:
		return "waiting"
	case Restored:
		return "restored"
	case Failed:
		return "failed"
	case Unknown:
		return "unknown"
	case Skipped:
		return "skipped"
	case Deleting:
		return "deleting"
	case Deleted:
		return "deleted"
	}
	return "?"
}

// Final reports whether no further event will come for the item.
func (k EventKind) Final() bool {
	return k == Restored || k == Deleted || k == Failed || k == Skipped
}

// Event is one item's state change during a restore or delete run.
type Event struct {
	ID      int64
	Kind    EventKind
	Path    []string // Restored: final path segments
	Code    string   // Failed/Skipped: API code verbatim, or one of the Code… constants
	Message string   // human text from the server or the engine
	TaskID  string   // Waiting: the server task being polled
	Status  int      // Failed: HTTP status of the row or request, when known
}
