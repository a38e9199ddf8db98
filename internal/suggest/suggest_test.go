package suggest

import "testing"

func TestClosest(t *testing.T) {
	cands := []string{"page_size", "order_by", "restore_path"}
	for _, c := range []struct{ in, want string }{
		{"page_sise", "page_size"},
		{"orderby", "order_by"},
		{"restore", ""}, // five edits away: no guess
		{"", ""},
	} {
		if got := Closest(c.in, cands); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
