package fakesmh

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// referenceJSON is what writeJSON (encoding/json, HTML escaping off) sends.
func referenceJSON(t testing.TB, v any) []byte {
	t.Helper()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// awkwardStrings are names a real library holds or a hostile user makes:
// every escape encoding/json knows, and the bytes it must not touch.
var awkwardStrings = []string{
	"", "plain.txt", "报告 2024.docx", "写真 (1).jpg", "<b>&amp;</b>", `quote " and \ backslash`,
	"tab\there", "nl\nand\rcr", "\x00\x01\x1f\x7f", "\x1b[31mred\x1b[0m", "bell\a\b\f\v",
	"line\u2028sep\u2029para", "bidi\u202Etxt.exe", "bad utf8 \xff\xfe", "cut \xe4\xb8", "emoji 🚀 ok",
	"\ufeffbom", "surrogate \xed\xa0\x80", "crlf\r\n", "'single'", "/", "..",
}

func TestListEncoderMatchesEncodingJSON(t *testing.T) {
	s := New(Options{Items: 3000, Seed: 7})
	var recs []Record
	for i, name := range awkwardStrings {
		r := NewRecord("dir "+name, name)
		r.Size = uint64(i) << 50 // above 2^53 as well
		r.CRC64 = strconv.Itoa(i)
		r.CanDelete = i%2 == 0
		r.PreviewByCI = i%3 == 0
		recs = append(recs, r)
	}
	empty := NewRecord()
	empty.OriginalPath = nil // encoded as null, as encoding/json does
	recs = append(recs, empty)
	s.Add(recs...)

	pages := 0
	for _, spec := range []sortSpec{{}, {field: "name"}, {field: "size", desc: true}} {
		marker := ""
		for {
			page, ok := s.markerPage(marker, 1000, spec)
			if !ok {
				t.Fatalf("marker %q refused", marker)
			}
			pages++
			if got, want := page.appendJSON(nil), referenceJSON(t, page); !bytes.Equal(got, want) {
				t.Fatalf("page after %q differs from encoding/json at byte %d:\n got %.200q\nwant %.200q",
					marker, firstDiff(got, want), got[firstDiff(got, want):], want[firstDiff(got, want):])
			}
			if len(page.NextMarker) == 0 {
				break
			}
			marker = strings.Trim(string(page.NextMarker), `"`)
		}
	}
	if pages < 9 {
		t.Fatalf("walked %d pages, want ≥ 9", pages)
	}
	for _, l := range []wireList{{}, {TotalNum: 3, Contents: []wireItem{}}, {NextMarker: json.RawMessage(`"m:1"`), Contents: []wireItem{{}}}} {
		if got, want := l.appendJSON(nil), referenceJSON(t, l); !bytes.Equal(got, want) {
			t.Errorf("%+v: got %q, want %q", l, got, want)
		}
	}
	endless, _ := s.endlessPage(EndlessPastTotal, "3", 5)
	if got, want := endless.appendJSON(nil), referenceJSON(t, endless); !bytes.Equal(got, want) {
		t.Errorf("endless page: got %q, want %q", got, want)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestWriteListSendsLengthAndType(t *testing.T) {
	l := wireList{TotalNum: 1, Contents: []wireItem{{Name: "报告.pdf", RemovalTime: isoStamp(time.Unix(0, 0))}}}
	rec := httptest.NewRecorder()
	writeList(rec, encodeList(&l))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if n, _ := strconv.Atoi(rec.Header().Get("Content-Length")); n != rec.Body.Len() {
		t.Fatalf("Content-Length %d for a body of %d bytes", n, rec.Body.Len())
	}
	if !bytes.Contains(rec.Body.Bytes(), []byte(`"removalTime":"1970-01-01T00:00:00.000Z"`)) {
		t.Fatalf("body %s", rec.Body.Bytes())
	}
}

// BenchmarkEncodePage times one 1,000-item seeded page, the hand encoder
// against encoding/json (what writeJSON did before).
func BenchmarkEncodePage(b *testing.B) {
	s := New(Options{Items: 1000, Seed: 1})
	page, _ := s.markerPage("", 1000, sortSpec{})
	b.Run("append", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf = page.appendJSON(buf[:0])
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			referenceJSON(b, page)
		}
	})
}
