package fakesmh

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBody bounds the request body read: 1000 ids fit in a few tens of KB.
const maxBody = 8 << 20

// maxLog bounds the request log so a long demo session cannot grow it forever.
const maxLog = 100_000

// Request is one entry of the request log.
type Request struct {
	Method string
	Path   string
	// Query is the parsed query string without access_token and
	// library_secret: secrets are never kept (a token in the path of the
	// token routes is replaced by REDACTED in Path).
	Query     url.Values
	Body      string
	Status    int // 0 when no reply was sent (hung, reset or client gone)
	Time      time.Time
	RequestID string
}

// Fault injects failures, for fault-injection tests of clients. Requests to
// the recycle-bin and task routes that carry the right token are counted;
// token routes are not.
type Fault struct {
	// FailEvery, when > 0, answers every Nth counted request with
	// 500 InternalServerError without acting on it.
	FailEvery int
	// TokenExpiresAfter, when > 0, answers counted requests after the Nth
	// with 403 InvalidAccessToken, until the token is renewed through
	// /api/v1/token (or SetFault is called again).
	TokenExpiresAfter int
	// Fail, when it returns true, answers the request 500 without acting.
	Fail func(*http.Request) bool
	// Hang, when it returns true, blocks the request without replying until
	// its context is done (or the listener closes).
	Hang func(*http.Request) bool
	// ResetAfterRestore: after handling a restore request (single or
	// batch, whatever its rows, even one answered 202), close the
	// connection without replying. This simulates a response lost after
	// the server acted. It needs HTTP/1.x; under HTTP/2 the reply is sent.
	ResetAfterRestore bool
	// StatusAfterRestore, when non-zero, answers a synchronous batch
	// restore with this status and an error body after applying it, as a
	// server that fails while writing its reply does (e.g. 500).
	StatusAfterRestore int
	// ResetAfterDelete: after handling a delete, batch delete or empty,
	// close the connection without replying (a reply lost after the
	// server acted). HTTP/1.x only, like ResetAfterRestore.
	ResetAfterDelete bool
	// DeletePartial, when > 0, makes a batch delete delete only its first
	// DeletePartial ids (in request order) and then answer a bare 500
	// InternalServerError, as the real API may after a partial effect.
	DeletePartial int
	// DropRows, when > 0, leaves the last DropRows rows out of a
	// synchronous batch restore's 200/207 reply, after applying them all.
	DropRows int
	// Endless, when set to one of the Endless… modes, makes every marker
	// listing page forever in that way (the stored items are not listed).
	Endless string
}

// SetFault replaces the injected faults and restarts the request counters
// that FailEvery and TokenExpiresAfter count.
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault = f
	s.counted = 0
	s.tokenUses = 0
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	for i, r := range s.log {
		c := *r
		c.Query = cloneValues(r.Query)
		out[i] = c
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// statusWriter remembers the status sent, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status   int
	prepared *listReply // a listing rendered while the latency elapsed
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP serves the SMH business API routes for the recycle bin, tasks
// and tokens. Every response carries X-Request-Id; every error is JSON
// {code, message, requestId}.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.reqSeq++
	seq := s.reqSeq
	s.stats.Requests++
	s.mu.Unlock()
	rid := requestID(s.opts.Seed, seq)
	w.Header().Set("X-Request-Id", rid)
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	q, qerr := url.ParseQuery(r.URL.RawQuery)
	logged := Request{Method: r.Method, Path: r.URL.Path, Query: cloneValues(q), Body: string(body), Time: time.Now(), RequestID: rid}
	logged.Query.Del("access_token")
	logged.Query.Del("library_secret")
	logged.Path = redactPath(r.URL.Path)
	sw := &statusWriter{ResponseWriter: w}
	// Log before replying: a client that sees its connection reset (or a
	// reply) must find the request in the log when it looks.
	entry := s.appendLog(logged)
	defer func() {
		s.mu.Lock()
		entry.Status = sw.status
		s.mu.Unlock()
	}()
	if s.opts.Latency > 0 {
		// A listing is read-only, so it is rendered while the latency
		// elapses: the reply leaves Latency after the request came, as
		// from a server that far away, rather than Latency plus the
		// emulator's own work on the cores it shares with its client.
		deadline := logged.Time.Add(s.opts.Latency)
		if qerr == nil && isListing(r) {
			// Each waiting rendered page holds ≈ 745 KB: a flood of
			// concurrent listings renders after the wait instead.
			if s.waiting.Add(1) <= maxPrepared {
				rep := s.renderList(q)
				sw.prepared = &rep
				s.lock()
				s.stats.Prepared++
				s.mu.Unlock()
			}
			defer s.waiting.Add(-1)
		}
		if !s.hold(sw, r, max(time.Until(deadline), 0)) { // never < 0, which holds forever
			return
		}
	}
	if qerr != nil {
		writeError(sw, http.StatusBadRequest, "ParamInvalid", "Malformed query string.")
		return
	}
	s.route(sw, r, q, body)
}

// maxPrepared bounds the listings rendered ahead that wait at once.
const maxPrepared = 8

