package api

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"smhbin/api/fakesmh"
)

// itemRef is Item in the API's shape for encoding/json: the reference
// that AppendJSON must match byte for byte (it was MarshalJSON's way).
type itemRef struct {
	ID               int64           `json:"recycledItemId"`
	Name             string          `json:"name"`
	OriginalPath     []string        `json:"originalPath"`
	SpaceID          string          `json:"spaceId,omitempty"`
	Size             string          `json:"size"`
	Type             string          `json:"type"`
	FileType         string          `json:"fileType,omitempty"`
	PreviewByDoc     bool            `json:"previewByDoc"`
	PreviewByCI      bool            `json:"previewByCI"`
	PreviewAsIcon    bool            `json:"previewAsIcon"`
	CreationTime     string          `json:"creationTime,omitempty"`
	ModificationTime string          `json:"modificationTime,omitempty"`
	RemovalTime      string          `json:"removalTime,omitempty"`
	RemainingTime    int64           `json:"remainingTime"`
	AuthorityList    *wireAuthority  `json:"authorityList,omitempty"`
	ButtonsJSON      json.RawMessage `json:"authorityButtonList,omitempty"`
	CRC64            string          `json:"crc64,omitempty"`
}

func referenceItemJSON(t testing.TB, it *Item) []byte {
	t.Helper()
	o := itemRef{
		ID: it.ID, Name: it.Name, OriginalPath: it.OriginalPath, SpaceID: it.SpaceID,
		Size: strconv.FormatUint(it.Size, 10), Type: it.Type, FileType: it.FileType,
		PreviewByDoc: it.PreviewByDoc, PreviewByCI: it.PreviewByCI, PreviewAsIcon: it.PreviewAsIcon,
		CreationTime: fmtTime(it.CreationTime), ModificationTime: fmtTime(it.ModificationTime),
		RemovalTime: fmtTime(it.RemovalTime), RemainingTime: it.RemainingDays, CRC64: it.CRC64,
	}
	if it.HasAuthority {
		a := wireAuthority(it.Authority)
		o.AuthorityList = &a
	}
	if len(it.Buttons) > 0 {
		// An object of the flags in their order, names through json.Marshal.
		var b bytes.Buffer
		b.WriteByte('{')
		for i, f := range it.Buttons {
			if i > 0 {
				b.WriteByte(',')
			}
			name, _ := json.Marshal(f.Name)
			b.Write(name)
			b.WriteString(":" + strconv.FormatBool(f.On))
		}
		b.WriteByte('}')
		o.ButtonsJSON = b.Bytes()
	}
	out, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	srv := fakesmh.New(fakesmh.Options{Items: 2000, Seed: 3, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c, err := New(Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	for mk := Marker(""); ; {
		p, err := c.List(t.Context(), ListQuery{Marker: mk, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, p.Items...)
		if mk = p.NextMarker; mk == "" {
			break
		}
	}
	when := time.Date(2026, 3, 14, 6, 30, 0, 123e6, time.FixedZone("CST", 8*3600))
	awkward := []string{"", "报告.docx", "<b>&</b>", `q"b\`, "tab\t", "\x1b[31m", "\u2028", "\xff", "🚀"}
	for i, s := range awkward {
		items = append(items, Item{
			ID: int64(1)<<53 + int64(i), Name: s, OriginalPath: []string{s, "dir " + s}, SpaceID: s,
			Size: 1<<64 - 1, Type: s, FileType: s, PreviewByCI: i%2 == 0, CreationTime: when,
			RemainingDays: -int64(i), Authority: Authority{CanDelete: i%3 == 0}, HasAuthority: i%2 == 1,
			Buttons: Flags{{Name: "showRestoreButton", On: true}, {Name: s, On: i%2 == 0}}, CRC64: s,
		})
	}
	items = append(items, Item{}, Item{OriginalPath: []string{}, Buttons: Flags{}})
	if len(items) < 2000 {
		t.Fatalf("%d items", len(items))
	}
	for i := range items {
		want := referenceItemJSON(t, &items[i])
		if got := items[i].AppendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("item %d:\n got %s\nwant %s", i, got, want)
		}
		if got, err := json.Marshal(items[i]); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("json.Marshal of item %d: %v\n got %s\nwant %s", i, err, got, want)
		}
	}
}

// BenchmarkItemJSON writes a seeded page's items, by AppendJSON and by
// encoding/json on the reference shape (MarshalJSON's way before).
func BenchmarkItemJSON(b *testing.B) {
	srv := fakesmh.New(fakesmh.Options{Items: 1000, Seed: 1, LibraryID: "lib", Token: "tok"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c, _ := New(Config{Endpoint: hs.URL, LibraryID: "lib", Token: "tok"})
	p, err := c.List(b.Context(), ListQuery{Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for i := range p.Items {
				buf = p.Items[i].AppendJSON(buf[:0])
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(p.Items)), "ns/item")
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for i := range p.Items {
				referenceItemJSON(b, &p.Items[i])
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(p.Items)), "ns/item")
	})
}
