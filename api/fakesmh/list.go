package fakesmh

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// sortSpec is a listing order; the zero value is the server order.
type sortSpec struct {
	field string // "" or one of the order_by values
	desc  bool
}

func (p sortSpec) key() string {
	if p.desc {
		return p.field + "|desc"
	}
	return p.field + "|asc"
}

// compareLocked returns the total order of spec: its field, then the id, so
// every item has exactly one place and marker paging is exact. The server
// order is newest removal first (ids are handed out in removal order).
func (s *Server) compareLocked(spec sortSpec) func(a, b *entry) int {
	var byField func(a, b *entry) int
	switch spec.field {
	case "":
		return func(a, b *entry) int {
			if c := b.rec.RemovalTime.Compare(a.rec.RemovalTime); c != 0 {
				return c
			}
			return cmp.Compare(b.rec.ID, a.rec.ID)
		}
	case "name":
		byField = func(a, b *entry) int { return strings.Compare(a.rec.Name, b.rec.Name) }
	case "modificationTime":
		byField = func(a, b *entry) int { return a.rec.ModificationTime.Compare(b.rec.ModificationTime) }
	case "size":
		byField = func(a, b *entry) int { return cmp.Compare(a.rec.Size, b.rec.Size) }
	case "removalTime":
		byField = func(a, b *entry) int { return a.rec.RemovalTime.Compare(b.rec.RemovalTime) }
	case "remainingTime":
		byField = func(a, b *entry) int { return cmp.Compare(s.remainingLocked(a), s.remainingLocked(b)) }
	}
	asc := func(a, b *entry) int {
		if c := byField(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a.rec.ID, b.rec.ID)
	}
	if spec.desc {
		return func(a, b *entry) int { return asc(b, a) }
	}
	return asc
}

// orderLocked returns the items in the bin in spec's order. Orders are
// cached until the bin changes, so paging a large bin costs one sort.
func (s *Server) orderLocked(spec sortSpec) []*entry {
	if s.sortedVer != s.version {
		clear(s.sorted)
		s.sortedVer = s.version
	}
	if order, ok := s.sorted[spec.key()]; ok {
		return order
	}
	order := make([]*entry, 0, s.inBin)
	for _, e := range s.entries {
		if e.state == inBin {
			order = append(order, e)
		}
	}
	slices.SortFunc(order, s.compareLocked(spec))
	s.sorted[spec.key()] = order
	return order
}

// wireList is the listing body. NextMarker is raw so that it can be a JSON
// number or string, and is omitted on the last page.
type wireList struct {
	TotalNum   int             `json:"totalNum"`
	NextMarker json.RawMessage `json:"nextMarker,omitempty"`
	Contents   []wireItem      `json:"contents"`
}

// first returns the first non-empty value of the given query keys.
func first(q url.Values, keys ...string) (string, bool) {
	for _, k := range keys {
		if v := q.Get(k); v != "" {
			return v, true
		}
	}
	return "", false
}

// parseSort reads order_by/order_by_type (or the camelCase spellings that
// the Android SDK sends).
func parseSort(q url.Values) (sortSpec, string, string) {
	var spec sortSpec
	field, hasField := first(q, "order_by", "orderBy")
	if hasField {
		switch field {
		case "name", "modificationTime", "size", "removalTime", "remainingTime":
			spec.field = field
		default:
			return spec, "OrderByNotAllowed", "Order by " + strconv.Quote(field) + " is not allowed."
		}
	}
	if dir, ok := first(q, "order_by_type", "orderByType"); ok {
		switch dir {
		case "asc":
		case "desc":
			spec.desc = hasField
		default:
			return spec, "OrderByTypeNotAllowed", "Order by type " + strconv.Quote(dir) + " is not allowed."
		}
	}
	return spec, "", ""
}

// intParam parses an optional non-negative integer query parameter.
func intParam(q url.Values, key string, def int) (int, bool) {
	v := q.Get(key)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}

