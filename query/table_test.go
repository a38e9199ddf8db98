package query

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestTableFilterEqualsMatch: a Table holds exactly what NewItem builds,
// and its Filter, scanning every item at once or testing a short list
// one by one, selects exactly what Match selects item by item, including
// words that span the folder and the name, names with a "/" or a 0 byte,
// and empty names.
func TestTableFilterEqualsMatch(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(19, 2))
	raws := randomItems(r, 3000, now)
	odd := []string{"a/b.txt", "x\x00y.jpg", "", "Q3", "TMP", "终稿/IMG"}
	for i := 0; i < len(raws); i += 7 {
		name := odd[i/7%len(odd)]
		raws[i].f.Name = name
		if n := len(raws[i].f.Path); n > 0 {
			raws[i].f.Path = append(slices.Clone(raws[i].f.Path[:n-1]), name)
		}
	}
	var tab Table
	items := make([]Item, len(raws))
	for i, x := range raws {
		tab.AddFields(x.f)
		items[i] = NewItem(x.f)
		items[i].Marked, items[i].Result = x.marked, x.result
		tab.SetMarked(int32(i), x.marked)
		tab.SetResult(int32(i), x.result)
		if got := tab.Item(int32(i)); !reflect.DeepEqual(got, items[i]) {
			t.Fatalf("Table.Item(%d) = %+v, NewItem = %+v", i, got, items[i])
		}
	}
	all := make([]int32, len(items))
	for i := range all {
		all[i] = int32(i)
	}
	few := []int32{5, 1, 2999, 700, 14, 21}
	extra := []string{"a/b", "q3/", "/q3", "b.t", "x\x00y", "\x00", "/img", "稿/img", "tmp/终稿", "drive/q3/img", "s/"}
	mixed := 0
	for n := range 600 {
		text := randomQuery(r)
		if n%3 == 0 {
			text += " " + quoteWord(extra[r.IntN(len(extra))])
		}
		q, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q): %v", text, err)
		}
		m := q.At(now)
		var want []int32
		for i := range items {
			if m.Match(&items[i]) {
				want = append(want, int32(i))
			}
		}
		if got := tab.Filter(m, all, nil); !slices.Equal(got, want) {
			t.Fatalf("%q: Filter over all selects %d items, Match %d", text, len(got), len(want))
		}
		var wantFew []int32
		for _, i := range few {
			if m.Match(&items[i]) {
				wantFew = append(wantFew, i)
			}
		}
		if got := tab.Filter(m, few, nil); !slices.Equal(got, wantFew) {
			t.Fatalf("%q: Filter over %v = %v, Match %v", text, few, got, wantFew)
		}
		if len(want) > 0 && len(want) < len(items) {
			mixed++
		}
	}
	if mixed < 300 {
		t.Errorf("only %d of 600 queries selected some but not all items", mixed)
	}
}

// TestTableFilterInPlace: Filter may write into the array it reads.
func TestTableFilterInPlace(t *testing.T) {
	var tab Table
	for _, name := range []string{"a.jpg", "b.png", "ab.txt", "c", "AB"} {
		tab.AddFields(Fields{Name: name, Path: []string{"dir", name}})
	}
	q, err := Parse("a")
	if err != nil {
		t.Fatal(err)
	}
	src := []int32{4, 3, 2, 1, 0}
	if got := tab.Filter(q.At(time.Now()), src, src[:0]); !slices.Equal(got, []int32{4, 2, 0}) {
		t.Fatalf("in place: %v", got)
	}
}

// TestWordSpansFolderAndName: a word with a "/" matches across the join
// of folder and name, as it did on the joined path, and nowhere else.
func TestWordSpansFolderAndName(t *testing.T) {
	it := NewItem(Fields{Name: "IMG_1.jpg", Path: []string{"设计", "终稿", "IMG_1.jpg"}})
	root := NewItem(Fields{Name: "IMG_1.jpg"})
	for _, tc := range []struct {
		word       string
		item, root bool
	}{
		{"终稿/img", true, false}, {"设计/终稿/img_1.jpg", true, false}, {"/img", true, false},
		{"稿/", true, false}, {"终稿//img", false, false}, {"img_1.jpg/", false, false}, {"img_1", true, true},
	} {
		q, err := Parse(quoteWord(tc.word))
		if err != nil {
			t.Fatal(err)
		}
		m := q.At(time.Now())
		if m.Match(&it) != tc.item || m.Match(&root) != tc.root {
			t.Errorf("%q: in a folder %v (want %v), at the root %v (want %v)", tc.word, m.Match(&it), tc.item, m.Match(&root), tc.root)
		}
	}
}
