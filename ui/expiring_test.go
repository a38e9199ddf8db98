package ui

import (
	"slices"
	"strings"
	"testing"

	"smhbin/api"
)

// daysItems are items whose days left are given, in listing order.
func daysItems(days ...int64) []api.Item {
	items := makeItems(len(days))
	for i, d := range days {
		items[i].RemainingDays = d
		items[i].Authority.CanRestore = true
	}
	return items
}

func viewIDs(m *Model) []int64 {
	var ids []int64
	for _, idx := range m.data.View() {
		ids = append(ids, m.data.Items()[idx].ID)
	}
	return ids
}

func TestExpiringFilter(t *testing.T) {
	// ids 1000…1007
	items := daysItems(10, 3, 0, 4, 1, 3, 30, 2)
	cases := []struct {
		name string
		days int64
		want []int64 // by days left, then id
	}{
		{"default ≤3 days", 0, []int64{1002, 1004, 1007, 1001, 1005}},
		{"≤1 day", 1, []int64{1002, 1004}},
		{"≤10 days", 10, []int64{1002, 1004, 1007, 1001, 1005, 1003, 1000}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := loaded(t, &fakeBin{items: items}, 100, 24, func(o *Options) { o.ExpiringDays = c.days })
			before := viewIDs(m)
			press(t, m, "e")
			if got := viewIDs(m); !slices.Equal(got, c.want) {
				t.Fatalf("expiring view %v, want %v", got, c.want)
			}
			d := c.days
			if d == 0 {
				d = 3 // the default
			}
			// The sort arrow moves to the days-left column.
			v := m.render()
			mustContain(t, v, "expiring ≤"+itoa(int(d))+"d: "+itoa(len(c.want)), "LEFT ▲")
			if strings.Contains(v, "DELETED ▼") {
				t.Fatalf("the header still shows the listing's sort:\n%s", v)
			}
			press(t, m, "e")
			if got := viewIDs(m); !slices.Equal(got, before) {
				t.Fatalf("after e again the view is %v, want the previous order %v", got, before)
			}
			if strings.Contains(m.render(), "expiring ≤") {
				t.Fatal("the status still shows the expiring filter")
			}
		})
	}
}

// TestExpiringFilterWithTextFilterAndPages: the two filters combine, and
// a page arriving while the filter is on lands in days-left order with
// the cursor still on its item.
func TestExpiringFilterWithTextFilterAndPages(t *testing.T) {
	m := newTestModel(t, &fakeBin{}, 100, 24, nil)
	feedPage(m, 8, false, daysItems(10, 3, 0, 4)...)
	press(t, m, "e")
	if got := viewIDs(m); !slices.Equal(got, []int64{1002, 1001}) {
		t.Fatalf("expiring view %v", got)
	}
	press(t, m, "down") // on 1001
	more := daysItems(0, 0, 0, 0, 1, 3, 30, 2)[4:]
	for i := range more {
		more[i].ID += 10
	}
	feedPage(m, 8, true, more...) // 1014 (1d), 1015 (3d), 1016 (30d), 1017 (2d)
	if got := viewIDs(m); !slices.Equal(got, []int64{1002, 1014, 1017, 1001, 1015}) {
		t.Fatalf("after a page the expiring view is %v", got)
	}
	if it := m.data.Items()[m.cursorItem()]; it.ID != 1001 {
		t.Fatalf("the cursor moved to %d, want it kept on 1001", it.ID)
	}
	press(t, m, "/", "0", "0", "0", "0", "5", "enter") // file-00005.jpg: 1015 (3d); file-00005 is not in page 1
	if got := viewIDs(m); !slices.Equal(got, []int64{1015}) {
		t.Fatalf("both filters show %v, want [1015]", got)
	}
	press(t, m, "/", "esc", "e")
	if got := len(m.data.View()); got != 8 {
		t.Fatalf("%d rows with both filters off, want 8", got)
	}
}

// TestWarningAboutMarksExpiringWithinADay: the count follows every way of
// marking and unmarking, and the status bar warns while it is not zero.
func TestWarningAboutMarksExpiringWithinADay(t *testing.T) {
	m := loaded(t, &fakeBin{items: daysItems(0, 1, 2, 1, 5)}, 120, 24, nil)
	steps := []struct {
		keys []string
		want int
		text string
	}{
		{[]string{" ", " "}, 2, "⚠ 2 marked expire within a day"},
		{[]string{" "}, 2, "⚠ 2 marked expire within a day"}, // 2 days left: no warning for it
		{[]string{"g", " "}, 1, "⚠ 1 marked expires within a day"},
		{[]string{"a"}, 3, "⚠ 3 marked expire within a day"},
		{[]string{"i"}, 0, ""},
		{[]string{"i", "u"}, 0, ""},
	}
	for i, s := range steps {
		press(t, m, s.keys...)
		soon := 0
		for _, idx := range m.data.View() {
			if m.data.Marked(idx) && m.data.Item(idx).RemainingDays <= 1 {
				soon++
			}
		}
		if m.data.MarkSoon() != s.want || soon != s.want {
			t.Fatalf("step %d %v: count %d, recounted %d, want %d", i, s.keys, m.data.MarkSoon(), soon, s.want)
		}
		v := m.render()
		if s.text != "" {
			mustContain(t, v, s.text)
		} else if strings.Contains(v, "within a day") {
			t.Fatalf("step %d: warning shown with no such marks:\n%s", i, v)
		}
	}
}
