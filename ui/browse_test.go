package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"smhbin/api"
)

func TestKeyMsgHelperMatchesKeyNames(t *testing.T) {
	for _, k := range []string{"up", "down", "pgup", "pgdown", "enter", "esc", "tab", " ", "ctrl+c", "ctrl+r", "ctrl+t", "ctrl+u", "ctrl+d", "ctrl+\\", "g", "G", "/"} {
		if got := keyMsg(k).String(); got != k {
			t.Errorf("keyMsg(%q).String() = %q", k, got)
		}
	}
}

func TestPagingLoadsEveryItemOnce(t *testing.T) {
	bin := &fakeBin{items: makeItems(230)}
	m := loaded(t, bin, 80, 24, nil)
	if got := len(m.data.Items()); got != 230 {
		t.Fatalf("loaded %d items, want 230", got)
	}
	if !m.complete || m.loading {
		t.Fatalf("complete=%v loading=%v after last page", m.complete, m.loading)
	}
	qs := bin.queryLog()
	if len(qs) != 5 || qs[0].Marker != "" || qs[1].Marker != "50" || qs[4].Marker != "200" {
		t.Fatalf("queries = %+v, want markers '',50,...,200", qs)
	}
	if qs[0].OrderBy != api.OrderByRemovalTime || qs[0].OrderType != api.OrderDesc {
		t.Fatalf("default sort sent %q %q, want removalTime desc", qs[0].OrderBy, qs[0].OrderType)
	}
	if !strings.Contains(m.View(), "230 items") {
		t.Fatalf("footer lacks the count:\n%s", m.View())
	}
}

func TestStalePageIsDropped(t *testing.T) {
	bin := &fakeBin{items: makeItems(120)}
	m := newTestModel(t, bin, 80, 24, nil)
	m.Init()
	stale := pageLoadedMsg{gen: m.gen, page: api.Page{Items: makeItems(3), TotalNum: 3}}
	m.startListing() // a reload bumps the generation
	m.Update(stale)
	if len(m.data.Items()) != 0 {
		t.Fatalf("stale page applied: %d items", len(m.data.Items()))
	}
}

func TestPageErrorKeepsRowsAndRetryKeepsMarks(t *testing.T) {
	bin := &fakeBin{items: makeItems(150), failAt: map[api.Marker]error{
		"100": &api.APIError{Status: 500, Code: "InternalServerError", Message: "boom"},
	}}
	m := loaded(t, bin, 100, 24, nil)
	if len(m.data.Items()) != 100 || m.loadErr == nil {
		t.Fatalf("items=%d err=%v, want 100 kept and an error", len(m.data.Items()), m.loadErr)
	}
	view := m.View()
	if !strings.Contains(view, "InternalServerError") || !strings.Contains(view, "loaded 100 of 150") {
		t.Fatalf("error line missing code or counts:\n%s", view)
	}
	press(t, m, " ", " ") // mark two
	press(t, m, "ctrl+t")
	if len(m.data.Items()) != 150 || m.loadErr != nil || m.data.MarkCount() != 2 {
		t.Fatalf("after retry items=%d err=%v marks=%d", len(m.data.Items()), m.loadErr, m.data.MarkCount())
	}
	if qs := bin.queryLog(); qs[len(qs)-1].Marker != "100" {
		t.Fatalf("retry asked for marker %q, want 100", qs[len(qs)-1].Marker)
	}
}

func TestSortRelistsWhileLoadingAndSortsLocallyWhenComplete(t *testing.T) {
	bin := &fakeBin{items: makeItems(120)}
	m := newTestModel(t, bin, 80, 24, nil)
	m.Init() // first page requested, not yet delivered
	gen := m.gen
	press(t, m, "s")
	if m.gen == gen {
		t.Fatal("sort change while loading must start a new listing")
	}
	qs := bin.queryLog()
	if last := qs[len(qs)-1]; last.OrderBy != api.OrderByName {
		t.Fatalf("re-list sent order_by %q, want name", last.OrderBy)
	}
	// Now complete: sorting is local, no request.
	n := len(bin.queryLog())
	press(t, m, "s") // size
	if len(bin.queryLog()) != n {
		t.Fatal("a sort after the full load must not re-list")
	}
	// The direction carries over (default newest first → largest first).
	for i := 1; i < len(m.data.View()); i++ {
		a, b := m.data.Items()[m.data.View()[i-1]], m.data.Items()[m.data.View()[i]]
		if a.Size < b.Size {
			t.Fatalf("not descending by size at %d: %d < %d", i, a.Size, b.Size)
		}
	}
	if !strings.Contains(m.View(), "SIZE ▼") {
		t.Fatalf("header lacks the sort arrow:\n%s", m.View())
	}
	press(t, m, "S")
	for i := 1; i < len(m.data.View()); i++ {
		a, b := m.data.Items()[m.data.View()[i-1]], m.data.Items()[m.data.View()[i]]
		if a.Size > b.Size {
			t.Fatalf("S must reverse to ascending; at %d: %d > %d", i, a.Size, b.Size)
		}
	}
	if !strings.Contains(m.View(), "SIZE ▲") {
		t.Fatalf("header lacks the sort arrow:\n%s", m.View())
	}
}

