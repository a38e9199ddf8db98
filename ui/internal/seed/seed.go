// Package seed loads emulator-seeded items for the benchmarks of ui and
// its data side, so both measure the same items the same way.
package seed

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// Items decodes n emulator-seeded items (realistic names, deep CJK
// paths) the way the client does, so memory figures are honest.
func Items(tb testing.TB, n int) []api.Item {
	tb.Helper()
	srv := fakesmh.New(fakesmh.Options{Items: n, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	if err != nil {
		tb.Fatal(err)
	}
	var out []api.Item
	var mk api.Marker
	for {
		p, err := c.List(context.Background(), api.ListQuery{Marker: mk, Limit: 1000})
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, p.Items...)
		if mk = p.NextMarker; mk == "" {
			return out
		}
	}
}

var (
	once     sync.Once
	items1e5 []api.Item
)

// Items100k is Items(tb, 100_000), loaded once per test binary. The
// slice is shared: callers must not modify it.
func Items100k(tb testing.TB) []api.Item {
	once.Do(func() { items1e5 = Items(tb, 100_000) })
	return items1e5
}
