package bindata

import (
	"slices"
	"testing"
	"time"

	"smhbin/query"
	"smhbin/ui/internal/seed"
)

// TestQueryMatchesBruteForce: whatever path the store takes to its view
// (a full scan, a rescan of the previous matches while typing, a reload),
// the view is exactly the items that a fresh matcher accepts, in display
// order, with marks and restore outcomes taken into account.
func TestQueryMatchesBruteForce(t *testing.T) {
	items := seed.Items(t, 3000)
	s := New()
	s.Add(items)
	now := time.Now()
	// Marks and outcomes on a spread of items, so marked: and result: see both.
	results := []query.Result{query.ResultRestored, query.ResultRenamed, query.ResultFailed, query.ResultUnconfirmed}
	for i := range s.Len() {
		idx := int32(i)
		if i%7 == 0 {
			s.SetMark(idx, true)
		}
		if i%5 == 0 {
			s.SetResult(s.Item(idx).ID, results[i/5%len(results)])
		}
	}
	s.SetMark(0, false) // an unmark must reach the query item too
	check := func(text string) {
		t.Helper()
		q, err := query.Parse(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		s.SetQuery(q, now)
		m := q.At(now)
		var want []int32
		for _, idx := range s.Order() {
			qi := query.FromAPI(s.Item(idx))
			qi.Marked = s.Marked(idx)
			qi.Result = s.QueryItem(idx).Result
			if m.Match(&qi) {
				want = append(want, idx)
			}
		}
		if !slices.Equal(s.View(), want) {
			t.Fatalf("%q: view has %d items, brute force %d", text, len(s.View()), len(want))
		}
	}
	// Typed one character at a time, as in the prompt: most steps narrow.
	for _, text := range []string{
		"file", "type:image", "type:image size:>100KB", "-type:dir marked:yes",
		"marked:yes", "marked:no", "result:failed", "result:renamed", "result:restored -marked:yes",
		"result:unconfirmed", "deleted:<2h", "left:<10d path:写真", "ext:jpg size:1KB..10MB -deleted:>1d",
	} {
		for i := 1; i <= len(text); i++ {
			if _, err := query.Parse(text[:i]); err == nil {
				check(text[:i])
			}
		}
		check(text)
	}
	// An outcome and a mark that change after the view was built: the
	// next query must find the item even though it narrows the last one.
	check("result:failed")
	for i := range s.Len() {
		idx := int32(i)
		if s.Item(idx).Restorable() && !s.Marked(idx) && s.QueryItem(idx).Result == query.ResultNone {
			s.SetResult(s.Item(idx).ID, query.ResultFailed)
			s.SetMark(idx, true)
			check("result:failed marked:yes")
			if !slices.Contains(s.View(), idx) {
				t.Fatal("a new failure was missed by a narrowing query")
			}
			break
		}
	}
	// A reload keeps outcomes (by id) and marks, and the query.
	check("result:failed marked:yes")
	s.Reset()
	s.Add(items)
	check("result:failed marked:yes")
	if len(s.View()) == 0 {
		t.Fatal("outcomes or marks were lost across a reload")
	}
	s.SortLocal(SortName, false)
	check("type:image -marked:yes")
	s.ClearMarks()
	check("marked:yes")
	if len(s.View()) != 0 {
		t.Fatalf("cleared marks still match marked:yes: %d", len(s.View()))
	}
}

// TestSetFilterKeepsViewOnError: text that does not parse leaves the view
// as the last valid query made it.
func TestSetFilterKeepsViewOnError(t *testing.T) {
	s := New()
	s.Add(seed.Items(t, 200))
	if err := s.SetFilter("type:image"); err != nil {
		t.Fatal(err)
	}
	before := slices.Clone(s.View())
	if err := s.SetFilter("typ:image"); err == nil {
		t.Fatal("typ:image parsed")
	}
	if !slices.Equal(s.View(), before) || s.Query() != "type:image" {
		t.Fatalf("an invalid query changed the view (%d → %d items) or query %q", len(before), len(s.View()), s.Query())
	}
}