// serveList answers GET /api/v1/recycled/{lib}/{space} in marker or page
// mode. by-marker/by-page selectors are accepted and ignored.
func (s *Server) serveList(w http.ResponseWriter, q url.Values) {
	spec, code, msg := parseSort(q)
	if code != "" {
		writeError(w, http.StatusBadRequest, code, msg)
		return
	}
	markerMode := has(q, "marker") || has(q, "limit")
	if markerMode && (has(q, "page") || has(q, "page_size")) {
		writeError(w, http.StatusBadRequest, "ParamInvalid", "marker/limit cannot be used with page/page_size.")
		return
	}
	if !markerMode && (has(q, "page") || has(q, "page_size")) {
		s.servePage(w, q, spec)
		return
	}
	limit, ok := intParam(q, "limit", s.opts.DefaultLimit)
	if !ok || limit < 1 || limit > MaxLimit {
		writeError(w, http.StatusBadRequest, "ParamInvalid", "limit must be an integer in [1,1000].")
		return
	}
	s.lock()
	endless := s.fault.Endless
	s.mu.Unlock()
	out, ok := wireList{}, false
	if endless != "" {
		out, ok = s.endlessPage(endless, q.Get("marker"), limit)
	} else {
		out, ok = s.markerPage(q.Get("marker"), limit, spec)
	}
	if !ok {
		writeError(w, http.StatusBadRequest, "ParamInvalid", "Invalid marker.")
		return
	}
	writeJSON(w, http.StatusOK, out) // outside the lock: a slow client stalls nobody
}

// markerPage renders the page after marker; ok is false for a marker that
// is not one of ours.
func (s *Server) markerPage(marker string, limit int, spec sortSpec) (wireList, bool) {
	s.lock()
	defer s.mu.Unlock()
	order := s.orderLocked(spec)
	start := 0
	if marker != "" {
		anchor := s.markerEntryLocked(marker)
		if anchor == nil {
			return wireList{}, false
		}
		c := s.compareLocked(spec)
		start = sort.Search(len(order), func(i int) bool { return c(order[i], anchor) > 0 })
	}
	end := min(start+limit, len(order))
	out := wireList{TotalNum: len(order), Contents: s.wireItemsLocked(order[start:end])}
	if end < len(order) {
		out.NextMarker = s.markerFor(order[end-1].rec.ID)
	}
	return out, true
}

// The marker is a keyset cursor: the id of the last item sent. Resuming
// after that item's place in the order (rather than at an offset) keeps
// paging exact even when items are restored or deleted between pages,
// because stored records keep their sort keys after leaving the bin.
func (s *Server) markerFor(id int64) json.RawMessage {
	if s.opts.MarkerStyle == MarkerString {
		return json.RawMessage(strconv.Quote("m:" + strconv.FormatInt(id, 10)))
	}
	return json.RawMessage(strconv.FormatInt(id, 10))
}

// markerEntryLocked resolves a marker we issued ("123" or "m:123", in either
// style) to its anchor record, or nil when it is not one of ours.
func (s *Server) markerEntryLocked(m string) *entry {
	id, err := strconv.ParseInt(strings.TrimPrefix(m, "m:"), 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	return s.entries[id]
}

// servePage answers page mode: page is 1-based, page_size ∈ [0,1000] and
// page×page_size ≤ 10000, as documented.
func (s *Server) servePage(w http.ResponseWriter, q url.Values, spec sortSpec) {
	page, ok1 := intParam(q, "page", 1)
	size, ok2 := intParam(q, "page_size", DefaultLimit)
	switch {
	case !ok1 || page < 1:
		writeError(w, http.StatusBadRequest, "ParamInvalid", "page must be a positive integer.")
		return
	case !ok2 || size > MaxLimit:
		writeError(w, http.StatusBadRequest, "ParamInvalid", "page_size must be an integer in [0,1000].")
		return
	case size > 0 && page > MaxPageWindow/size:
		writeError(w, http.StatusBadRequest, "ParamInvalid", "page × page_size must not exceed 10000.")
		return
	}
	s.lock()
	order := s.orderLocked(spec)
	start := min((page-1)*size, len(order))
	end := min(start+size, len(order))
	out := wireList{TotalNum: len(order), Contents: s.wireItemsLocked(order[start:end])}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}
