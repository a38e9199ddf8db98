package api

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestBatchThenTask(t *testing.T) {
	f := newFixture(t,
		respond(202, `{"taskId":15}`),
		respond(200, `[{"taskId":15,"status":202}]`),
		respond(200, `[{"taskId":14,"status":200,"result":[]},{"taskId":15,"status":207,"result":[
			{"status":200,"path":["a"],"recycledItemId":1},
			{"status":404,"code":"DirectoryNotFound","message":"gone","recycledItemId":2}]}]`),
	)
	c := f.client()
	br, err := c.RestoreBatch(context.Background(), []int64{1, 2}, OriginalPath)
	if err != nil || !br.Async() || br.TaskID != "15" {
		t.Fatalf("batch = %+v, %v; want task 15", br, err)
	}
	rows, err := c.WaitTask(context.Background(), br.TaskID)
	if err != nil {
		t.Fatal(err)
	}
	want := []ItemResult{{ID: 1, Status: 200, Path: []string{"a"}}, {ID: 2, Status: 404, Code: "DirectoryNotFound", Message: "gone"}}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows = %+v\nwant %+v", rows, want)
	}
	reqs := f.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want batch + 2 polls", len(reqs))
	}
	for _, r := range reqs[1:] {
		if r.Method != http.MethodGet || r.Path != "/api/v1/task/smhlib/-/15" || r.Query.Get("access_token") != testToken {
			t.Fatalf("poll %s %s?%s", r.Method, r.Path, r.RawQuery)
		}
	}
}

func TestWaitTaskOutcomes(t *testing.T) {
	row := ItemResult{ID: 1, Status: 200, Path: []string{"a"}}
	tests := []struct {
		name     string
		steps    []http.HandlerFunc
		want     []ItemResult
		wantCode string
		wantErr  error
		requests int
	}{
		{"rows still 202 keep polling", []http.HandlerFunc{
			respond(200, `[{"taskId":"7","status":200,"result":[{"status":202,"recycledItemId":1}]}]`),
			respond(200, `[{"taskId":"7","status":200,"result":[{"status":200,"path":["a"],"recycledItemId":1}]}]`),
		}, []ItemResult{row}, "", nil, 2},
		{"java-style id and result object", []http.HandlerFunc{
			respond(200, `[{"id":7,"status":200,"result":{"result":[{"status":"200","path":["a"],"recycledItemId":"1"}]}}]`),
		}, []ItemResult{row}, "", nil, 1},
		{"204 no result", []http.HandlerFunc{respond(200, `[{"taskId":7,"status":204}]`)}, []ItemResult{}, "", nil, 1},
		{"500 with rows returns them", []http.HandlerFunc{
			respond(200, `[{"taskId":7,"status":500,"result":[{"status":500,"code":"InternalError","recycledItemId":1}]}]`),
		}, []ItemResult{{ID: 1, Status: 500, Code: "InternalError"}}, "", nil, 1},
		{"500 without rows fails", []http.HandlerFunc{respond(200, `[{"taskId":7,"status":500}]`)}, nil, "TaskFailed", nil, 1},
		{"misses need to be consecutive", []http.HandlerFunc{
			respond(200, `[]`), respond(200, `[]`), respond(200, `[{"taskId":7,"status":202}]`),
			respond(200, `[{"taskId":8,"status":200}]`), respond(200, `[]`),
			respond(200, `[{"taskId":7,"status":200,"result":[{"status":200,"path":["a"],"recycledItemId":1}]}]`),
		}, []ItemResult{row}, "", nil, 6},
		{"three misses give up", []http.HandlerFunc{respond(200, `[{"taskId":8,"status":202}]`)}, nil, "", ErrNotFound, 3},
		{"unknown task 404", []http.HandlerFunc{respond(404, `{"code":"TaskNotFound"}`)}, nil, "TaskNotFound", ErrNotFound, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.steps...)
			rows, err := f.client().WaitTask(context.Background(), "7")
			var ae *APIError
			switch {
			case tt.wantCode != "":
				if !errors.As(err, &ae) || ae.Code != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			case err != nil || !reflect.DeepEqual(rows, tt.want):
				t.Fatalf("rows = %#v, %v\nwant %#v", rows, err, tt.want)
			}
			if n := len(f.requests()); n != tt.requests {
				t.Fatalf("%d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestWaitTaskCancel(t *testing.T) {
	polled := make(chan struct{}, 100)
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		respond(200, `[{"taskId":7,"status":202}]`)(w, r)
		polled <- struct{}{}
	})
	// A poll interval far longer than the test: only cancellation can end it.
	c := f.client(func(cfg *Config) { cfg.PollInterval, cfg.PollMaxInterval = time.Hour, time.Hour })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.WaitTask(ctx, "7")
		done <- err
	}()
	<-polled
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("WaitTask did not return after cancel")
	}
	if n := len(f.requests()); n != 1 {
		t.Fatalf("%d polls, want 1", n)
	}
}

func TestWaitTaskEmptyID(t *testing.T) {
	f := newFixture(t, respond(200, `[]`))
	if _, err := f.client().WaitTask(context.Background(), ""); err == nil || len(f.requests()) != 0 {
		t.Fatalf("err = %v, requests %d", err, len(f.requests()))
	}
}
