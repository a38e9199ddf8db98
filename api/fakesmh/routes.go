package fakesmh

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// serveBin handles /api/v1/recycled/{lib}/{space}: list, batch restore,
// batch delete, lifecycle and empty.
func (s *Server) serveBin(w *statusWriter, r *http.Request, q url.Values, body []byte) {
	switch r.Method {
	case http.MethodGet:
		s.serveList(w, q)
	case http.MethodPost:
		switch {
		case has(q, "restore"):
			s.serveRestoreBatch(w, q, body)
		case has(q, "delete"):
			s.serveDeleteBatch(w, body)
		case has(q, "lifecycle"):
			s.serveLifecycle(w, body)
		default:
			writeError(w, http.StatusBadRequest, "ParamInvalid", "Missing action: restore, delete or lifecycle.")
		}
	case http.MethodDelete:
		if has(q, "delete") { // the Flutter SDK's spelling of batch delete
			s.serveDeleteBatch(w, body)
			return
		}
		s.serveEmpty(w)
	default:
		methodNotAllowed(w, http.MethodGet, http.MethodPost, http.MethodDelete)
	}
}

// serveItem handles /api/v1/recycled/{lib}/{space}/{id}: info, preview,
// restore and delete of one item.
func (s *Server) serveItem(w *statusWriter, r *http.Request, q url.Values, idText string, body []byte) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "ParamInvalid", "Invalid recycledItemId.")
		return
	}
	switch r.Method {
	case http.MethodGet:
		switch {
		case has(q, "info"):
			s.serveInfo(w, id)
		case has(q, "preview"):
			s.servePreview(w, r, id)
		default:
			writeError(w, http.StatusBadRequest, "ParamInvalid", "Missing action: info or preview.")
		}
	case http.MethodPost:
		if !has(q, "restore") {
			writeError(w, http.StatusBadRequest, "ParamInvalid", "Missing action: restore.")
			return
		}
		s.serveRestoreOne(w, q, id, body)
	case http.MethodDelete:
		s.serveDeleteOne(w, id)
	default:
		methodNotAllowed(w, http.MethodGet, http.MethodPost, http.MethodDelete)
	}
}

// binEntryLocked returns the entry for id if it is in the bin.
func (s *Server) binEntryLocked(id int64) *entry {
	if e, ok := s.entries[id]; ok && e.state == inBin {
		return e
	}
	return nil
}

func (s *Server) serveInfo(w http.ResponseWriter, id int64) {
	s.lock()
	e := s.binEntryLocked(id)
	if e == nil {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, rowNotFound.Code, rowNotFound.Message)
		return
	}
	info := s.infoLocked(e, s.now())
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

// servePreview answers 302 with a signed storage URL, as the real API
// does. Images and videos get a generated thumbnail on the emulator's own
// origin (see serveStorage); other files a (fake) COS URL.
func (s *Server) servePreview(w http.ResponseWriter, r *http.Request, id int64) {
	s.lock()
	e := s.binEntryLocked(id)
	var info wireInfo
	thumb := false
	if e != nil {
		info = s.infoLocked(e, s.now())
		thumb = hasThumbnail(&e.rec)
	}
	s.mu.Unlock()
	switch {
	case e == nil:
		writeError(w, http.StatusNotFound, rowNotFound.Code, rowNotFound.Message)
	case info.CosURL == "":
		writeError(w, http.StatusNotFound, "FileNotFound", "Directories have no preview.")
	case thumb:
		http.Redirect(w, r, s.thumbURL(r, id, thumbWidthOf(r.URL.Query())), http.StatusFound)
	default:
		http.Redirect(w, r, info.CosURL+"&ci-process=snapshot", http.StatusFound)
	}
}

// serveLifecycle sets the retention. A longer value extends items already in
// the bin; a shorter one applies only to items removed afterwards (Add).
func (s *Server) serveLifecycle(w http.ResponseWriter, body []byte) {
	var req struct {
		RetentionDays *int `json:"retentionDays"`
	}
	if json.Unmarshal(bytes.TrimSpace(body), &req) != nil || req.RetentionDays == nil ||
		*req.RetentionDays <= 0 || *req.RetentionDays > 10000 {
		writeError(w, http.StatusBadRequest, "ParamInvalid", "retentionDays must be an integer in [1,10000].")
		return
	}
	if !s.setRetention(*req.RetentionDays) {
		writeError(w, http.StatusForbidden, "SetRecycleLifecycleFrequencyLimit", "The lifecycle may be set once every 10 minutes.")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// setRetention applies a lifecycle change unless one was made less than
// LifecycleInterval ago.
func (s *Server) setRetention(days int) bool {
	s.lock()
	defer s.mu.Unlock()
	now := s.now()
	if !s.lastLife.IsZero() && now.Sub(s.lastLife) < LifecycleInterval {
		return false
	}
	s.lastLife = now
	s.retention = days
	for _, e := range s.entries {
		if e.state == inBin && days > e.retention {
			e.retention = days
		}
	}
	s.version++
	return true
}

// serveToken handles the token routes, which need no access token:
// GET/POST /api/v1/token issues (the one) token, POST
// /api/v1/token/{lib}/{token} renews it, DELETE forgets it. Issuing or
// renewing restarts the TokenExpiresAfter count, like a fresh token would.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, q url.Values, rest []string) {
	switch {
	case len(rest) == 0 && (r.Method == http.MethodGet || r.Method == http.MethodPost):
		lib, secret := q.Get("library_id"), q.Get("library_secret")
		switch {
		case lib == "":
			writeError(w, http.StatusBadRequest, "EmptyLibraryId", "library_id is required.")
		case secret == "":
			writeError(w, http.StatusBadRequest, "EmptyLibrarySecret", "library_secret is required.")
		case lib != s.opts.LibraryID || (s.opts.LibrarySecret != "" && secret != s.opts.LibrarySecret):
			writeError(w, http.StatusForbidden, "WrongLibraryIdOrSecret", "Wrong library id or secret.")
		default:
			s.issueToken(w)
		}
	case len(rest) == 0:
		methodNotAllowed(w, http.MethodGet, http.MethodPost)
	case rest[0] != s.opts.LibraryID:
		writeError(w, http.StatusNotFound, "LibraryNotFound", "Library not found.")
	case len(rest) == 2 && r.Method == http.MethodPost:
		if rest[1] != s.Token() {
			writeError(w, http.StatusForbidden, "InvalidAccessToken", "Invalid access token.")
			return
		}
		s.issueToken(w)
	case len(rest) <= 2 && r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case len(rest) <= 2:
		methodNotAllowed(w, http.MethodPost, http.MethodDelete)
	default:
		writeError(w, http.StatusNotFound, "NotFound", "No such API.")
	}
}

func (s *Server) issueToken(w http.ResponseWriter) {
	s.mu.Lock()
	s.tokenUses = 0
	tok := s.token
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, struct {
		AccessToken string `json:"accessToken"`
		ExpiresIn   int    `json:"expiresIn"`
	}{tok, 86400})
}
