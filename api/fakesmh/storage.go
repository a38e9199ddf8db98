package fakesmh

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// storagePrefix is the path of the emulator's stand-in for the signed
// storage (COS) URLs that previews redirect to. It needs no access token,
// like a real signed URL.
const storagePrefix = "/storage/"

// thumbURLTTL is how long a preview's signed URL stays valid.
const thumbURLTTL = time.Hour

// hasThumbnail reports whether the emulator draws a preview for r.
func hasThumbnail(r *Record) bool {
	return r.Type != TypeDir && (r.FileType == "image" || r.FileType == "video")
}

// thumbURL is the signed storage URL of an item's thumbnail on the origin
// the request came to, so a client can check that it stays on it.
func (s *Server) thumbURL(r *http.Request, id int64, width int) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	exp := s.now().Add(thumbURLTTL).Unix()
	q := url.Values{
		"w":       {strconv.Itoa(width)},
		"expires": {strconv.FormatInt(exp, 10)},
		"sign":    {s.thumbSign(id, width, exp)},
	}
	return scheme + "://" + r.Host + storagePrefix + url.PathEscape(s.opts.LibraryID) + "/recycled/" +
		strconv.FormatInt(id, 10) + ".png?" + q.Encode()
}

// thumbSign is the signature of a thumbnail URL: a keyed hash a client
// cannot forge without the seed, which is all a demo needs.
func (s *Server) thumbSign(id int64, width int, exp int64) string {
	h := mix64(uint64(s.opts.Seed) ^ 0x5349474e)
	h = mix64(h ^ uint64(id))
	h = mix64(h ^ uint64(width)<<32 ^ uint64(exp))
	return strconv.FormatUint(h, 16)
}

// thumbWidthOf reads width_size, falling back to thumbWidth.
func thumbWidthOf(q url.Values) int {
	n, err := strconv.Atoi(q.Get("width_size"))
	if err != nil || n <= 0 {
		return thumbWidth
	}
	return min(max(n, thumbMinWidth), thumbMaxWidth)
}

// serveStorage answers GET /storage/{lib}/recycled/{id}.png?w=&expires=&sign=
// with the item's thumbnail, checking the signature and its expiry.
func (s *Server) serveStorage(w http.ResponseWriter, r *http.Request, q url.Values) {
	rest := strings.TrimPrefix(r.URL.Path, storagePrefix)
	lib, file, ok := strings.Cut(rest, "/recycled/")
	idText, png := strings.CutSuffix(file, ".png")
	id, err := strconv.ParseInt(idText, 10, 64)
	width, werr := strconv.Atoi(q.Get("w"))
	exp, eerr := strconv.ParseInt(q.Get("expires"), 10, 64)
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		methodNotAllowed(w, http.MethodGet, http.MethodHead)
		return
	case !ok || !png || err != nil || werr != nil || eerr != nil || lib != s.opts.LibraryID:
		writeError(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
		return
	case q.Get("sign") != s.thumbSign(id, width, exp):
		writeError(w, http.StatusForbidden, "SignatureDoesNotMatch", "The signature does not match.")
		return
	case s.now().Unix() > exp:
		writeError(w, http.StatusForbidden, "AccessDenied", "Request has expired.")
		return
	}
	s.mu.Lock()
	e := s.binEntryLocked(id)
	var rec Record
	if e != nil {
		rec = e.rec
	}
	s.mu.Unlock()
	if e == nil || !hasThumbnail(&rec) {
		writeError(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
		return
	}
	body := thumbnail(s.opts.Seed, id, rec.Name, rec.FileType == "video", width)
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}
