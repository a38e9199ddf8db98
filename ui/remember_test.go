package ui

import (
	"encoding/json"
	"strings"
	"testing"

	"smhbin/ui/bindata"
)

// TestStateRoundTrip: a sort, the time format, the details pane and the
// view left in one run come back in the next, for the same library.
func TestStateRoundTrip(t *testing.T) {
	m := loaded(t, &fakeBin{items: makeItems(20)}, 80, 24, nil)
	press(t, m, "s", "s", "T", "tab", "f")
	b, err := json.Marshal(m.Remembered())
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseState(b, "testlib")
	if err != nil || r == nil {
		t.Fatalf("parse: %v, %v", r, err)
	}
	m2 := loaded(t, &fakeBin{items: makeItems(20)}, 80, 24, func(o *Options) { o.Remembered = r })
	if m2.sortKey != bindata.SortSize || !m2.desc || !m2.absTime || !m2.showDetails || m2.vmode != viewFolders {
		t.Fatalf("restored sort %v desc %v abs %v details %v view %v", m2.sortKey, m2.desc, m2.absTime, m2.showDetails, m2.vmode)
	}
	if !strings.Contains(m2.render(), "SIZE ▼") {
		t.Fatal("the restored sort is not on screen")
	}
}

// TestStateBadInputIsIgnored: garbage, a huge state, another library's,
// another version or unknown values are refused with a reason (for the
// log), never a crash.
func TestStateBadInputIsIgnored(t *testing.T) {
	cases := map[string]string{
		"garbage":       "\x00\xffnot json",
		"huge":          `{"version":1,"library":"lib","order_by":"name","view":"table","x":"` + strings.Repeat("a", 5000) + `"}`,
		"other library": `{"version":1,"library":"other","order_by":"name","view":"table"}`,
		"other version": `{"version":2,"library":"lib","order_by":"name","view":"table"}`,
		"unknown sort":  `{"version":1,"library":"lib","order_by":"colour","view":"table"}`,
		"unknown view":  `{"version":1,"library":"lib","order_by":"name","view":"graph"}`,
		"wrong types":   `{"version":"1","library":3}`,
		"a list":        `[1,2,3]`,
	}
	for name, body := range cases {
		if r, err := ParseState([]byte(body), "lib"); r != nil || err == nil {
			t.Errorf("%s: got %+v, %v; want nothing and a reason", name, r, err)
		}
	}
	r, err := ParseState([]byte(`{"version":1,"library":"lib","order_by":"name","view":"batches"}`), "lib")
	if err != nil || r.View != "batches" {
		t.Fatalf("good state: %+v, %v", r, err)
	}
}