func TestMarksWithFilterAndDisabledItems(t *testing.T) {
	bin := &fakeBin{items: makeItems(100)}
	m := loaded(t, bin, 100, 30, nil)
	press(t, m, "/")
	for _, r := range "京都" {
		press(t, m, string(r))
	}
	press(t, m, "enter")
	want := 0
	restorable := 0
	for _, it := range bin.items {
		if strings.Contains(strings.Join(it.OriginalPath, "/"), "京都") {
			want++
			if it.Restorable() {
				restorable++
			}
		}
	}
	if len(m.data.View()) != want {
		t.Fatalf("filter shows %d, want %d", len(m.data.View()), want)
	}
	press(t, m, "a")
	if m.data.MarkCount() != restorable {
		t.Fatalf("mark all shown marked %d, want %d restorable", m.data.MarkCount(), restorable)
	}
	var sum uint64
	for _, idx := range m.data.View() {
		if m.data.Marked(idx) {
			sum += m.data.Items()[idx].Size
		}
	}
	if sum != m.data.MarkBytes() {
		t.Fatalf("marked bytes %d, want %d", m.data.MarkBytes(), sum)
	}
	press(t, m, "i")
	if m.data.MarkCount() != 0 {
		t.Fatalf("invert of all-marked left %d marks", m.data.MarkCount())
	}
	press(t, m, "i", "u")
	if m.data.MarkCount() != 0 {
		t.Fatal("u must clear marks")
	}
	// Clearing the filter restores the whole view.
	press(t, m, "/", "esc")
	if len(m.data.View()) != 100 {
		t.Fatalf("esc in filter left %d rows, want 100", len(m.data.View()))
	}
}

func TestUnrestorableCannotBeMarked(t *testing.T) {
	bin := &fakeBin{items: makeItems(20)}
	m := loaded(t, bin, 80, 24, nil)
	// Item 9 is not restorable: move there and try.
	for m.data.Items()[m.cursorItem()].Restorable() {
		press(t, m, "down")
	}
	press(t, m, " ")
	if m.data.MarkCount() != 0 {
		t.Fatal("an unrestorable item was marked")
	}
	if !strings.Contains(m.status, "permission") {
		t.Fatalf("status %q does not say why", m.status)
	}
}

func TestRangeMark(t *testing.T) {
	bin := &fakeBin{items: makeItems(30)}
	m := loaded(t, bin, 80, 24, nil)
	press(t, m, "v", "down", "down", "down", "down", "v")
	if m.data.MarkCount() != 5 {
		t.Fatalf("range of 5 restorable rows marked %d", m.data.MarkCount())
	}
}

func TestNavigationKeys(t *testing.T) {
	bin := &fakeBin{items: makeItems(200)}
	m := loaded(t, bin, 80, 24, nil)
	rows := m.layout().rows
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0},
		{"pgdown", rows}, {"pgup", 0}, {"ctrl+d", rows / 2}, {"ctrl+u", 0},
		{"G", 199}, {"g", 0}, {"end", 199}, {"home", 0},
	}
	for _, s := range steps {
		press(t, m, s.key)
		if m.table.Cursor() != s.want {
			t.Fatalf("after %q cursor = %d, want %d", s.key, m.table.Cursor(), s.want)
		}
		if m.table.Cursor() < m.table.Offset() || m.table.Cursor() >= m.table.Offset()+rows {
			t.Fatalf("after %q cursor %d outside window [%d,%d)", s.key, m.table.Cursor(), m.table.Offset(), m.table.Offset()+rows)
		}
	}
}

