package api

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func loadPage(t *testing.T) Page {
	t.Helper()
	b, err := os.ReadFile("testdata/page.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := decodePage(b)
	if err != nil {
		t.Fatalf("decodePage: %v", err)
	}
	return p
}

func TestDecodePageFixture(t *testing.T) {
	p := loadPage(t)
	if p.TotalNum != 3 || p.NextMarker != "abc+/=%20 x&y" || len(p.Items) != 3 {
		t.Fatalf("page = total %d, marker %q, %d items", p.TotalNum, p.NextMarker, len(p.Items))
	}
	want := Item{
		ID:               9007199254740993,
		Name:             "初始化图片2.jpg",
		OriginalPath:     []string{"docs", "初始化图片2.jpg"},
		SpaceID:          "spaceX",
		Size:             18446744073709551615,
		Type:             "file",
		FileType:         "powerpoint",
		PreviewByDoc:     true,
		PreviewAsIcon:    true,
		CreationTime:     time.Date(2021, 3, 25, 10, 8, 5, 0, time.UTC),
		ModificationTime: time.Date(2021, 7, 15, 12, 48, 7, 123e6, time.UTC),
		RemovalTime:      time.Date(2021, 7, 16, 7, 15, 36, 0, time.UTC),
		RemainingDays:    42,
		Authority:        Authority{CanDelete: true},
		HasAuthority:     true,
		Buttons:          Flags{{Name: "showRestoreButton", On: false}, {Name: "showDeleteButton", On: true}},
		CRC64:            "1234567890123456789",
	}
	if !reflect.DeepEqual(p.Items[0], want) {
		t.Fatalf("item 0:\n got %+v\nwant %+v", p.Items[0], want)
	}
	if p.Items[0].Restorable() {
		t.Error("canRestore=false must make the item not restorable")
	}
	second := Item{ID: 312, Name: "a dir", OriginalPath: []string{"a dir"}, Size: 3178496, Type: "dir", RemainingDays: 90}
	if !reflect.DeepEqual(p.Items[1], second) {
		t.Fatalf("item 1:\n got %+v\nwant %+v", p.Items[1], second)
	}
	if !p.Items[1].Restorable() {
		t.Error("an item without authorityList must be restorable")
	}
	third := Item{ID: 7, Name: "odd\u0007name", Type: "zipfile", CRC64: "42"}
	if !reflect.DeepEqual(p.Items[2], third) {
		t.Fatalf("item 2:\n got %+v\nwant %+v", p.Items[2], third)
	}
}

func TestDecodeMarker(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"nextMarker":1013}`, "1013"},
		{`{"nextMarker":123456789012345678901234567890}`, "123456789012345678901234567890"},
		{`{"nextMarker":"1013"}`, "1013"},
		{`{"nextMarker":"a\"b\u00e9"}`, `a"bé`},
		{`{"nextMarker":""}`, ""},
		{`{"nextMarker":null}`, ""},
		{`{}`, ""},
	}
	for _, tt := range tests {
		p, err := decodePage([]byte(tt.body))
		if err != nil || p.NextMarker != Marker(tt.want) {
			t.Errorf("%s: marker %q, err %v; want %q", tt.body, p.NextMarker, err, tt.want)
		}
	}
}

func TestDecodeItemErrors(t *testing.T) {
	tests := []struct{ item, field string }{
		{`{"recycledItemId":1.5}`, "recycledItemId"},
		{`{"recycledItemId":"12a"}`, "recycledItemId"},
		{`{"recycledItemId":9223372036854775808}`, "recycledItemId"},
		{`{"recycledItemId":true}`, "recycledItemId"},
		{`{"name":"no id"}`, "recycledItemId"},
		{`{"recycledItemId":1,"size":"-3"}`, "size"},
		{`{"recycledItemId":1,"size":"18446744073709551616"}`, "size"},
		{`{"recycledItemId":1,"size":{}}`, "size"},
		{`{"recycledItemId":1,"remainingTime":"soon"}`, "remainingTime"},
		{`{"recycledItemId":1,"creationTime":"yesterday"}`, "creationTime"},
		{`{"recycledItemId":1,"modificationTime":1626000000}`, "modificationTime"},
		{`{"recycledItemId":1,"removalTime":"2021-02-30T00:00:00.000Z"}`, "removalTime"},
		{`{"recycledItemId":1,"crc64":[1]}`, "crc64"},
		{`{"recycledItemId":1,"type":5}`, "type"},
		{`{"recycledItemId":1,"name":5}`, "name"},
		{`{"recycledItemId":1,"originalPath":"a/b"}`, "originalPath"},
		{`{"recycledItemId":1,"previewByDoc":"yes"}`, "previewByDoc"},
		{`{"recycledItemId":1,"authorityList":{"canRestore":"no"}}`, "canRestore"},
	}
	for _, tt := range tests {
		_, err := decodePage([]byte(`{"contents":[{"recycledItemId":0},` + tt.item + `]}`))
		if err == nil || !strings.Contains(err.Error(), tt.field+`"`) {
			t.Errorf("%s: err = %v, want one naming %q", tt.item, err, tt.field)
		}
		if err != nil && !strings.Contains(err.Error(), "contents") {
			t.Errorf("%s: err = %v, want it to say where", tt.item, err)
		}
	}
	if _, err := decodePage([]byte(`{"contents":[`)); err == nil || !strings.Contains(err.Error(), "malformed JSON") {
		t.Errorf("truncated page: err = %v", err)
	}
}

