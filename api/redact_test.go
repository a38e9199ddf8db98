package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTokenNeverLeaks drives every kind of failure and checks that neither
// the returned error nor the log lines contain the token, raw or escaped.
func TestTokenNeverLeaks(t *testing.T) {
	echo := "failed: GET /api/v1/recycled/smhlib/-?access_token=" + url.QueryEscape(testToken) + " token " + testToken
	type call func(c *Client) error
	list := func(c *Client) error { _, err := c.List(context.Background(), ListQuery{Marker: "m"}); return err }
	batch := func(c *Client) error {
		_, err := c.RestoreBatch(context.Background(), []int64{1}, OriginalPath)
		return err
	}
	wait := func(c *Client) error { _, err := c.WaitTask(context.Background(), "1"); return err }
	tests := []struct {
		name     string
		h        http.HandlerFunc // nil: nothing listens
		call     call
		contains string // the error must still say what went wrong
	}{
		{"connection refused GET", nil, list, "connect"},
		{"connection refused POST", nil, batch, "connect"},
		{"timeout GET", hang, list, "Timeout"},
		{"timeout POST", hang, batch, "response lost"},
		{"hang-up POST", hangUp, batch, "EOF"},
		{"500 text echoing the URL", respond(500, echo), list, "HTTP 500"},
		{"token straddling the text cap", respond(502, strings.Repeat("x", 190)+testToken), list, "HTTP 502"},
		{"403 JSON echoing the token", respond(403, `{"code":"InvalidAccessToken","message":"bad token `+testToken+`","requestId":"`+testToken+`"}`), batch, "InvalidAccessToken"},
		{"malformed JSON", respond(200, `{"contents":[{"recycledItemId":"`+testToken+`"}]}`), list, "recycledItemId"},
		{"body too large", respond(200, `{"pad":"`+strings.Repeat("x", 300)+`"}`), wait, "larger than"},
		{"bad task reply", respond(200, `{"taskId":"`+testToken+`"}`), wait, "task"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			endpoint := ""
			if tt.h == nil {
				endpoint = refusedEndpoint(t)
			} else {
				endpoint = newFixture(t, tt.h).srv.URL
			}
			var logs []string
			c, err := New(Config{
				Endpoint: endpoint, LibraryID: "smhlib", Token: testToken, MaxRetries: 1,
				RetryBaseDelay: time.Millisecond, MaxBodyBytes: 250,
				HTTPClient: &http.Client{Timeout: 100 * time.Millisecond},
				Logf:       func(format string, args ...any) { logs = append(logs, fmt.Sprintf(format, args...)) },
			})
			if err != nil {
				t.Fatal(err)
			}
			err = tt.call(c)
			if err == nil || !strings.Contains(err.Error(), tt.contains) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.contains)
			}
			if len(logs) == 0 {
				t.Fatal("no log line")
			}
			for _, s := range append(logs, err.Error(), fmt.Sprintf("%+v", err)) {
				if leaks(s) {
					t.Fatalf("token leaked: %q", s)
				}
			}
		})
	}
}

func TestTokenNotInConfigErrors(t *testing.T) {
	for _, ep := range []string{"http://[::1]:namedport/?access_token=" + testToken, "http://x/%zz" + testToken,
		"https://user:" + testToken + "@host/", "https://host/?access_token=" + url.QueryEscape(testToken)} {
		_, err := New(Config{Endpoint: ep, LibraryID: "lib", Token: testToken})
		if err == nil || leaks(err.Error()) {
			t.Errorf("endpoint %q: err = %v", ep, err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	c := &Client{}
	c.SetToken(testToken)
	got := c.redactURL("https://h/p?a=1&access_token=" + url.QueryEscape(testToken) + "&marker=x")
	if leaks(got) || !strings.Contains(got, "access_token=REDACTED") || !strings.Contains(got, "marker=x") {
		t.Fatalf("redactURL = %q", got)
	}
	if got := c.redactString("a" + testToken + "b"); got != "aREDACTEDb" {
		t.Fatalf("redactString = %q", got)
	}
	if got := (&Client{}).redactString("as is"); got != "as is" {
		t.Fatalf("no token: %q", got)
	}
}

// leaks reports whether s holds the token or a recognisable piece of it.
func leaks(s string) bool {
	return strings.Contains(s, testToken) || strings.Contains(s, url.QueryEscape(testToken)) ||
		strings.Contains(s, "S3CR")
}

// TestRepliesAreScrubbed: a server that echoes the token back in any
// string of a reply (a restored item's path, a name, metadata, a task row)
// never gets it past the client, raw or query-escaped.
func TestRepliesAreScrubbed(t *testing.T) {
	tok, esc := testToken, url.QueryEscape(testToken)
	ctx := context.Background()
	f := newFixture(t, respond(200, `{"result":[{"status":200,"recycledItemId":1,"path":["echo","`+tok+`"]},`+
		`{"status":404,"recycledItemId":2,"code":"X`+tok+`","message":"m `+esc+`"}]}`))
	res, err := f.client().RestoreBatch(ctx, []int64{1, 2}, OriginalPath)
	if err != nil {
		t.Fatal(err)
	}
	noToken(t, "restore rows", res)

	f = newFixture(t, respond(200, `{"totalNum":1,"contents":[{"recycledItemId":3,"name":"n`+tok+`","originalPath":["`+esc+`","n`+tok+`"],`+
		`"size":"1","type":"file","fileType":"`+tok+`","spaceId":"`+tok+`","crc64":"`+tok+`"}]}`))
	p, err := f.client().List(ctx, ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	noToken(t, "page", p)

	f = newFixture(t, respond(200, `{"type":"file","contentType":"`+tok+`","cosUrl":"https://x/?access_token=`+esc+`",`+
		`"metaData":{"k`+tok+`":"v`+tok+`"},"labels":["`+tok+`"]}`))
	in, err := f.client().Info(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	noToken(t, "info", in)
	if len(in.MetaData) != 1 {
		t.Errorf("metadata %v", in.MetaData)
	}
}

// noToken fails if the printed value v holds the token.
func noToken(t *testing.T, what string, v any) {
	t.Helper()
	s := fmt.Sprintf("%+v", v)
	if strings.Contains(s, testToken) || strings.Contains(s, url.QueryEscape(testToken)) {
		t.Errorf("%s holds the token: %s", what, s)
	}
	if !strings.Contains(s, redacted) {
		t.Errorf("%s: nothing was redacted, so the test did not exercise it: %s", what, s)
	}
}
