package api

import (
	"context"
	"errors"
	"net/http"
	"os"
	"testing"
)

func TestListQuery(t *testing.T) {
	tests := []struct {
		name string
		q    ListQuery
		want map[string]string // query parameters other than access_token
	}{
		{"first page, server defaults", ListQuery{}, map[string]string{}},
		{"all set", ListQuery{Marker: "1013", Limit: 100, OrderBy: OrderByRemovalTime, OrderType: OrderDesc},
			map[string]string{"marker": "1013", "limit": "100", "order_by": "removalTime", "order_by_type": "desc"}},
		{"sort only", ListQuery{OrderBy: OrderByName}, map[string]string{"order_by": "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, respond(200, `{"totalNum":0}`))
			if _, err := f.client().List(context.Background(), tt.q); err != nil {
				t.Fatal(err)
			}
			r := f.requests()[0]
			if r.Method != http.MethodGet || r.Path != "/api/v1/recycled/smhlib/-" {
				t.Fatalf("%s %s", r.Method, r.Path)
			}
			got := map[string]string{}
			for k := range r.Query {
				if k != "access_token" {
					got[k] = r.Query.Get(k)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("query %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Fatalf("query %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestListMarkerRoundTrip walks pages whose nextMarker is a JSON string with
// awkward characters, then a big JSON integer, and checks the server gets
// each back byte for byte.
func TestListMarkerRoundTrip(t *testing.T) {
	page1, err := os.ReadFile("testdata/page.json") // nextMarker "abc+/=%20 x&y"
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t,
		respond(200, string(page1)),
		respond(200, `{"totalNum":3,"nextMarker":90071992547409930001,"contents":[]}`),
		respond(200, `{"totalNum":3,"contents":[]}`),
	)
	c := f.client()
	var markers []Marker
	q := ListQuery{Limit: 2}
	for range 5 {
		p, err := c.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if p.NextMarker == "" {
			break
		}
		markers = append(markers, p.NextMarker)
		q.Marker = p.NextMarker
	}
	reqs := f.requests()
	if len(reqs) != 3 || len(markers) != 2 {
		t.Fatalf("%d requests, markers %q; want 3 requests, 2 markers", len(reqs), markers)
	}
	want := []string{"", "abc+/=%20 x&y", "90071992547409930001"}
	for i, r := range reqs {
		if got := r.Query.Get("marker"); got != want[i] || r.Query.Has("page") || r.Query.Has("page_size") {
			t.Errorf("request %d: marker %q (query %q), want %q and no page params", i, got, r.RawQuery, want[i])
		}
	}
}

func TestListDecodesFixture(t *testing.T) {
	page, err := os.ReadFile("testdata/page.json")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, respond(200, string(page)))
	p, err := f.client().List(context.Background(), ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 3 || p.Items[0].ID != 9007199254740993 || p.Items[0].Size != 18446744073709551615 ||
		p.Items[0].RemainingDays != 42 || !p.Items[1].Restorable() {
		t.Fatalf("decoded %+v", p.Items)
	}
}

func TestListMalformed(t *testing.T) {
	f := newFixture(t, respond(200, `{"contents":[{"recycledItemId":`))
	_, err := f.client().List(context.Background(), ListQuery{})
	if err == nil || len(f.requests()) != 1 {
		t.Fatalf("err = %v after %d requests; want an error and no retry", err, len(f.requests()))
	}
}

func TestInfo(t *testing.T) {
	f := newFixture(t, respond(200, `{"type":"file","size":"12","crc64":"7","creationTime":"2021-03-25T10:08:05.000Z"}`))
	in, err := f.client().Info(context.Background(), 9007199254740993)
	if err != nil {
		t.Fatal(err)
	}
	if in.Size != 12 || in.CRC64 != "7" || in.CreationTime.IsZero() {
		t.Fatalf("info = %+v", in)
	}
	r := f.requests()[0]
	if r.Path != "/api/v1/recycled/smhlib/-/9007199254740993" || r.Query.Get("info") != "1" {
		t.Fatalf("request %s?%s", r.Path, r.RawQuery)
	}
}

func TestInfoNotFound(t *testing.T) {
	f := newFixture(t, respond(404, `{"code":"RecycledItemNotFound","message":"Recycled item not found."}`))
	_, err := f.client().Info(context.Background(), 1)
	if !errors.Is(err, ErrNotFound) || len(f.requests()) != 1 {
		t.Fatalf("err = %v after %d requests; want ErrNotFound and no retry", err, len(f.requests()))
	}
}
