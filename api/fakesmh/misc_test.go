package fakesmh_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"smhbin/api/fakesmh"
)

func TestInfo(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	for _, sel := range []string{"info", "info=1", "info="} {
		r := e.call(http.MethodGet, itemPath(1), sel, "")
		if r.status != http.StatusOK {
			t.Fatalf("?%s: %d %s", sel, r.status, r.body)
		}
		var info map[string]any
		r.decode(t, &info)
		if info["type"] != "file" || info["fileType"] != "word" || info["size"] != "0" || info["contentType"] == "" {
			t.Errorf("?%s: %s", sel, r.body)
		}
		if s, _ := info["crc64"].(string); s == "" || strings.Trim(s, "0123456789") != "" {
			t.Errorf("crc64 %#v is not a decimal string", info["crc64"])
		}
		if _, ok := info["metaData"].(map[string]any); !ok || info["eTag"] == "" || info["labels"] == nil {
			t.Errorf("metaData/eTag/labels missing: %s", r.body)
		}
		if s, _ := info["modificationTime"].(string); !isoMillis.MatchString(s) {
			t.Errorf("modificationTime %q", s)
		}
	}
	var dir map[string]any
	e.call(http.MethodGet, itemPath(9), "info", "").decode(t, &dir)
	if dir["type"] != "dir" || dir["eTag"] != "" {
		t.Errorf("folder info: %v", dir)
	}
	e.call(http.MethodPost, itemPath(2), "restore", "")
	for _, id := range []int64{2, 777} {
		if r := e.call(http.MethodGet, itemPath(id), "info", ""); r.status != 404 || r.errCode(t) != "RecycledItemNotFound" {
			t.Errorf("info %d: %d %s", id, r.status, r.body)
		}
	}
	if r := e.call(http.MethodGet, itemPath(1), "", ""); r.status != http.StatusBadRequest {
		t.Errorf("GET without selector: %d", r.status)
	}
}

func TestPreviewRedirects(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(e.ts.URL + itemPath(1) + "?preview&access_token=" + e.tok)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), "https://") {
		t.Errorf("preview: %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestDeleteAndEmpty(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{})
	e.srv.Add(fixture(20, func(r *fakesmh.Record) { r.CanDelete = false }, "keep.txt"))
	steps := []struct {
		method, path, query, body string
		status                    int
	}{
		{"DELETE", itemPath(1), "", "", 204},
		{"DELETE", itemPath(1), "", "", 404},
		{"DELETE", itemPath(20), "", "", 403},
		{"POST", binPath, "delete", "[2, 3, 424242]", 204},
		{"DELETE", binPath, "delete=1", "[4]", 204},
		{"POST", binPath, "delete", "{}", 400},
		{"PUT", binPath, "", "", 405},
	}
	for _, st := range steps {
		r := e.call(st.method, st.path, st.query, st.body)
		if r.status != st.status {
			t.Errorf("%s %s?%s: %d %s, want %d", st.method, st.path, st.query, r.status, r.body, st.status)
		}
		if st.status == 204 && len(r.body) != 0 {
			t.Errorf("204 with a body: %s", r.body)
		}
	}
	for _, id := range []int64{1, 2, 3, 4} {
		if e.srv.InBin(id) {
			t.Errorf("%d still in the bin", id)
		}
	}
	if !e.srv.InBin(20) || e.srv.Stats().Purged != 4 {
		t.Errorf("stats %+v", e.srv.Stats())
	}
	if r := e.call(http.MethodDelete, binPath, "", ""); r.status != http.StatusNoContent {
		t.Fatalf("empty: %d", r.status)
	}
	if p := e.list(""); p.TotalNum.String() != "0" || len(p.Contents) != 0 {
		t.Errorf("after emptying: %s items", p.TotalNum)
	}
}

func TestLifecycle(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 20})
	id := e.srv.IDs()[5]
	before, _ := e.srv.Item(id)
	for _, bad := range []string{"", "{}", `{"retentionDays":0}`, `{"retentionDays":10001}`, `{"retentionDays":"x"}`} {
		if r := e.call(http.MethodPost, binPath, "lifecycle", bad); r.status != http.StatusBadRequest {
			t.Errorf("body %q: %d", bad, r.status)
		}
	}
	if r := e.call(http.MethodPost, binPath, "lifecycle", `{"retentionDays":90}`); r.status != http.StatusNoContent {
		t.Fatalf("lifecycle: %d %s", r.status, r.body)
	}
	after, _ := e.srv.Item(id)
	if after.RemainingDays != before.RemainingDays+60 {
		t.Errorf("remaining %d → %d, want +60 days", before.RemainingDays, after.RemainingDays)
	}
	r := e.call(http.MethodPost, binPath, "lifecycle", `{"retentionDays":10}`)
	if r.status != http.StatusForbidden || r.errCode(t) != "SetRecycleLifecycleFrequencyLimit" {
		t.Errorf("second change within 10 min: %d %s", r.status, r.body)
	}
}

