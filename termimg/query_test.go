package termimg

import "testing"

func TestParseQueryReply(t *testing.T) {
	cases := []struct {
		name  string
		reply string
		want  QueryResult
	}{
		{"nothing yet", "", QueryResult{}},
		{"kitty", "\x1b_Gi=31;OK\x1b\\\x1b[?62;22c", QueryResult{Kitty: true, Done: true}},
		{"kitty, DA1 not yet", "\x1b_Gi=31;OK\x1b\\", QueryResult{Kitty: true}},
		{"kitty error", "\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\\x1b[?62c", QueryResult{Done: true}},
		{"sixel", "\x1b[?62;4;6;22c", QueryResult{Sixel: true, Done: true}},
		{"plain vt220", "\x1b[?62;1;6c", QueryResult{Done: true}},
		{"split reply", "\x1b[?64;4", QueryResult{}},
		{"14 is not 4", "\x1b[?62;14c", QueryResult{Done: true}},
	}
	for _, c := range cases {
		if got := ParseQueryReply([]byte(c.reply)); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestRefine(t *testing.T) {
	cases := []struct {
		p    Protocol
		r    QueryResult
		want Protocol
	}{
		{Blocks256, QueryResult{Kitty: true, Done: true}, Kitty},
		{Blocks, QueryResult{Sixel: true, Done: true}, Sixel},
		{ITerm2, QueryResult{Sixel: true, Done: true}, ITerm2},
		{Off, QueryResult{Kitty: true}, Off},
		{Blocks, QueryResult{Done: true}, Blocks},
	}
	for _, c := range cases {
		if got := Refine(c.p, c.r); got != c.want {
			t.Errorf("Refine(%s, %+v) = %s, want %s", c.p, c.r, got, c.want)
		}
	}
}
