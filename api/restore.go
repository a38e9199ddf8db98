package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// MaxBatch is the most ids one batch restore or batch delete may carry.
const MaxBatch = 1000

var _ Restorer = (*Client)(nil)

// wireRow is one per-item row of a batch or task result. Status and id
// arrive as numbers or strings depending on the server.
type wireRow struct {
	Status  flexInt  `json:"status"`
	Path    []string `json:"path"`
	ID      flexInt  `json:"recycledItemId"`
	Code    string   `json:"code"`
	Message string   `json:"message"`
}

// wireBatch is the body of a 200/207/202 batch restore reply.
type wireBatch struct {
	Result []wireRow `json:"result"`
	TaskID flexText  `json:"taskId"`
}

// rowsOf converts wire rows, rejecting any without an id or a status: an
// unreadable row must not pass for a restored item.
func rowsOf(ws []wireRow) ([]ItemResult, error) {
	out := make([]ItemResult, 0, len(ws))
	for i, w := range ws {
		if err := firstBad(field{"status", w.Status.bad}, field{"recycledItemId", w.ID.bad}); err != nil {
			return nil, fmt.Errorf("result[%d]: %w", i, err)
		}
		if !w.Status.set || !w.ID.set {
			return nil, fmt.Errorf("result[%d]: status or recycledItemId missing", i)
		}
		out = append(out, ItemResult{
			ID: w.ID.v, Status: int(w.Status.v), Path: w.Path,
			Code: cleanText(w.Code, maxErrorText), Message: cleanText(w.Message, maxErrorText),
		})
	}
	return out, nil
}

// RestoreBatch restores up to MaxBatch items in one request:
// POST /api/v1/recycled/{lib}/{space}?restore=1&restore_path_strategy=…
// with the ids as a JSON array (name clashes are always renamed). A 200/207
// reply gives per-item Results; a 202 gives a TaskID for WaitTask. A 204
// counts every id as restored with an unknown path. No ids → no request.
//
// A 2xx reply that cannot be read wraps ErrResponseLost: the server acted
// but what it did is unknown.
func (c *Client) RestoreBatch(ctx context.Context, ids []int64, ps PathStrategy) (res BatchResult, err error) {
	defer c.clean(&res, &err)
	switch {
	case len(ids) == 0:
		return BatchResult{}, nil
	case len(ids) > MaxBatch:
		return BatchResult{}, fmt.Errorf("SMH API: batch restore of %d items: at most %d per request", len(ids), MaxBatch)
	}
	if ps == "" {
		ps = OriginalPath
	}
	q := url.Values{"restore": {"1"}, "restore_path_strategy": {string(ps)}}
	r, err := c.do(ctx, http.MethodPost, c.binPath(), q, idArray(ids))
	if err != nil {
		return BatchResult{}, err
	}
	if r.status == http.StatusNoContent {
		res.Results = make([]ItemResult, len(ids))
		for i, id := range ids {
			res.Results[i] = ItemResult{ID: id, Status: http.StatusNoContent}
		}
		return res, nil
	}
	res, err = decodeBatch(r.status, r.body)
	if err != nil {
		return BatchResult{}, lostReply(fmt.Errorf("SMH API: bad batch restore reply (HTTP %d): %w", r.status, err))
	}
	return res, nil
}

// decodeBatch parses a 2xx batch restore body.
func decodeBatch(status int, b []byte) (BatchResult, error) {
	var w wireBatch
	if err := json.Unmarshal(b, &w); err != nil {
		return BatchResult{}, jsonErr(err)
	}
	if status == http.StatusAccepted {
		if w.TaskID.bad != nil || w.TaskID.s == "" {
			return BatchResult{}, errors.New(`202 without a usable "taskId"`)
		}
		return BatchResult{TaskID: w.TaskID.s}, nil
	}
	rows, err := rowsOf(w.Result)
	if err != nil {
		return BatchResult{}, err
	}
	return BatchResult{Results: rows}, nil
}
