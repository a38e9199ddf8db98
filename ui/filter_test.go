package ui

import (
	"slices"
	"strings"
	"testing"

	"smhbin/api"
	"smhbin/query"
)

// typeText types s into the model one key at a time.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		press(t, m, k)
	}
}

// bruteForce is the view a fresh matcher gives over the model's items.
func bruteForce(m *Model, text string) []int32 {
	q, err := query.Parse(text)
	if err != nil {
		panic(err)
	}
	mt := q.At(testNow)
	var out []int32
	for _, idx := range m.data.Order() {
		qi := *m.data.QueryItem(idx)
		if mt.Match(&qi) {
			out = append(out, idx)
		}
	}
	return out
}

// TestFilterPromptEchoesAndKeepsLastValid: a qualifier query narrows the
// table to exactly its matches and is echoed in words; a misspelt
// qualifier shows the parser's did-you-mean in the prompt line and leaves
// the last valid result on screen.
func TestFilterPromptEchoesAndKeepsLastValid(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(120)}, 140, 30, nil)
	press(t, m, "/")
	if !strings.Contains(m.render(), "type:image") {
		t.Fatalf("the empty prompt does not hint at qualifiers:\n%s", m.render())
	}
	typeText(t, m, "size:>500KB -path:京都")
	want := bruteForce(m, "size:>500KB -path:京都")
	if !slices.Equal(m.data.View(), want) || len(want) == 0 || len(want) == m.data.Len() {
		t.Fatalf("view has %d items, brute force %d of %d", len(m.data.View()), len(want), m.data.Len())
	}
	if out := m.render(); !strings.Contains(out, "= size > 500KB") {
		t.Fatalf("no echo of the parsed query:\n%s", out)
	}
	typeText(t, m, " typ:")
	out := m.render()
	if !strings.Contains(out, `did you mean "type:"?`) {
		t.Fatalf("no did-you-mean for typ:\n%s", out)
	}
	// "typ" was a valid plain word a keystroke earlier: its result stays.
	if want := bruteForce(m, "size:>500KB -path:京都 typ"); !slices.Equal(m.data.View(), want) {
		t.Fatalf("an invalid qualifier changed the view: %d items, want %d", len(m.data.View()), len(want))
	}
	press(t, m, "backspace", "backspace", "backspace", "backspace")
	typeText(t, m, "type:image")
	press(t, m, "enter")
	want = bruteForce(m, "size:>500KB -path:京都 type:image")
	if !slices.Equal(m.data.View(), want) {
		t.Fatalf("view has %d items, brute force %d", len(m.data.View()), len(want))
	}
	if !strings.Contains(m.render(), "filter “size:>500KB -path:京都 type:image”") {
		t.Fatalf("status does not name the query in force:\n%s", m.render())
	}
}

// TestOutcomesAndMarksFeedTheFilter: result: sees restore outcomes as they
// arrive and marked: sees marks, so a user can review failures or the
// selection before and after a restore.
func TestOutcomesAndMarksFeedTheFilter(t *testing.T) {
	bin := &fakeBin{items: makeItems(40)}
	m := loaded(t, bin, 120, 30, nil)
	failed := bin.items[3].ID
	m.setOutcome(failed, outcome{kind: api.Failed, code: api.CodeNoPermission})
	m.setOutcome(bin.items[5].ID, outcome{kind: api.Unknown, code: api.CodeNotConfirmed})
	m.setOutcome(bin.items[6].ID, outcome{kind: api.Restored, path: bin.items[6].OriginalPath})
	press(t, m, "space") // marks the first row
	press(t, m, "/")
	for _, c := range []struct {
		text string
		ids  []int64
	}{
		{"result:failed", []int64{failed}},
		{"result:unconfirmed", []int64{bin.items[5].ID}},
		{"result:restored", []int64{bin.items[6].ID}},
		{"marked:yes", []int64{m.data.Item(m.data.Order()[0]).ID}},
	} {
		m.filter.SetValue("")
		typeText(t, m, c.text)
		var got []int64
		for _, idx := range m.data.View() {
			got = append(got, m.data.Item(idx).ID)
		}
		if !slices.Equal(got, c.ids) {
			t.Errorf("%s shows %v, want %v", c.text, got, c.ids)
		}
	}
}

// BenchmarkFilterQualifierKeystroke is BenchmarkFilterKeystroke for a
// three-qualifier query at 100k items: each op is two keystrokes, one
// that narrows (a digit making the size bound larger: only the previous
// matches are rescanned) and the backspace that widens it again (a full
// scan). Target < 8 ms per keystroke.
func BenchmarkFilterQualifierKeystroke(b *testing.B) {
	m := bigModel(b, items100k(b), 120, 40)
	press(b, m, "/")
	typeText(b, m, "type:image deleted:<30d size:>1")
	b.ReportAllocs()
	for b.Loop() {
		m.Update(keyMsg("0"))
		m.Update(keyMsg("backspace"))
	}
}

// TestHelpDocumentsFilterGrammar: the help screen lists the qualifiers
// with examples, including the by-outcome and marked views.
func TestHelpDocumentsFilterGrammar(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(5)}, 120, 60, nil)
	press(t, m, "?")
	out := m.render()
	for _, want := range []string{"size:>100MB", "deleted:<2h", "result:failed", "marked:yes", "path:\"Team Drive\""} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %s:\n%s", want, out)
		}
	}
}

// TestHelpFilterGrammarFitsSmallScreens: the help documents the filter
// grammar (it scrolls, so the grammar fits any screen) and its closing
// line stays visible.
func TestHelpFilterGrammarFitsSmallScreens(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(5)}, 120, 40, nil)
	press(t, m, "?")
	out := m.render()
	if !strings.Contains(out, "closes this help") || !strings.Contains(strings.Join(m.helpLines(), "\n"), "result:") {
		t.Fatalf("help at 120×40 lost its closing line or the filter qualifiers:\n%s", out)
	}
}
