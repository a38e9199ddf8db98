package fakesmh_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"smhbin/api/fakesmh"
)

// refNow is a fixed "now" so seeded data is identical on every run.
var refNow = time.Date(2026, 3, 14, 6, 30, 0, 0, time.UTC)

// env is an emulator behind httptest plus a tiny raw HTTP client: the tests
// speak the wire format directly, never through the api package.
type env struct {
	t   *testing.T
	srv *fakesmh.Server
	ts  *httptest.Server
	tok string
}

func newEnv(t *testing.T, opts fakesmh.Options) *env {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = refNow
	}
	s := fakesmh.New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &env{t: t, srv: s, ts: ts, tok: s.Token()}
}

// reply is a finished HTTP exchange.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// decode unmarshals the body with UseNumber, so tests can tell a JSON
// number from a string.
func (r reply) decode(t *testing.T, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
}

// errCode returns the code of an error body, checking its full shape.
func (r reply) errCode(t *testing.T) string {
	t.Helper()
	var e struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"requestId"`
	}
	r.decode(t, &e)
	if e.Message == "" || e.RequestID == "" || e.RequestID != r.header.Get("X-Request-Id") {
		t.Errorf("error body %s: want message and requestId matching X-Request-Id %q", r.body, r.header.Get("X-Request-Id"))
	}
	return e.Code
}

// call sends a request with the env's token (unless q already sets one) to
// a path relative to the base URL; raw is appended verbatim to the query.
func (e *env) call(method, path, raw string, body string) reply {
	e.t.Helper()
	u := e.ts.URL + path + "?access_token=" + url.QueryEscape(e.tok)
	if raw != "" {
		u += "&" + raw
	}
	return e.send(method, u, body)
}

func (e *env) send(method, u, body string) reply {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path(u), err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		e.t.Errorf("%s %s: no X-Request-Id", method, path(u))
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

// path strips the query (and so the token) from a URL for messages.
func path(u string) string {
	p, _, _ := strings.Cut(u, "?")
	return p
}

const (
	binPath  = "/api/v1/recycled/smhdemo/-"
	taskPath = "/api/v1/task/smhdemo/-/"
)

func itemPath(id int64) string { return binPath + "/" + itoa(id) }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// wireItem is the subset of a listed item the tests look at.
type wireItem struct {
	ID            json.Number     `json:"recycledItemId"`
	Name          string          `json:"name"`
	OriginalPath  []string        `json:"originalPath"`
	Size          string          `json:"size"`
	Type          string          `json:"type"`
	FileType      string          `json:"fileType"`
	RemovalTime   string          `json:"removalTime"`
	ModTime       string          `json:"modificationTime"`
	CreationTime  string          `json:"creationTime"`
	RemainingTime json.Number     `json:"remainingTime"`
	SpaceID       string          `json:"spaceId"`
	Authority     map[string]bool `json:"authorityList"`
	Buttons       map[string]bool `json:"authorityButtonList"`
}

func (w wireItem) id(t *testing.T) int64 {
	t.Helper()
	n, err := w.ID.Int64()
	if err != nil {
		t.Fatalf("recycledItemId %q is not an integer", w.ID)
	}
	return n
}

// listPage is a decoded listing.
type listPage struct {
	TotalNum   json.Number     `json:"totalNum"`
	NextMarker json.RawMessage `json:"nextMarker"`
	Contents   []wireItem      `json:"contents"`
}

// list GETs one page and fails the test unless it is a 200.
func (e *env) list(raw string) listPage {
	e.t.Helper()
	r := e.call(http.MethodGet, binPath, raw, "")
	if r.status != http.StatusOK {
		e.t.Fatalf("list %s: %d %s", raw, r.status, r.body)
	}
	var p listPage
	r.decode(e.t, &p)
	return p
}

// markerText turns a nextMarker into the text to send back.
func markerText(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	return string(raw)
}

// listAll pages through the bin in marker mode and returns the items.
func (e *env) listAll(raw string, limit int) []wireItem {
	e.t.Helper()
	var all []wireItem
	marker := ""
	for pages := 0; ; pages++ {
		if pages > 100_000 {
			e.t.Fatal("paging does not end")
		}
		q := "limit=" + itoa(int64(limit))
		if raw != "" {
			q += "&" + raw
		}
		if marker != "" {
			q += "&marker=" + url.QueryEscape(marker)
		}
		p := e.list(q)
		all = append(all, p.Contents...)
		if len(p.NextMarker) == 0 {
			return all
		}
		marker = markerText(e.t, p.NextMarker)
	}
}