// isListing reports whether r asks for a listing (GET /api/v1/recycled/{lib}/{space}).
func isListing(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v1/recycled/") &&
		strings.Count(strings.Trim(r.URL.Path, "/"), "/") == 4
}

// redactPath hides the access token in the token renew/delete routes
// (/api/v1/token/{lib}/{token}), which carry it in the path.
func redactPath(p string) string {
	segs := strings.Split(p, "/")
	if len(segs) == 6 && segs[1] == "api" && segs[2] == "v1" && segs[3] == "token" {
		segs[5] = "REDACTED"
		return strings.Join(segs, "/")
	}
	return p
}

func (s *Server) appendLog(r Request) *Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.log) >= maxLog {
		s.log = append(s.log[:0], s.log[len(s.log)-maxLog/2:]...)
	}
	s.log = append(s.log, &r)
	return &r
}

// requestID looks like SMH's base64 request ids and is unique per request.
func requestID(seed int64, seq uint64) string {
	var b [12]byte
	binary.BigEndian.PutUint64(b[:8], mix64(uint64(seed)<<32^seq))
	binary.BigEndian.PutUint32(b[8:], uint32(seq))
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// hold keeps a request waiting for d (forever when d < 0) and reports
// whether it should then be answered. A cancelled request gets no reply;
// one released by Running.Close has its connection dropped, so that the
// client sees a failure rather than an empty 200.
func (s *Server) hold(w *statusWriter, r *http.Request, d time.Duration) bool {
	var expired <-chan time.Time
	if d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		expired = t.C
	}
	select {
	case <-expired:
		return true
	case <-r.Context().Done():
	case <-s.quit:
		if !resetConnection(w) {
			writeError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "The server is shutting down.")
		}
	}
	return false
}

// route dispatches /api/v1/{token|recycled|task}/… and the signed
// thumbnail URLs under storagePrefix.
func (s *Server) route(w *statusWriter, r *http.Request, q url.Values, body []byte) {
	if strings.HasPrefix(r.URL.Path, storagePrefix) {
		s.serveStorage(w, r, q)
		return
	}
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) < 3 || segs[0] != "api" || segs[1] != "v1" {
		writeError(w, http.StatusNotFound, "NotFound", "No such API.")
		return
	}
	api, rest := segs[2], segs[3:]
	switch api {
	case "token":
		s.serveToken(w, r, q, rest)
		return
	case "recycled", "task":
	default:
		writeError(w, http.StatusNotFound, "NotFound", "No such API.")
		return
	}
	if !s.admit(w, r, q) {
		return
	}
	if len(rest) < 2 || len(rest) > 3 || (api == "task" && len(rest) != 3) {
		writeError(w, http.StatusNotFound, "NotFound", "No such API.")
		return
	}
	if rest[0] != s.opts.LibraryID {
		writeError(w, http.StatusNotFound, "LibraryNotFound", "Library not found.")
		return
	}
	if rest[1] != s.opts.SpaceID {
		writeError(w, http.StatusNotFound, "SpaceNotFound", "Space not found.")
		return
	}
	switch {
	case api == "task":
		s.serveTasks(w, r, rest[2])
	case len(rest) == 2:
		s.serveBin(w, r, q, body)
	default:
		s.serveItem(w, r, q, rest[2], body)
	}
}

// admit checks the token, then applies the injected faults. It reports
// whether the request may proceed; otherwise it has been answered (or is
// deliberately left unanswered).
func (s *Server) admit(w *statusWriter, r *http.Request, q url.Values) bool {
	tok := q.Get("access_token")
	s.mu.Lock()
	if tok == "" || tok != s.token {
		s.mu.Unlock()
		writeError(w, http.StatusForbidden, "InvalidAccessToken", "Invalid access token.")
		return false
	}
	s.counted++
	s.tokenUses++
	n, uses, f := s.counted, s.tokenUses, s.fault
	s.mu.Unlock()
	switch {
	case f.TokenExpiresAfter > 0 && uses > f.TokenExpiresAfter:
		writeError(w, http.StatusForbidden, "InvalidAccessToken", "Access token expired.")
		return false
	case f.FailEvery > 0 && n%f.FailEvery == 0, f.Fail != nil && f.Fail(r):
		writeError(w, http.StatusInternalServerError, "InternalServerError", "Internal server error.")
		return false
	case f.Hang != nil && f.Hang(r):
		return s.hold(w, r, -1)
	}
	return true
}

// wireError is the JSON body of every error reply.
type wireError struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId"`
}

// writeError sends the SMH error shape with the request's id.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, wireError{Code: code, Message: msg, RequestID: w.Header().Get("X-Request-Id")})
}

// methodNotAllowed answers 405 with the allowed methods.
func methodNotAllowed(w http.ResponseWriter, allow ...string) {
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "Method not allowed.")
}

// writeJSON sends v as JSON. HTML escaping is off so names reach clients
// exactly as stored (a real server does not escape '<' or '&' either).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // a write error means the client went away; nothing to do
}

// has reports whether an action selector (?restore, ?info, …) is present,
// with any value or none.
func has(q url.Values, key string) bool {
	_, ok := q[key]
	return ok
}
