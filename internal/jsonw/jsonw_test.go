package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// reference is what encoding/json writes for v.
func reference(t testing.TB, v any, escapeHTML bool) []byte {
	t.Helper()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n"))
}

// awkward are names a real library holds or a hostile user makes: every
// escape encoding/json knows, and the bytes it must not touch.
var awkward = []string{
	"", "plain.txt", "报告 2024.docx", "写真 (1).jpg", "<b>&amp;</b>", `quote " and \ backslash`,
	"tab\there", "nl\nand\rcr", "\x00\x01\x1f\x7f", "\x1b[31mred\x1b[0m", "bell\a\b\f\v",
	"line\u2028sep\u2029para", "bidi\u202Etxt.exe", "bad utf8 \xff\xfe", "cut \xe4\xb8", "emoji 🚀 ok",
	"\ufeffbom", "surrogate \xed\xa0\x80", "crlf\r\n", "'single'", "/", "..", "a<b", "x&y>z",
}

func TestStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range awkward {
		for _, html := range []bool{false, true} {
			if got, want := String(nil, s, html), reference(t, s, html); !bytes.Equal(got, want) {
				t.Errorf("%q (html %v): got %s, want %s", s, html, got, want)
			}
		}
	}
}

func TestStringsMatchesEncodingJSON(t *testing.T) {
	for _, ss := range [][]string{nil, {}, {"a"}, awkward} {
		for _, html := range []bool{false, true} {
			if got, want := Strings(nil, ss, html), reference(t, ss, html); !bytes.Equal(got, want) {
				t.Errorf("%q (html %v): got %s, want %s", ss, html, got, want)
			}
		}
	}
}

// FuzzString checks the fast path against encoding/json on any bytes.
func FuzzString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, html bool) {
		if got, want := String(nil, s, html), reference(t, s, html); !bytes.Equal(got, want) {
			t.Fatalf("%q (html %v): got %s, want %s", s, html, got, want)
		}
	})
}

func TestTimeMatchesFormat(t *testing.T) {
	times := []time.Time{
		time.Unix(0, 0), time.Date(2024, 2, 29, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 1e6, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 29, 2, 30, 0, 5e8, time.FixedZone("CST", 8*3600)), {},
	}
	for i := range 5000 {
		times = append(times, time.Unix(int64(i)*7_919_993+1_600_000_000, int64(i)*104_729_321%1e9))
	}
	for _, tm := range times {
		want := `"` + tm.UTC().Format("2006-01-02T15:04:05.000Z07:00") + `"`
		if got := string(Time(nil, tm)); got != want {
			t.Fatalf("%v: got %s, want %s", tm, got, want)
		}
	}
}
