package api_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// walkAll collects every page of a walk: the ids in order and the error
// that ended it (nil at the end of the listing).
func walkAll(t *testing.T, w *api.PageWalker) ([]int64, error) {
	t.Helper()
	defer w.Close()
	var ids []int64
	for {
		p, err := w.Next()
		if errors.Is(err, io.EOF) {
			return ids, nil
		}
		if err != nil {
			return ids, err
		}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
	}
}

func emulatorClient(t *testing.T, o fakesmh.Options) (*api.Client, *fakesmh.Server) {
	t.Helper()
	o.LibraryID, o.Token = "lib", "tok"
	srv := fakesmh.New(o)
	return testClient(t, srv), srv
}

// testClient serves h and returns a client of it that never retries.
func testClient(t *testing.T, h http.Handler) *api.Client {
	t.Helper()
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestWalk100kInServerOrder(t *testing.T) {
	for style, n := range map[string]int{fakesmh.MarkerInt: 100_000, fakesmh.MarkerString: 5_000} {
		c, srv := emulatorClient(t, fakesmh.Options{Items: n, MarkerStyle: style})
		ids, err := walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 1000}}))
		if err != nil {
			t.Fatal(err)
		}
		want := srv.IDs()
		if len(ids) != len(want) {
			t.Fatalf("%s markers: %d ids, want %d", style, len(ids), len(want))
		}
		big := false
		for i := range want {
			if ids[i] != want[i] {
				t.Fatalf("%s markers: id %d is %d, want %d (server order)", style, i, ids[i], want[i])
			}
			big = big || ids[i] == fakesmh.BigID
		}
		if !big {
			t.Fatalf("the id above 2^53 (%d) is missing", fakesmh.BigID)
		}
	}
}

// bigIDServer serves n items with ids above 2^53 in pages of limit, as
// JSON numbers, failing the request for page failAt (1-based) with 500.
// The real nextMarker comes after contents, followed by an unknown field
// that spells the key again, so the walker's guess is wrong on every
// page; lured counts the requests it sent for the wrong marker.
func bigIDServer(t *testing.T, n, failAt int) (c *api.Client, lured *atomic.Int64) {
	t.Helper()
	const lure = "99999999"
	base := int64(1)<<53 + 1
	lured = new(atomic.Int64)
	return testClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mk := r.URL.Query().Get("marker")
		if mk == lure {
			lured.Add(1)
			_, _ = io.WriteString(w, `{"totalNum":1,"contents":[{"recycledItemId":1}]}`)
			return
		}
		from, _ := strconv.Atoi(mk)
		if failAt > 0 && from == (failAt-1)*1000 {
			http.Error(w, `{"code":"InternalError","message":"boom"}`, 500)
			return
		}
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		to := min(from+limit, n)
		var b strings.Builder
		fmt.Fprintf(&b, `{"totalNum":%d,"contents":[`, n)
		for i := from; i < to; i++ {
			if i > from {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"recycledItemId":%d,"name":"n%d","originalPath":["a","b"]}`, base+int64(i), i)
		}
		b.WriteString(`]`)
		if to < n {
			fmt.Fprintf(&b, `,"nextMarker":%d`, to)
		}
		b.WriteString(`,"extra":{"nextMarker":` + lure + `}}`)
		_, _ = io.WriteString(w, b.String())
	})), lured
}

func TestWalkBigIDsExactAndFaultStopsInOrder(t *testing.T) {
	const n = 100_000
	check := func(ids []int64, want int) {
		t.Helper()
		if len(ids) != want {
			t.Fatalf("%d ids, want %d", len(ids), want)
		}
		for i, id := range ids {
			if id != int64(1)<<53+1+int64(i) {
				t.Fatalf("id %d is %d: order or exactness lost", i, id)
			}
		}
	}
	c, lured := bigIDServer(t, n, 0)
	ids, err := walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 1000}}))
	if err != nil {
		t.Fatal(err)
	}
	check(ids, n)
	if lured.Load() == 0 {
		t.Fatal("the walker never guessed wrong: the test does not exercise a wrong guess")
	}

	c, _ = bigIDServer(t, n, 38)
	ids, err = walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 1000}}))
	var ae *api.APIError
	if !errors.As(err, &ae) || ae.Status != 500 {
		t.Fatalf("err = %v, want the failed page's 500", err)
	}
	check(ids, 37*1000) // every page before the failed one, nothing after
}

func TestWalkMaxItems(t *testing.T) {
	for _, tt := range []struct{ max, limit, want int64 }{{2500, 1000, 2500}, {999, 1000, 999}, {3000, 1000, 3000}, {1, 0, 1}} {
		c, _ := bigIDServer(t, 5000, 0)
		ids, err := walkAll(t, c.Walk(context.Background(),
			api.WalkOptions{Query: api.ListQuery{Limit: int(tt.limit)}, MaxItems: tt.max}))
		if err != nil || int64(len(ids)) != tt.want {
			t.Errorf("max %d: %d ids, %v; want %d", tt.max, len(ids), err, tt.want)
		}
	}
}

func TestWalkStopsEndlessListing(t *testing.T) {
	c, srv := emulatorClient(t, fakesmh.Options{})
	srv.SetFault(fakesmh.Fault{Endless: fakesmh.EndlessRepeatMarker})
	_, err := walkAll(t, c.Walk(context.Background(), api.WalkOptions{Query: api.ListQuery{Limit: 10}}))
	if !errors.Is(err, api.ErrEndlessListing) {
		t.Fatalf("err = %v, want ErrEndlessListing", err)
	}
}
