package api_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"smhbin/api"
)

func guardPage(total int64, next string, ids ...int64) api.Page {
	p := api.Page{TotalNum: total, NextMarker: api.Marker(next)}
	for _, id := range ids {
		p.Items = append(p.Items, api.Item{ID: id})
	}
	return p
}

// TestPageGuardStopsEndlessListings: each way a server can page forever
// is refused with ErrEndlessListing on the page that shows it, while an
// honest listing (and one that shrinks or grows a little) passes.
func TestPageGuardStopsEndlessListings(t *testing.T) {
	tests := []struct {
		name  string
		pages []api.Page
		want  string // "" = every page passes; else the last page fails with this text
	}{
		{"honest", []api.Page{guardPage(3, "1", 1), guardPage(3, "2", 2), guardPage(3, "", 3)}, ""},
		{"bin changed a little", []api.Page{guardPage(2, "1", 1), guardPage(2, "2", 2), guardPage(2, "", 3, 4)}, ""},
		{"no totalNum", []api.Page{guardPage(0, "1", 1), guardPage(0, "", 2)}, ""},
		{"repeated marker", []api.Page{guardPage(9, "7", 1), guardPage(9, "8", 2), guardPage(9, "7", 3)}, `page marker "7" twice`},
		{"empty page with a next marker", []api.Page{guardPage(9, "1", 1), guardPage(9, "2")}, "empty page"},
		{"id listed twice", []api.Page{guardPage(9, "1", 1, 2), guardPage(9, "2", 3, 1)}, "item 1 was listed twice"},
		{"id twice in one page", []api.Page{guardPage(9, "1", 5, 5)}, "item 5 was listed twice"},
		{"far past totalNum", growing(10, 1011), "1011 items listed although the server counted 10"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var g api.PageGuard
			for i, p := range tc.pages {
				err := g.Check(p)
				if i < len(tc.pages)-1 || tc.want == "" {
					if err != nil {
						t.Fatalf("page %d: %v", i, err)
					}
					continue
				}
				if !errors.Is(err, api.ErrEndlessListing) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("last page: %v; want ErrEndlessListing with %q", err, tc.want)
				}
				// A refused page is not recorded: it is refused again.
				if again := g.Check(p); again == nil {
					t.Fatal("the refused page passed on a second look")
				}
			}
		})
	}
}

// growing is n one-item pages of a server that counted total items.
func growing(total int64, n int) []api.Page {
	out := make([]api.Page, n)
	for i := range out {
		out[i] = guardPage(total, "m"+strconv.Itoa(i), int64(i+1))
	}
	return out
}

// TestPageGuardDelayPaces: requests started back to back are spread
// MinPageGap apart; one that starts late waits for nothing.
func TestPageGuardDelayPaces(t *testing.T) {
	var g api.PageGuard
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if d := g.Delay(t0); d != 0 {
		t.Fatalf("first request waits %v", d)
	}
	if d := g.Delay(t0); d != api.MinPageGap {
		t.Fatalf("second request at once waits %v, want %v", d, api.MinPageGap)
	}
	if d := g.Delay(t0); d != 2*api.MinPageGap {
		t.Fatalf("third request at once waits %v, want %v", d, 2*api.MinPageGap)
	}
	if d := g.Delay(t0.Add(time.Second)); d != 0 {
		t.Fatalf("a late request waits %v", d)
	}
}
