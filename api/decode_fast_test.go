package api

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"smhbin/api/fakesmh"
)

// emulatorPage returns the raw first page of n items from the emulator:
// the realistic fixture (CJK names, deep paths, every field).
func emulatorPage(tb testing.TB, n int) []byte {
	tb.Helper()
	hs := httptest.NewServer(fakesmh.New(fakesmh.Options{Items: n + 1, LibraryID: "lib", Token: "tok"}))
	defer hs.Close()
	resp, err := http.Get(fmt.Sprintf("%s/api/v1/recycled/lib/-?access_token=tok&limit=%d", hs.URL, n))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		tb.Fatalf("emulator page: %d %v", resp.StatusCode, err)
	}
	return b
}

// sameDecode checks that decodePage and the reference agree on b, and
// reports whether the fast path took it.
func sameDecode(t *testing.T, b []byte) bool {
	t.Helper()
	_, fast := fastPage(b, NewInterner())
	got, gotErr := decodePage(b)
	want, wantErr := decodeReference(b)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
		t.Fatalf("decoders disagree on %q (fast path %v):\n got %+v, %v\nwant %+v, %v", b, fast, got, gotErr, want, wantErr)
	}
	if fast && wantErr != nil {
		t.Fatalf("the fast path accepted what the reference rejects (%v): %q", wantErr, b)
	}
	return fast
}

func TestFastDecodeTakesRealisticPages(t *testing.T) {
	for _, b := range [][]byte{emulatorPage(t, 300), benchPage(50)} {
		if !sameDecode(t, b) {
			t.Fatal("the fast path gave up on a plain page")
		}
	}
	fixture, err := os.ReadFile("testdata/page.json")
	if err != nil {
		t.Fatal(err)
	}
	sameDecode(t, fixture)
}

// randomValue is a JSON value for field, sometimes well formed for it,
// sometimes not.
func randomValue(r *rand.Rand, field string) string {
	pick := func(vs ...string) string { return vs[r.IntN(len(vs))] }
	switch field {
	case "recycledItemId", "remainingTime", "totalNum":
		return pick(`9007199254740993`, `"9007199254740993"`, `12`, `-3`, `"7"`, `null`, `""`, `1.5`, `"x"`,
			`9223372036854775807`, `9223372036854775808`, `true`, `1e3`)
	case "size":
		return pick(`"18446744073709551615"`, `3178496`, `""`, `"-1"`, `null`, `{}`, `"12"`)
	case "nextMarker", "crc64":
		return pick(`1013`, `"abc+/=%20"`, `"a\"b\u00e9"`, `null`, `123456789012345678901234567890`, `[1]`, `""`, `-0.5e+2`)
	case "name", "spaceId", "type", "fileType":
		return pick(`"初始化图片2.jpg"`, `"file"`, `"dir"`, `"odd\u0007name"`, `"tab\tesc"`, "\"\xff\"", `null`, `5`,
			`"image"`, `"Ünïcode 名前"`, `"a\\b"`, `"\ud800"`)
	case "originalPath":
		return pick(`["项目","2024","a.jpg"]`, `[]`, `null`, `["a\"b","c"]`, `[null]`, `"a/b"`, `[ "x" , "y" ]`, `["a",1]`)
	case "previewByDoc", "previewByCI", "previewAsIcon":
		return pick(`true`, `false`, `null`, `"yes"`, `0`)
	case "creationTime", "modificationTime", "removalTime":
		return pick(`"2021-07-16T07:15:36.000Z"`, `"2021-07-16T07:15:36+08:00"`, `""`, `null`, `"2021-02-30T00:00:00.000Z"`, `1626000000`)
	case "authorityList":
		return pick(`{"canDelete":true,"canRestore":false}`, `null`, `{}`, `{"canRestore":"no"}`, `{"CanRestore":true}`, `[]`, `{"x":[1,{}]}`)
	case "authorityButtonList":
		return pick(`{"showRestoreButton":false,"showDeleteButton":true,"showViewButton":true,"showAButton":false}`,
			`null`, `{}`, `{"a":true,"a":false}`, `{"a":1}`, `[]`, `{"showShareButton":null}`)
	}
	return pick(`{"nested":[1,2,{"x":null}]}`, `"s"`, `-0.0e-7`, `[]`, `01`, `tru`, `{"a":}`, `"\u12"`)
}

