package api

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestRestoreBatch(t *testing.T) {
	tests := []struct {
		name   string
		h      http.HandlerFunc
		want   BatchResult
		errIs  error
		errHas string
	}{
		{"200 all restored", respond(200, `{"result":[{"status":200,"path":["a"],"recycledItemId":1},{"status":200,"path":["b (1)"],"recycledItemId":2}]}`),
			BatchResult{Results: []ItemResult{{ID: 1, Status: 200, Path: []string{"a"}}, {ID: 2, Status: 200, Path: []string{"b (1)"}}}}, nil, ""},
		{"207 mixed, string status and id", respond(207, `{"result":[
			{"status":200,"path":["x","a"],"recycledItemId":"9007199254740993"},
			{"status":"404","code":"DirectoryNotFound","message":"parent\nmissing","recycledItemId":2},
			{"status":404,"code":"RecycledItemNotFound","message":"Recycled item not found.","recycledItemId":3,"extra":true}]}`),
			BatchResult{Results: []ItemResult{
				{ID: 9007199254740993, Status: 200, Path: []string{"x", "a"}},
				{ID: 2, Status: 404, Code: "DirectoryNotFound", Message: "parent missing"},
				{ID: 3, Status: 404, Code: "RecycledItemNotFound", Message: "Recycled item not found."}}}, nil, ""},
		{"202 numeric task id", respond(202, `{"taskId":15}`), BatchResult{TaskID: "15"}, nil, ""},
		{"202 string task id", respond(202, `{"taskId":"t-15"}`), BatchResult{TaskID: "t-15"}, nil, ""},
		{"204 counts as restored", respond(204, ""), BatchResult{Results: []ItemResult{
			{ID: 1, Status: 204}, {ID: 2, Status: 204}, {ID: 9007199254740993, Status: 204}}}, nil, ""},
		{"202 without task id", respond(202, `{}`), BatchResult{}, ErrResponseLost, "taskId"},
		{"200 row without status", respond(200, `{"result":[{"recycledItemId":1}]}`), BatchResult{}, ErrResponseLost, "status"},
		{"403 token", respond(403, `{"code":"InvalidAccessToken"}`), BatchResult{}, ErrUnauthorized, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.h)
			got, err := f.client().RestoreBatch(context.Background(), []int64{1, 2, 9007199254740993}, FallbackToRoot)
			if tt.errIs != nil {
				if !errors.Is(err, tt.errIs) || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("err = %v, want %v mentioning %q", err, tt.errIs, tt.errHas)
				}
			} else if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, %v\nwant %+v", got, err, tt.want)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPost || r.Path != "/api/v1/recycled/smhlib/-" || r.Body != "[1,2,9007199254740993]" ||
				r.ContentType != "application/json" {
				t.Fatalf("%s %s %q %q", r.Method, r.Path, r.ContentType, r.Body)
			}
			if r.Query.Get("restore") != "1" || r.Query.Get("restore_path_strategy") != "fallbackToRoot" ||
				r.Query.Has("conflict_resolution_strategy") {
				t.Fatalf("query %q", r.RawQuery)
			}
		})
	}
}

func TestRestoreBatchLimits(t *testing.T) {
	f := newFixture(t, respond(200, `{"result":[]}`))
	c := f.client()
	ids := make([]int64, MaxBatch+1)
	if _, err := c.RestoreBatch(context.Background(), ids, OriginalPath); err == nil || !strings.Contains(err.Error(), "1000") {
		t.Fatalf("1001 ids: err = %v", err)
	}
	if res, err := c.RestoreBatch(context.Background(), nil, OriginalPath); err != nil || len(res.Results) != 0 || res.Async() {
		t.Fatalf("no ids: %+v, %v", res, err)
	}
	if n := len(f.requests()); n != 0 {
		t.Fatalf("%d requests sent, want none", n)
	}
	if _, err := c.RestoreBatch(context.Background(), ids[:MaxBatch], ""); err != nil {
		t.Fatalf("1000 ids: %v", err)
	}
	if r := f.requests()[0]; r.Query.Get("restore_path_strategy") != "originalPath" {
		t.Fatalf("default strategy not sent: %q", r.RawQuery)
	}
}
