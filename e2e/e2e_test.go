package e2e

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dustin/go-humanize"
)

// maxPresses keeps every row the tests mark within the first screenful,
// even after the restore progress line takes a row.
const maxPresses = 20

// filterCandidates are ASCII substrings of seeded names; the test uses the
// first that suits the bin at hand (see pickFilter).
var filterCandidates = []string{"Screenshot", "IMG_", "DSC", "Scan", "Invoice", "Report"}

// TestBrowseFilterMarkQuit loads a bin of 600 items, filters it, marks
// three rows, clears the marks and quits.
func TestBrowseFilterMarkQuit(t *testing.T) {
	t.Parallel()
	bin, tmuxPath := needBinary(t)
	emu := startEmulator(t, bin, "--items", "600", "--seed", "1", "--latency", "20ms")
	if emu.items != 600 {
		t.Fatalf("fake-server reports %d items, want 600", emu.items)
	}
	items := emu.list(t)
	if len(items) != emu.items {
		t.Fatalf("smhbin list --json gave %d items, the emulator reports %d", len(items), emu.items)
	}
	sub, matches := pickFilter(t, items)
	t.Logf("filter %q matches %d of %d items", sub, len(matches), len(items))
	tm := newTerm(t, tmuxPath, emu.token, emu.vars(), bin)

	s := waitLoaded(tm, emu)
	if rows := s.filled(); len(rows) < 10 {
		t.Fatalf("only %d rows shown for %d items:\n%s", len(rows), len(items), s)
	}
	checkOrder(t, s, items)

	// Filter: every keystroke narrows the view; the prompt counts matches.
	tm.typeText("/")
	tm.waitFor("the filter prompt", func(s screen) bool { return strings.HasPrefix(s.bottom(), "/ ") })
	tm.typeText(sub)
	count := fmt.Sprintf("%d/%d", len(matches), len(items))
	s = tm.waitFor("the prompt to count "+count, func(s screen) bool {
		b := strings.TrimSpace(s.bottom())
		return strings.HasPrefix(b, "/ "+sub) && strings.HasSuffix(b, " "+count)
	})
	rows := s.filled()
	if want := min(len(matches), len(s.rows())); len(rows) != want {
		t.Fatalf("filter %q shows %d rows, want %d:\n%s", sub, len(rows), want, s)
	}
	for i, r := range rows {
		if !strings.Contains(strings.ToLower(r), strings.ToLower(sub)) {
			t.Errorf("row %d does not contain %q: %q", i, sub, r)
		}
	}
	checkOrder(t, s, matches)

	tm.keys("Enter")
	tm.waitFor("the filter to be kept", func(s screen) bool {
		return !strings.HasPrefix(s.bottom(), "/ ") && strings.Contains(s.status(), "filter “"+sub+"” "+count)
	})

	presses, marked := plan(t, matches, 3)
	markFromTop(tm, presses, marked, matches)

	// esc in the table clears the marks.
	tm.keys("Escape")
	s = tm.waitFor("the marks to clear", func(s screen) bool {
		return !strings.Contains(s.status(), "marked") && len(s.markedRows()) == 0
	})
	if !strings.Contains(s.status(), "filter “"+sub+"”") {
		t.Errorf("clearing the marks dropped the filter; status: %q", s.status())
	}

	quit(t, tm)
}

// TestRestoreThree marks the first three restorable rows of a 300-item bin,
// restores them and checks both the screen and the emulator's state.
func TestRestoreThree(t *testing.T) {
	t.Parallel()
	bin, tmuxPath := needBinary(t)
	emu := startEmulator(t, bin, "--items", "300", "--seed", "8", "--latency", "20ms")
	items := emu.list(t)
	if len(items) != emu.items || len(items) != 300 {
		t.Fatalf("smhbin list --json gave %d items, the emulator reports %d, want 300", len(items), emu.items)
	}
	presses, chosen := plan(t, items, 3)
	t.Logf("%d presses of space mark rows %v", presses, chosen)
	tm := newTerm(t, tmuxPath, emu.token, emu.vars(), bin)

	s := waitLoaded(tm, emu)
	if strings.Contains(s.status(), "filter “") {
		t.Fatalf("a filter is active at start: %q", s.status())
	}
	checkOrder(t, s, items)
	markFromTop(tm, presses, chosen, items)

	var bytes uint64
	for _, i := range chosen {
		bytes += items[i].Size
	}
	tm.typeText("r")
	tm.waitFor("the restore dialog", func(s screen) bool {
		return s.contains("Restore 3 items · "+humanize.Bytes(bytes)) && s.contains("y/enter restore")
	})
	tm.typeText("y")
	summary := regexp.MustCompile(`^ restored (\d+) of 3\b`)
	s = tm.waitFor("the restore summary", func(s screen) bool {
		p, ok := s.progress()
		return ok && summary.MatchString(p)
	})
	p, _ := s.progress()
	restored, _ := strconv.Atoi(summary.FindStringSubmatch(p)[1])
	t.Logf("summary:%s", p)

	after := emu.list(t)
	left := make(map[int64]bool, len(after))
	for _, it := range after {
		left[it.ID] = true
	}
	failedRow := regexp.MustCompile(`✗ (DirectoryNotFound|SourceFileNotFound) — `)
	rows, gone := s.rows(), 0
	for _, i := range chosen {
		it, row := items[i], rows[i]
		if !showsName(row, it.Name) {
			t.Fatalf("row %d should show %q: %q", i, it.Name, row)
		}
		if left[it.ID] {
			// Only an item whose folder or link target is gone may stay.
			if !failedRow.MatchString(row) {
				t.Errorf("item %d (%s) is still in the bin but its row does not show why: %q", it.ID, it.Name, row)
			}
			continue
		}
		gone++
		if !strings.Contains(row, "✓") {
			t.Errorf("item %d (%s) left the bin but its row shows no ✓: %q", it.ID, it.Name, row)
		}
	}
	if gone != restored {
		t.Errorf("the summary says %d restored, the emulator lost %d of the chosen items:\n%s", restored, gone, s)
	}
	if restored == 0 {
		t.Errorf("nothing was restored:\n%s", s)
	}
	if want := len(items) - gone; len(after) != want {
		t.Errorf("the bin has %d items after the restore, want %d", len(after), want)
	}
	for _, it := range items {
		if !left[it.ID] && !slices.ContainsFunc(chosen, func(i int) bool { return items[i].ID == it.ID }) {
			t.Errorf("item %d (%s) left the bin without being marked", it.ID, it.Name)
		}
	}

	quit(t, tm)
}

