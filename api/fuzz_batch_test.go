package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode"
)

// fuzzToken is the fuzzed client's token; hostile replies echo it back.
const fuzzToken = "fuzz-Secret-Token-42"

// cannedTransport answers every request with one status and body, without
// a network: the fuzzer drives the client's whole reply handling in-process.
type cannedTransport struct {
	status int
	body   []byte
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_ = r.Body.Close() // the request is never looked at
	}
	return &http.Response{
		StatusCode: c.status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(c.body)), ContentLength: -1, Request: r,
	}, nil
}

// fuzzStatuses are the reply statuses a batch restore may see.
var fuzzStatuses = []int{200, 207, 202, 204, 403, 404, 500, 429, 301, 201}

func fuzzClient(t *testing.T, status int, body []byte) *Client {
	c, err := New(Config{Endpoint: "https://smh.invalid", LibraryID: "lib", Token: fuzzToken, MaxRetries: -1,
		HTTPClient: &http.Client{Transport: cannedTransport{status, body}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkRows asserts rows are safe to print: codes and messages cleaned
// and bounded and, once through the client (scrubbed), free of the token.
func checkRows(t *testing.T, rows []ItemResult, scrubbed bool) {
	t.Helper()
	for _, r := range rows {
		for _, s := range []string{r.Code, r.Message} {
			if len(s) > maxErrorText || strings.ContainsFunc(s, unicode.IsControl) {
				t.Fatalf("row text not cleaned: %q", s)
			}
			if scrubbed && strings.Contains(s, fuzzToken) {
				t.Fatalf("the token leaked into a row: %q", s)
			}
		}
	}
}

func FuzzDecodeBatch(f *testing.F) {
	for _, s := range []struct {
		sel  uint8
		body string
	}{
		{0, `{"result":[{"status":200,"path":["docs","a.txt"],"recycledItemId":1},{"status":404,"code":"RecycledItemNotFound","message":"Recycled item not found.","recycledItemId":2}]}`},
		{1, `{"result":[{"status":"207","recycledItemId":"9007199254740993","code":"DirectoryNotFound"}]}`},
		{2, `{"taskId":15}`},
		{2, `{"taskId":"t-15"}`},
		{2, `{"taskId":null}`},
		{3, ``},
		{4, `{"code":"InvalidAccessToken","message":"token fuzz-Secret-Token-42 expired","requestId":"r1"}`},
		{6, `<html>502 Bad Gateway</html>`},
		{0, `{"result":[{"status":200}]}`},
		{0, `{"result":[{"status":1e3,"recycledItemId":1.5}]}`},
		{0, `{"result":[{"status":200,"recycledItemId":1,"code":"\u001b[31mX","message":"fuzz-Secret-Token-42"}]}`},
		{0, `{"result":{"status":200}}`},
		{0, `{"result":[`},
		{1, `[]`},
	} {
		f.Add(s.sel, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, sel uint8, body []byte) {
		status := fuzzStatuses[int(sel)%len(fuzzStatuses)]

		// The decoder alone: rows are all there, cleaned, with ids.
		if status >= 200 && status < 300 && status != http.StatusNoContent {
			res, err := decodeBatch(status, body)
			if err == nil {
				var ref struct{ Result []json.RawMessage }
				if status == http.StatusAccepted {
					if res.TaskID == "" || res.Results != nil {
						t.Fatalf("202 decoded to %+v", res)
					}
				} else if json.Unmarshal(body, &ref) == nil && len(ref.Result) != len(res.Results) {
					t.Fatalf("%d rows decoded, the body has %d", len(res.Results), len(ref.Result))
				}
				checkRows(t, res.Results, false)
			}
		}

		// The whole client: a 2xx it cannot read is a lost reply, never a
		// success; anything else is an *APIError; the token never shows.
		ids := []int64{1, 2, 3}
		res, err := fuzzClient(t, status, body).RestoreBatch(context.Background(), ids, OriginalPath)
		var (
			ae *APIError
			re *RedirectError
		)
		switch {
		case err != nil && strings.Contains(err.Error(), fuzzToken):
			t.Fatalf("the token leaked into %q", err)
		case status >= 300 && status < 400:
			if !errors.As(err, &re) || re.Status != status {
				t.Fatalf("HTTP %d gave %+v, %v; want a *RedirectError", status, res, err)
			}
		case status < 200 || status >= 300:
			if !errors.As(err, &ae) || ae.Status != status {
				t.Fatalf("HTTP %d gave %+v, %v; want an *APIError", status, res, err)
			}
		case err != nil:
			if !errors.Is(err, ErrResponseLost) {
				t.Fatalf("unreadable HTTP %d reply: %v does not wrap ErrResponseLost", status, err)
			}
		case status == http.StatusNoContent && len(res.Results) != len(ids):
			t.Fatalf("204 gave %d rows for %d ids", len(res.Results), len(ids))
		case status == http.StatusAccepted && !res.Async():
			t.Fatalf("202 without a task: %+v", res)
		}
		checkRows(t, res.Results, true)
	})
}

func FuzzDecodeTask(f *testing.F) {
	for _, s := range []string{
		`[{"taskId":15,"status":200,"result":[{"status":200,"recycledItemId":123,"path":["a","b"]}]}]`,
		`[{"taskId":"15","status":202}]`,
		`[{"id":15,"status":"200","result":{"result":[{"status":404,"recycledItemId":1,"code":"RecycledItemNotFound"}]}}]`,
		`[{"status":500}]`,
		`[{"taskId":15,"status":500,"result":[]}]`,
		`[{"taskId":15,"status":204,"result":null}]`,
		`[{"taskId":15,"status":200,"result":[{"status":202,"recycledItemId":1}]}]`,
		`[{"taskId":14,"status":200},{"taskId":15,"status":200,"result":"done"}]`,
		`[{"taskId":15,"status":200,"result":[{"status":200,"recycledItemId":1,"message":"fuzz-Secret-Token-42\u0007"}]}]`,
		`[]`, `{}`, `[{"taskId":15}]`, `[{"taskId":{"a":1},"status":200}]`, `[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		const id = "15"
		task, found, err := findTask(body, id)
		if err != nil || !found {
			return
		}
		if !task.Status.set {
			t.Fatalf("a task without a status was found: %s", body)
		}
		if task.Status.v == http.StatusAccepted {
			return // still running: WaitTask polls again
		}
		rows, done, err := taskOutcome(task, id)
		if done {
			// Finished, so one poll settles it: the client's rows and error
			// match the decoder's, scrubbed of the token.
			got, cerr := fuzzClient(t, http.StatusOK, body).WaitTask(context.Background(), id)
			if (cerr != nil) != (err != nil) || len(got) != len(rows) {
				t.Fatalf("WaitTask gave %d rows, %v; the decoder %d rows, %v", len(got), cerr, len(rows), err)
			}
			if cerr != nil && strings.Contains(cerr.Error(), fuzzToken) {
				t.Fatalf("the token leaked into %q", cerr)
			}
			checkRows(t, got, true)
		}
		switch {
		case !done && (err != nil || rows != nil):
			t.Fatalf("not done, yet rows %+v and error %v", rows, err)
		case !done:
			return
		case err != nil:
			var ae *APIError
			if errors.As(err, &ae) && (ae.Code != "TaskFailed" || task.Status.v < 300) {
				t.Fatalf("task status %d gave %v", task.Status.v, err)
			}
			return
		}
		for _, r := range rows {
			if r.Status == http.StatusAccepted {
				t.Fatalf("a finished task still has a running row: %+v", r)
			}
		}
		if task.Status.v >= 300 && len(rows) == 0 {
			t.Fatalf("failed task %d reported as success without rows", task.Status.v)
		}
		checkRows(t, rows, false)
	})
}
