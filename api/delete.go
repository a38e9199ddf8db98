package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Deleter is what the Engine needs to delete items permanently. *Client
// satisfies it; tests may pass a fake.
type Deleter interface {
	// DeleteBatch deletes ids in one request (at most 1000).
	DeleteBatch(ctx context.Context, ids []int64) error
	// Empty deletes every item of the bin.
	Empty(ctx context.Context) error
}

var _ Deleter = (*Client)(nil)

// DeleteOne deletes one item permanently:
// DELETE /api/v1/recycled/{lib}/{space}/{id} → 204. An unknown or expired
// id answers 404 RecycledItemNotFound (errors.Is(err, ErrNotFound)); a
// token without the delete_recycled grant answers 403 NoPermission.
//
// Any 2xx counts as success, whatever its body. The request is never
// retried; a reply lost after the request was written wraps ErrResponseLost
// (check with Info before trying again).
func (c *Client) DeleteOne(ctx context.Context, id int64) (err error) {
	defer c.clean(nil, &err)
	_, err = c.do(ctx, http.MethodDelete, c.binPath(id), nil, nil)
	return err
}

// DeleteBatch deletes up to MaxBatch items permanently in one request:
// POST /api/v1/recycled/{lib}/{space}?delete=1 with the ids as a JSON
// array → 204. On failure the server answers a bare 500 with no per-item
// detail, possibly after deleting some of the ids: the caller must check
// each item (Info) to learn what happened. No ids → no request.
//
// Any 2xx counts as success. The request is never retried; a reply lost
// after the request was written wraps ErrResponseLost.
func (c *Client) DeleteBatch(ctx context.Context, ids []int64) (err error) {
	defer c.clean(nil, &err)
	switch {
	case len(ids) == 0:
		return nil
	case len(ids) > MaxBatch:
		return fmt.Errorf("SMH API: batch delete of %d items: at most %d per request", len(ids), MaxBatch)
	}
	_, err = c.do(ctx, http.MethodPost, c.binPath(), url.Values{"delete": {"1"}}, idArray(ids))
	return err
}

// Empty deletes every item of the bin permanently:
// DELETE /api/v1/recycled/{lib}/{space} → 204. The items leave the listing
// at once; the server frees their space asynchronously and returns no task.
// Any 2xx counts as success; the request is never retried.
func (c *Client) Empty(ctx context.Context) (err error) {
	defer c.clean(nil, &err)
	_, err = c.do(ctx, http.MethodDelete, c.binPath(), nil, nil)
	return err
}

// idArray is the JSON array body of a batch request, e.g. [1,2,3].
func idArray(ids []int64) []byte {
	body := make([]byte, 0, len(ids)*8+2)
	body = append(body, '[')
	for i, id := range ids {
		if i > 0 {
			body = append(body, ',')
		}
		body = strconv.AppendInt(body, id, 10)
	}
	return append(body, ']')
}