// pickFilter chooses a filter substring that matches some but not all
// items, only at the start of their names (so every matching row shows it
// however the name column is cut), with three restorable matches near the
// top. It returns the substring and the matching items in list order.
func pickFilter(t *testing.T, items []binItem) (string, []binItem) {
	t.Helper()
	var tried []string
	for _, sub := range filterCandidates {
		low := strings.ToLower(sub)
		var matches []binItem
		prefixOnly := true
		for _, it := range items {
			if strings.Contains(it.haystack(), low) {
				matches = append(matches, it)
				prefixOnly = prefixOnly && strings.HasPrefix(strings.ToLower(it.Name), low)
			}
		}
		tried = append(tried, fmt.Sprintf("%s: %d", sub, len(matches)))
		if !prefixOnly || len(matches) >= len(items) || restorableWithin(matches, 3) < 0 {
			continue
		}
		return sub, matches
	}
	t.Fatalf("no filter candidate suits this bin (%s); add one that does", strings.Join(tried, ", "))
	return "", nil
}

// restorableWithin returns how many presses of space from the top mark n
// restorable items, or -1 when that takes more than maxPresses.
func restorableWithin(items []binItem, n int) int {
	for i, it := range items {
		if i >= maxPresses {
			break
		}
		if it.Authority.CanRestore {
			n--
			if n == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// plan returns how many presses of space from the top mark n items and
// the indexes of the items they mark: space skips (with a message) rows
// the server will not let us restore.
func plan(t *testing.T, items []binItem, n int) (int, []int) {
	t.Helper()
	presses := restorableWithin(items, n)
	if presses < 0 {
		t.Fatalf("fewer than %d restorable items among the first %d; pick another seed", n, maxPresses)
	}
	var marked []int
	for i := range presses {
		if items[i].Authority.CanRestore {
			marked = append(marked, i)
		}
	}
	return presses, marked
}

// waitLoaded waits until the whole bin is listed and checks the frame.
func waitLoaded(tm *term, emu *emulator) screen {
	tm.t.Helper()
	want := regexp.MustCompile(`^ ` + regexp.QuoteMeta(humanize.Comma(int64(emu.items))) + ` items( │|$)`)
	s := tm.waitFor(fmt.Sprintf("%d items loaded", emu.items), func(s screen) bool {
		return s.header() >= 0 && want.MatchString(s.status())
	})
	if title := "smhbin recycle bin · " + emu.library; !strings.HasPrefix(strings.TrimSpace(s.line(0)), title) {
		tm.t.Fatalf("title line is %q, want it to start with %q", s.line(0), title)
	}
	if s.cursorRow() != 0 {
		tm.t.Fatalf("the cursor is not on the first row:\n%s", s)
	}
	return s
}

// checkOrder checks that the filled rows show items in order.
func checkOrder(t *testing.T, s screen, items []binItem) {
	t.Helper()
	for i, r := range s.filled() {
		if i >= len(items) {
			t.Fatalf("row %d shown beyond the %d expected items: %q", i, len(items), r)
		}
		if !showsName(r, items[i].Name) {
			t.Fatalf("row %d should show %q: %q\n%s", i, items[i].Name, r, s)
		}
	}
}

// markFromTop presses space `presses` times from the first row, waiting
// for the cursor to move each time, then checks that exactly the rows in
// marked are marked and the status line totals them.
func markFromTop(tm *term, presses int, marked []int, items []binItem) {
	tm.t.Helper()
	for i := range presses {
		tm.keys("Space")
		skipped := !items[i].Authority.CanRestore
		tm.waitFor(fmt.Sprintf("the cursor on row %d (skipped: %v)", i+1, skipped), func(s screen) bool {
			return s.cursorRow() == i+1 && (!skipped || strings.Contains(s.status(), "cannot be restored"))
		})
	}
	var bytes uint64
	for _, i := range marked {
		bytes += items[i].Size
	}
	want := fmt.Sprintf("● %d marked · %s", len(marked), humanize.Bytes(bytes))
	s := tm.waitFor(want, func(s screen) bool { return strings.Contains(s.status(), want) })
	if got := s.markedRows(); !slices.Equal(got, marked) {
		tm.t.Fatalf("marked rows are %v, want %v:\n%s", got, marked, s)
	}
}

// quit presses q and checks that the program leaves the alternate screen
// and exits with status 0.
func quit(t *testing.T, tm *term) {
	t.Helper()
	tm.typeText("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("smhbin exited with status %d; screen:\n%s", code, tm.capture())
	}
	if s := tm.capture(); s.header() >= 0 || s.contains("smhbin recycle bin") {
		t.Fatalf("the UI is still on screen after quitting:\n%s", s)
	}
}
