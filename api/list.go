package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// List fetches one page of the recycle bin in marker mode:
// GET /api/v1/recycled/{lib}/{space}?marker=&limit=&order_by=&order_by_type=,
// sending only the parameters that are set (never page/page_size, which the
// API forbids alongside marker/limit). Page.NextMarker is empty on the last page.
func (c *Client) List(ctx context.Context, q ListQuery) (Page, error) {
	body, err := c.listBody(ctx, q)
	if err != nil {
		return Page{}, err
	}
	return c.decodeList(body, nil)
}

// listBody fetches one list reply without decoding it.
func (c *Client) listBody(ctx context.Context, q ListQuery) (b []byte, err error) {
	v := url.Values{}
	if q.Marker != "" {
		v.Set("marker", string(q.Marker))
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.OrderBy != "" {
		v.Set("order_by", q.OrderBy)
	}
	if q.OrderType != "" {
		v.Set("order_by_type", q.OrderType)
	}
	ctx = context.WithValue(ctx, sizeHint{}, c.listSize.Load())
	r, err := c.do(ctx, http.MethodGet, c.binPath(), v, nil)
	if err != nil {
		return nil, c.redactErr(err)
	}
	c.listSize.Store(int64(len(r.body)))
	return r.body, nil
}

// decodeList decodes a list reply, sharing strings through in, and makes
// it safe to show (see cleanPage).
func (c *Client) decodeList(body []byte, in *Interner) (p Page, err error) {
	defer c.cleanPage(&p, body, &err)
	p, err = decodePageWith(body, in)
	if err != nil {
		return Page{}, fmt.Errorf("SMH API: bad list reply: %w", err)
	}
	return p, nil
}

// Info fetches the file info of one recycled item: GET …/{id}?info=1.
// errors.Is(err, ErrNotFound) when the item is no longer in the bin.
func (c *Client) Info(ctx context.Context, id int64) (in Info, err error) {
	defer c.clean(&in, &err)
	r, err := c.do(ctx, http.MethodGet, c.binPath(id), url.Values{"info": {"1"}}, nil)
	if err != nil {
		return Info{}, err
	}
	in, err = decodeInfo(r.body)
	if err != nil {
		return Info{}, fmt.Errorf("SMH API: bad info reply for item %d: %w", id, err)
	}
	return in, nil
}
