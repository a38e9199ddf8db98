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
// mode. by-marker/by-page selectors are accepted and ignored. A reply
// prepared while the request's latency elapsed is sent if the bin has not
// changed since.
func (s *Server) serveList(w http.ResponseWriter, q url.Values) {
	if sw, ok := w.(*statusWriter); ok && sw.prepared != nil && s.current(sw.prepared) {
		sw.prepared.send(w)
		return
	}
	s.renderList(q).send(w)
}

// listReply is a rendered answer to a listing query: its encoded body, or
// the error to send, and the state of the bin it was rendered from.
type listReply struct {
	body      *[]byte // from listBuffers
	code, msg string  // a 400 instead of a body
	version   uint64
	endless   string
}

// current reports whether rep still answers its query: nothing in the bin
// and no listing fault changed since it was rendered.
func (s *Server) current(rep *listReply) bool {
	s.lock()
	defer s.mu.Unlock()
	return rep.version == s.version && rep.endless == s.fault.Endless
}

// send writes rep: outside the lock, so a slow client stalls nobody.
func (rep listReply) send(w http.ResponseWriter) {
	if rep.code != "" {
		writeError(w, http.StatusBadRequest, rep.code, rep.msg)
		return
	}
	writeList(w, rep.body)
}

// renderList prepares the answer to a listing query.
func (s *Server) renderList(q url.Values) (rep listReply) {
	s.lock()
	rep.version, rep.endless = s.version, s.fault.Endless
	s.mu.Unlock()
	spec, code, msg := parseSort(q)
	if code != "" {
		rep.code, rep.msg = code, msg
		return rep
	}
	markerMode := has(q, "marker") || has(q, "limit")
	if markerMode && (has(q, "page") || has(q, "page_size")) {
		rep.code, rep.msg = "ParamInvalid", "marker/limit cannot be used with page/page_size."
		return rep
	}
	var out wireList
	if !markerMode && (has(q, "page") || has(q, "page_size")) {
		out, rep.code, rep.msg = s.pageMode(q, spec)
	} else {
		out, rep.code, rep.msg = s.markerMode(q, spec, rep.endless)
	}
	if rep.code == "" {
		rep.body = encodeList(&out)
		out.recycle()
	}
	return rep
}

// markerMode renders a marker listing, or names the error.
func (s *Server) markerMode(q url.Values, spec sortSpec, endless string) (out wireList, code, msg string) {
	limit, ok := intParam(q, "limit", s.opts.DefaultLimit)
	if !ok || limit < 1 || limit > MaxLimit {
		return out, "ParamInvalid", "limit must be an integer in [1,1000]."
	}
	if endless != "" {
		out, ok = s.endlessPage(endless, q.Get("marker"), limit)
	} else {
		out, ok = s.markerPage(q.Get("marker"), limit, spec)
	}
	if !ok {
		return out, "ParamInvalid", "Invalid marker."
	}
	return out, "", ""
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

// pageMode renders page mode, or names the error: page is 1-based,
// page_size ∈ [0,1000] and page×page_size ≤ 10000, as documented.
func (s *Server) pageMode(q url.Values, spec sortSpec) (out wireList, code, msg string) {
	page, ok1 := intParam(q, "page", 1)
	size, ok2 := intParam(q, "page_size", DefaultLimit)
	switch {
	case !ok1 || page < 1:
		return out, "ParamInvalid", "page must be a positive integer."
	case !ok2 || size > MaxLimit:
		return out, "ParamInvalid", "page_size must be an integer in [0,1000]."
	case size > 0 && page > MaxPageWindow/size:
		return out, "ParamInvalid", "page × page_size must not exceed 10000."
	}
	s.lock()
	defer s.mu.Unlock()
	order := s.orderLocked(spec)
	start := min((page-1)*size, len(order))
	end := min(start+size, len(order))
	return wireList{TotalNum: len(order), Contents: s.wireItemsLocked(order[start:end])}, "", ""
}