func TestViewKeys(t *testing.T) {
	bin := &fakeBin{items: makeItems(10)}
	var copied []string
	m := loaded(t, bin, 80, 30, func(o *Options) {
		o.Clipboard = func(s string) error { copied = append(copied, s); return nil }
	})
	if m.showDetails {
		t.Fatal("details should start hidden below 120 columns")
	}
	press(t, m, "tab")
	if !m.showDetails || !strings.Contains(m.View(), "recycledItemId") && !strings.Contains(m.View(), "1000") {
		t.Fatal("tab should show details with the id")
	}
	press(t, m, "d")
	if m.showDetails {
		t.Fatal("d toggles details off")
	}
	press(t, m, "T")
	if !m.absTime || !strings.Contains(m.View(), "2026-11-23") {
		t.Fatalf("T should show absolute times:\n%s", m.View())
	}
	press(t, m, "y", "Y")
	if len(copied) != 2 || copied[0] != "/projects/2024/file-00000.jpg" || copied[1] != "1000" {
		t.Fatalf("copied %q", copied)
	}
	press(t, m, "?")
	if !strings.Contains(m.View(), "keys") {
		t.Fatal("? shows help")
	}
	press(t, m, "?")
	bin2 := &fakeBin{items: makeItems(10)}
	m2 := loaded(t, bin2, 80, 24, nil)
	bin2.items = makeItems(12)
	press(t, m2, "ctrl+r")
	if len(m2.data.Items()) != 12 {
		t.Fatalf("ctrl+r reloaded %d items, want 12", len(m2.data.Items()))
	}
	_, cmd := m2.Update(keyMsg("q"))
	if cmd == nil || execCmd(cmd) == nil {
		t.Fatal("q should quit")
	}
}

func TestErrorTextNamesCode(t *testing.T) {
	err := &api.APIError{Status: 403, Code: "InvalidAccessToken"}
	if s := errorText(err); !strings.Contains(s, "InvalidAccessToken") || !strings.Contains(s, "SMH_ACCESS_TOKEN") {
		t.Fatalf("errorText = %q", s)
	}
	if s := errorText(errors.New("x\x1b[2J")); strings.Contains(s, "\x1b") {
		t.Fatalf("errorText leaks ESC: %q", s)
	}
}

// TestBatchedRunesActAsSeparateKeys: "jjj" arriving in one read moves
// three rows, but typed into the filter it stays text.
func TestBatchedRunesActAsSeparateKeys(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(20)}, 80, 24, nil)
	press(t, m, "jjj")
	if m.table.Cursor() != 3 {
		t.Fatalf("cursor %d after a batched \"jjj\", want 3", m.table.Cursor())
	}
	press(t, m, "/", "file")
	if got := m.filter.Value(); got != "file" {
		t.Fatalf("filter %q, want the runes as text", got)
	}
}

func TestTruncLeftNeverOverflowsOnWideRunes(t *testing.T) {
	for w := 1; w < 30; w++ {
		for _, s := range []string{"/项目/2025/研发部/测试报告/终稿", "/a/京都旅行/b", "abcdef"} {
			got := truncLeft(s, w)
			if ansi.StringWidth(got) > w {
				t.Fatalf("truncLeft(%q, %d) = %q, %d cells", s, w, got, ansi.StringWidth(got))
			}
		}
	}
	if got := truncLeft("/项目/2025/研发部/测试报告/终稿", 16); !strings.HasSuffix(got, "终稿") {
		t.Fatalf("the end of the path was lost: %q", got)
	}
}

// TestRestoredMarkedRowCanBeUnmarked: a row restored while still marked
// (mid-run) can be unmarked, but not marked again.
func TestRestoredMarkedRowCanBeUnmarked(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(5)}, 80, 24, nil)
	press(t, m, " ", "up")
	idx := m.cursorItem()
	m.setOutcome(m.data.Items()[idx].ID, outcome{kind: api.Restored})
	press(t, m, " ", "up")
	if m.data.Marked(idx) || m.data.MarkCount() != 0 {
		t.Fatal("space did not unmark a restored row")
	}
	press(t, m, " ")
	if m.data.Marked(idx) || !strings.Contains(m.status, "already restored") {
		t.Fatalf("a restored row was marked again (status %q)", m.status)
	}
}

// TestClockRefreshesCachedRelativeTimes: cached rows are redrawn once the
// minute changes, so a row never keeps saying "now" an hour later.
func TestClockRefreshesCachedRelativeTimes(t *testing.T) {
	now := testNow
	m := loaded(t, &fakeBin{items: makeItems(5)}, 100, 24, func(o *Options) { o.Now = func() time.Time { return now } })
	press(t, m, "down")
	if !strings.Contains(m.View(), " now ") {
		t.Fatal("first row should say now")
	}
	now = now.Add(time.Hour)
	m.Update(statusMsg{text: "tick"}) // any message: a key, a page, a spinner tick
	if v := m.View(); strings.Contains(v, " now ") || !strings.Contains(v, "1 hour ago") {
		t.Fatalf("an hour later the cached row is stale:\n%s", v)
	}
}
