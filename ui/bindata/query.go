package bindata

import (
	"time"

	"smhbin/api"
	"smhbin/query"
)

// queryState is the filter-language side of the Store: a match-ready
// query.Item beside every item, the query in force bound to a moment, and
// the restore outcomes by id (they outlive a reload, like marks).
type queryState struct {
	items   []query.Item
	q       query.Query
	m       *query.Matcher // nil for the empty query
	at      time.Time      // the moment m is bound to
	results map[int64]query.Result
	// stale is set when a mark or outcome changed after the view was
	// built: the view may then miss items that match now, so the next
	// query scans everything instead of narrowing the view.
	stale bool
}

// addQueryItem builds the match-ready form of a newly added item, with its
// remembered outcome. Its mark is set by SetMark.
func (s *Store) addQueryItem(it *api.Item) {
	qi := query.FromAPI(it)
	qi.Result = s.qx.results[it.ID]
	s.qx.items = append(s.qx.items, qi)
}

// matchQuery reports whether item idx passes the query in force.
func (s *Store) matchQuery(idx int32) bool {
	return s.qx.m == nil || s.qx.m.Match(&s.qx.items[idx])
}

// SetQuery narrows the view to the items q matches, bound to now. When q
// narrows the query in force (typing usually lengthens a word or adds a
// term), only the current view is rescanned, and the earlier moment is
// kept so that the rescan stays exact.
func (s *Store) SetQuery(q query.Query, now time.Time) {
	src := s.order
	if !s.qx.q.Empty() && !s.qx.stale && q.Narrows(s.qx.q) {
		src, now = s.view, s.qx.at
	}
	s.qx.q, s.qx.at, s.qx.m = q, now, nil
	if !q.Empty() {
		s.qx.m = q.At(now)
	}
	s.query = q.String()
	s.qx.stale = false
	s.rescan(src)
}

// rescan rebuilds the view from src with the filters in force.
func (s *Store) rescan(src []int32) {
	s.gen++
	s.shape++ // the view changes other than by appending
	if s.query == "" && !s.expiring {
		s.view = append(s.view[:0], s.order...)
		return
	}
	out := make([]int32, 0, len(src)/4+16)
	for _, idx := range src {
		if s.match(idx) {
			out = append(out, idx)
		}
	}
	s.view = out
	s.sortExpiring()
}

// Filter is the parsed query in force (the zero Query when none).
func (s *Store) Filter() query.Query { return s.qx.q }

// SetResult records item id's restore outcome for result:. The view is
// not recomputed: a row does not vanish under the cursor because its
// outcome changed; the next keystroke in the filter re-evaluates it.
func (s *Store) SetResult(id int64, r query.Result) {
	if r == query.ResultNone {
		delete(s.qx.results, id)
	} else {
		if s.qx.results == nil {
			s.qx.results = map[int64]query.Result{}
		}
		s.qx.results[id] = r
	}
	if idx, ok := s.Index(id); ok {
		s.qx.items[idx].Result = r
		s.qx.stale = true
	}
}

// QueryItem is item idx's match-ready form (for tests and the CLI's
// brute-force checks).
func (s *Store) QueryItem(idx int32) *query.Item { return &s.qx.items[idx] }

// setQueryMark mirrors a mark change into the match-ready item.
func (s *Store) setQueryMark(idx int32, on bool) {
	if int(idx) < len(s.qx.items) {
		s.qx.items[idx].Marked = on
		s.qx.stale = true
	}
}

// reset is the query state a reload keeps: the query, its moment and the
// outcomes, but no items.
func (q queryState) reset() queryState {
	q.items = nil
	return q
}