// randomPage builds a page of random items from those values, with
// random key spellings, duplicates, unknown keys and whitespace.
func randomPage(r *rand.Rand) []byte {
	keys := append([]string{"futureField", "RecycledItemId", "NAME", "naMe", "ſize"}, itemKeys...)
	var b strings.Builder
	ws := func() {
		if r.IntN(4) == 0 {
			b.WriteString(" \n")
		}
	}
	b.WriteString("{")
	fmt.Fprintf(&b, `"totalNum":%s,"nextMarker":%s,`, randomValue(r, "totalNum"), randomValue(r, "nextMarker"))
	if r.IntN(10) == 0 {
		b.WriteString(`"contents":null}`)
		return []byte(b.String())
	}
	b.WriteString(`"contents":[`)
	for i := range r.IntN(6) {
		if i > 0 {
			b.WriteString(",")
		}
		ws()
		fmt.Fprintf(&b, `{"recycledItemId":%s`, randomValue(r, "recycledItemId"))
		for range r.IntN(12) {
			k := keys[r.IntN(len(keys))]
			if r.IntN(3) > 0 {
				k = itemKeys[1+r.IntN(len(itemKeys)-1)]
			}
			b.WriteString(",")
			ws()
			fmt.Fprintf(&b, `"%s":`, k)
			ws()
			b.WriteString(randomValue(r, k))
		}
		b.WriteString("}")
	}
	b.WriteString("]")
	ws()
	b.WriteString("}")
	if r.IntN(20) == 0 {
		b.WriteString(" x")
	}
	return []byte(b.String())
}

func TestFastDecodeMatchesReferenceOnRandomPages(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	const n = 20000
	for range n {
		if sameDecode(t, randomPage(r)) {
			fast++
		}
	}
	if fast < n/20 {
		t.Fatalf("only %d of %d random pages took the fast path: the test no longer exercises it", fast, n)
	}
}

func FuzzDecodePageDifferential(f *testing.F) {
	seed, err := os.ReadFile("testdata/page.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(benchPage(2))
	f.Add(emulatorPage(f, 3))
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomPage(r))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameDecode(t, b) })
}

// BenchmarkDecodeEmulatorPage decodes a 1,000-item page of the
// emulator's (CJK names, deep paths, every field), with the reference
// decoder (encoding/json, the decoder before the fast path) and with
// decodePage, in one run.
func BenchmarkDecodeEmulatorPage(b *testing.B) {
	body := emulatorPage(b, 1000)
	b.Run("reference", func(b *testing.B) {
		benchDecode(b, body, 1000, func(body []byte, _ *Interner) (Page, error) { return decodeReference(body) })
	})
	b.Run("fast", func(b *testing.B) { benchDecode(b, body, 1000, decodePageWith) })
}

// benchDecode decodes body (of items items) with one Interner for the
// whole run, as a listing does, and reports the cost per item.
func benchDecode(b *testing.B, body []byte, items int, decode func([]byte, *Interner) (Page, error)) {
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	in := NewInterner()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	for b.Loop() {
		p, err := decode(body, in)
		if err != nil || len(p.Items) != items {
			b.Fatalf("decode: %d items, %v", len(p.Items), err)
		}
	}
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	b.ReportMetric(float64(ms.Mallocs-mallocs)/float64(b.N*items), "allocs/item")
}

// usualForm reports whether s is exactly 2006-01-02T15:04:05.000Z in shape.
func usualForm(s string) bool {
	const shape = "dddd-dd-ddTdd:dd:dd.dddZ"
	if len(s) != len(shape) {
		return false
	}
	for i := range len(s) {
		if shape[i] == 'd' && (s[i] < '0' || s[i] > '9') || shape[i] != 'd' && s[i] != shape[i] {
			return false
		}
	}
	return true
}

// parseMillisUTC computes the time itself; it must agree with time.Parse
// on every date it accepts and refuse the dates time.Parse refuses.
func TestParseMillisUTCMatchesTimeParse(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200_000 {
		s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", r.IntN(10000), r.IntN(14), r.IntN(33), r.IntN(25), r.IntN(61), r.IntN(61), r.IntN(1000))
		if r.IntN(4) == 0 { // a stray byte anywhere
			b := []byte(s)
			b[r.IntN(len(b))] = byte(r.IntN(256))
			s = string(b)
		}
		got, ok := parseMillisUTC([]byte(s))
		want, err := time.Parse(time.RFC3339Nano, s)
		// It may leave a form to time.Parse (flexTime then calls it), but
		// what it accepts must be what time.Parse makes of it.
		if ok && (err != nil || got != want.UTC()) || !ok && err == nil && usualForm(s) {
			t.Fatalf("%s: got %v %v, time.Parse %v %v", s, got, ok, want.UTC(), err)
		}
	}
}