func TestTokenRoutes(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 1, LibrarySecret: "lib-secret"})
	base := e.ts.URL + "/api/v1/token"
	tests := []struct {
		method, url string
		status      int
		code        string
	}{
		{"GET", base, 400, "EmptyLibraryId"},
		{"GET", base + "?library_id=smhdemo", 400, "EmptyLibrarySecret"},
		{"GET", base + "?library_id=other&library_secret=lib-secret", 403, "WrongLibraryIdOrSecret"},
		{"POST", base + "?library_id=smhdemo&library_secret=nope", 403, "WrongLibraryIdOrSecret"},
		{"PUT", base, 405, "MethodNotAllowed"},
		{"POST", base + "/smhdemo/not-the-token", 403, "InvalidAccessToken"},
		{"POST", base + "/other/x", 404, "LibraryNotFound"},
		{"DELETE", base + "/smhdemo/" + e.tok, 204, ""},
		{"GET", base + "?library_id=smhdemo&library_secret=lib-secret", 200, ""},
		{"POST", base + "/smhdemo/" + e.tok, 200, ""},
	}
	for _, tc := range tests {
		r := e.send(tc.method, tc.url, "")
		if r.status != tc.status || (tc.code != "" && r.errCode(t) != tc.code) {
			t.Errorf("%s %s: %d %s", tc.method, tc.url, r.status, r.body)
			continue
		}
		if tc.status == 200 {
			var tok struct {
				AccessToken string      `json:"accessToken"`
				ExpiresIn   json.Number `json:"expiresIn"`
			}
			r.decode(t, &tok)
			if tok.AccessToken != e.tok || tok.ExpiresIn != "86400" {
				t.Errorf("token reply %s", r.body)
			}
		}
	}
}

func TestRouting(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 5, LibraryID: "smhteam", SpaceID: "space42"})
	tests := []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/api/v1/recycled/smhteam/space42", 200, ""},
		{"GET", "/api/v1/recycled/other/space42", 404, "LibraryNotFound"},
		{"GET", "/api/v1/recycled/smhteam/-", 404, "SpaceNotFound"},
		{"GET", "/api/v1/recycled/smhteam", 404, "NotFound"},
		{"GET", "/api/v1/elsewhere", 404, "NotFound"},
		{"GET", "/", 404, "NotFound"},
		{"PATCH", "/api/v1/recycled/smhteam/space42/1", 405, "MethodNotAllowed"},
		{"POST", "/api/v1/recycled/smhteam/space42", 400, "ParamInvalid"},
	}
	for _, tc := range tests {
		r := e.call(tc.method, tc.path, "", "")
		if r.status != tc.status || (tc.code != "" && r.errCode(t) != tc.code) {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.path, r.status, r.body, tc.status, tc.code)
		}
	}
	var p listPage
	e.call(http.MethodGet, "/api/v1/recycled/smhteam/space42", "", "").decode(t, &p)
	if p.Contents[0].SpaceID != "space42" {
		t.Errorf("spaceId %q", p.Contents[0].SpaceID)
	}
}

func TestListen(t *testing.T) {
	run, err := fakesmh.Listen("127.0.0.1:0", fakesmh.Options{Items: 50})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(run.URL + binPath + "?access_token=" + fakesmh.DefaultToken)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"totalNum":50`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	// A hung request must not keep Close waiting: it is released and dropped.
	run.Server.SetFault(fakesmh.Fault{Hang: func(*http.Request) bool { return true }})
	errc := make(chan error, 1)
	go func() {
		resp, err := http.Get(run.URL + binPath + "?access_token=" + fakesmh.DefaultToken)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	waitFor(t, "the hung request", func() bool { return run.Server.Stats().Requests == 2 })
	if err := run.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := <-errc; err == nil {
		t.Error("the hung request got a reply")
	}
	if err := run.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := fakesmh.Listen("256.0.0.1:0", fakesmh.Options{}); err == nil {
		t.Error("Listen on a bad address succeeded")
	}
}
