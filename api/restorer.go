package api

import "context"

// Restorer is what the restore Engine needs from a client. *Client
// satisfies it; tests may pass a fake.
type Restorer interface {
	// RestoreBatch restores ids in one request (at most 1000).
	RestoreBatch(ctx context.Context, ids []int64, ps PathStrategy) (BatchResult, error)
	// WaitTask polls an async restore task until it is done and returns its rows.
	WaitTask(ctx context.Context, taskID string) ([]ItemResult, error)
	// Info fetches one recycled item; errors.Is(err, ErrNotFound) when it is
	// no longer in the bin.
	Info(ctx context.Context, id int64) (Info, error)
}
