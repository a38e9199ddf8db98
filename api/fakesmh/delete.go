package fakesmh

import "net/http"

// rowNoDeleteGrant is the reply to a delete or empty from a token issued
// without delete_recycled (or admin / space_admin).
var rowNoDeleteGrant = wireRow{Status: 403, Code: "NoPermission",
	Message: "The access token has no delete_recycled permission."}

// purgeLocked deletes an item permanently.
func (s *Server) purgeLocked(e *entry) {
	e.state = purged
	s.inBin--
	s.version++
	s.stats.Purged++
}

// deleteAllowed answers 403 NoPermission, and reports false, when the
// token lacks the delete grant (Options.NoDeleteGrant).
func (s *Server) deleteAllowed(w http.ResponseWriter) bool {
	if s.opts.NoDeleteGrant {
		writeError(w, rowNoDeleteGrant.Status, rowNoDeleteGrant.Code, rowNoDeleteGrant.Message)
		return false
	}
	return true
}

// serveDeleteOne answers DELETE …/{id}: 204, 404 RecycledItemNotFound, or
// 403 NoPermission for an item the user may not delete.
func (s *Server) serveDeleteOne(w *statusWriter, id int64) {
	if !s.deleteAllowed(w) {
		return
	}
	s.lock()
	e := s.binEntryLocked(id)
	switch {
	case e == nil:
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, rowNotFound.Code, rowNotFound.Message)
	case !e.rec.CanDelete:
		s.mu.Unlock()
		writeError(w, http.StatusForbidden, "NoPermission", "No permission to delete this item.")
	default:
		s.purgeLocked(e)
		reset := s.fault.ResetAfterDelete
		s.mu.Unlock()
		replyDeleted(w, reset)
	}
}

// serveDeleteBatch deletes the listed items; unknown ids and items the user
// may not delete are skipped (the API reports no per-item detail). With
// Fault.DeletePartial it deletes only the first ids and answers a bare
// 500, as the real API may after a partial effect.
func (s *Server) serveDeleteBatch(w *statusWriter, body []byte) {
	if !s.deleteAllowed(w) {
		return
	}
	ids, msg := parseIDs(body)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "ParamInvalid", msg)
		return
	}
	s.lock()
	partial, reset := s.fault.DeletePartial, s.fault.ResetAfterDelete
	apply := ids
	if partial > 0 {
		apply = ids[:min(partial, len(ids))]
	}
	for _, id := range apply {
		if e := s.binEntryLocked(id); e != nil && e.rec.CanDelete {
			s.purgeLocked(e)
		}
	}
	s.mu.Unlock()
	switch {
	case reset && resetConnection(w):
	case partial > 0:
		writeError(w, http.StatusInternalServerError, "InternalServerError", "Internal server error.")
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// serveEmpty empties the bin: items vanish from the listing at once (the
// real server frees their space later; nothing here needs that).
func (s *Server) serveEmpty(w *statusWriter) {
	if !s.deleteAllowed(w) {
		return
	}
	s.lock()
	for _, e := range s.entries {
		if e.state == inBin {
			s.purgeLocked(e)
		}
	}
	reset := s.fault.ResetAfterDelete
	s.mu.Unlock()
	replyDeleted(w, reset)
}

// replyDeleted answers 204, or drops the connection when reset (the
// ResetAfterDelete fault).
func replyDeleted(w *statusWriter, reset bool) {
	if reset && resetConnection(w) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// DeleteRequests returns the logged requests that delete anything: one
// item, a batch (?delete) or the whole bin. Tests of guards assert it is
// empty.
func (s *Server) DeleteRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Method == http.MethodDelete || r.Query.Has("delete") {
			out = append(out, r)
		}
	}
	return out
}

// DeleteSends counts, from the request log, how many delete requests
// (single or batch, whatever their reply) carried each id. A correct
// client never sends an id twice in one run; tests assert it with this.
// Empties carry no ids: count them with Requests.
func (s *Server) DeleteSends() map[int64]int {
	n := map[int64]int{}
	for _, r := range s.Requests() {
		switch {
		case r.Method == http.MethodDelete && !r.Query.Has("delete"):
			if id, ok := itemID(r.Path); ok {
				n[id]++
			}
		case (r.Method == http.MethodPost || r.Method == http.MethodDelete) && r.Query.Has("delete"):
			ids, _ := parseIDs([]byte(r.Body))
			for _, id := range ids {
				n[id]++
			}
		}
	}
	return n
}