func TestDecodeTimes(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2021-07-16T07:15:36.000Z"`, time.Date(2021, 7, 16, 7, 15, 36, 0, time.UTC)},
		{`"2021-07-16T07:15:36Z"`, time.Date(2021, 7, 16, 7, 15, 36, 0, time.UTC)},
		{`"2021-07-16T07:15:36.5-01:00"`, time.Date(2021, 7, 16, 8, 15, 36, 5e8, time.UTC)},
		{`"2024-02-29T23:59:59.999Z"`, time.Date(2024, 2, 29, 23, 59, 59, 999e6, time.UTC)},
		{`""`, time.Time{}},
		{`null`, time.Time{}},
	}
	for _, tt := range tests {
		var f flexTime
		if err := f.UnmarshalJSON([]byte(tt.in)); err != nil || f.bad != nil || !f.t.Equal(tt.want) || f.t.Location() != time.UTC {
			t.Errorf("%s: got %v (bad %q), want %v UTC", tt.in, f.t, f.bad, tt.want)
		}
	}
}

func TestItemJSONRoundTrip(t *testing.T) {
	items := loadPage(t).Items
	items = append(items, Item{ID: -1, OriginalPath: []string{}, HasAuthority: true, Authority: Authority{CanRestore: true}})
	for i, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		var back Item
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("item %d: %v\n%s", i, err, b)
		}
		if !reflect.DeepEqual(back, it) {
			t.Fatalf("item %d round trip:\n got %+v\nwant %+v\njson %s", i, back, it, b)
		}
	}
	b, _ := json.Marshal(items[0])
	for _, want := range []string{`"recycledItemId":9007199254740993,`, `"size":"18446744073709551615"`,
		`"removalTime":"2021-07-16T07:15:36.000Z"`, `"remainingTime":42`, `"authorityList":{"canDelete":true,"canRestore":false}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("marshalled item lacks %s:\n%s", want, b)
		}
	}
	b, _ = json.Marshal(&items[1])
	if strings.Contains(string(b), "authorityList") || strings.Contains(string(b), "creationTime") {
		t.Errorf("absent authority or zero time written: %s", b)
	}
}

func TestDecodeInfo(t *testing.T) {
	in, err := decodeInfo([]byte(`{"type":"file","size":"18446744073709551615","crc64":"99","eTag":"\"e\"",
		"creationTime":"2021-03-25T10:08:05.000Z","cosUrlExpiration":"","metaData":{"a":"b","n":5},
		"labels":["x"],"availableCosUrls":null,"extra":{"deep":[1]}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Info{Type: "file", Size: 18446744073709551615, CRC64: "99", ETag: `"e"`,
		CreationTime: time.Date(2021, 3, 25, 10, 8, 5, 0, time.UTC),
		MetaData:     map[string]string{"a": "b", "n": "5"}, Labels: []string{"x"}}
	if !reflect.DeepEqual(in, want) {
		t.Fatalf("got %+v\nwant %+v", in, want)
	}
	if _, err := decodeInfo([]byte(`{"metaData":{"k":{}}}`)); err == nil || !strings.Contains(err.Error(), "metaData.k") {
		t.Fatalf("bad metaData value: err = %v", err)
	}
}

// benchPage builds a list reply of n items shaped like the real API's.
func benchPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"totalNum":34562,"nextMarker":1013,"contents":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"recycledItemId":%d,"originalPath":["photos","2021","IMG_%04d.jpg"],"spaceId":"space1",`+
			`"size":"%d","previewByDoc":true,"previewByCI":true,"previewAsIcon":false,"fileType":"image",`+
			`"name":"IMG_%04d.jpg","type":"file","creationTime":"2021-03-25T10:08:05.000Z",`+
			`"modificationTime":"2021-07-15T12:48:07.000Z","removalTime":"2021-07-16T07:15:36.000Z",`+
			`"remainingTime":%d,"authorityList":{"canDelete":true,"canRestore":true},"crc64":"1234567890"}`,
			100000+i, i, 3178496+i, i, i%90)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// BenchmarkDecodePage decodes a synthetic 1,000-item page (ASCII names);
// BenchmarkDecodeEmulatorPage has the realistic one.
func BenchmarkDecodePage(b *testing.B) {
	benchDecode(b, benchPage(1000), 1000, decodePageWith)
}

func FuzzDecodePage(f *testing.F) {
	seed, err := os.ReadFile("testdata/page.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(benchPage(2))
	f.Add([]byte(`{"nextMarker":"x","contents":[{"recycledItemId":"1","size":1}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodePage(b)
		if err != nil {
			return
		}
		// Whatever decodes must survive our own encoding unchanged.
		for _, it := range p.Items {
			out, err := json.Marshal(it)
			if err != nil {
				t.Fatal(err)
			}
			var back Item
			if err := json.Unmarshal(out, &back); err != nil {
				t.Fatalf("re-decode %s: %v", out, err)
			}
			if back.ID != it.ID || back.Size != it.Size || (utf8.ValidString(it.Name) && back.Name != it.Name) {
				t.Fatalf("round trip changed %+v into %+v", it, back)
			}
		}
	})
}

func FuzzStringList(f *testing.F) {
	for _, s := range []string{`["a","b"]`, ` [ "x" , "" ] `, `[]`, `["\u00e9\"",  "\\"]`, `["\xff"]`, `[1]`, `"a"`, `["a",]`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return // encoding/json rejects the whole reply before we see it
		}
		var want []string
		wantErr := json.Unmarshal(b, &want)
		var got stringList
		if err := got.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
		if (wantErr != nil) != (got.bad != nil) || (wantErr == nil && !reflect.DeepEqual(got.v, want)) {
			t.Fatalf("%q: got %q (bad %q), encoding/json %q (%v)", b, got.v, got.bad, want, wantErr)
		}
	})
}
