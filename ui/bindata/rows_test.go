package bindata

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"smhbin/api"
	"smhbin/ui/internal/seed"
)

// hostileItems is n seeded items mixing the emulator's realistic ones
// with every shape a row must still give back exactly: ids beyond 2^53
// and negative, zero, pre-1970, far-future, non-UTC and monotonic times,
// days beyond int16, CRC64s that are not plain decimals, absent, empty
// and odd paths, absent authority and buttons.
func hostileItems(t *testing.T, n int) []api.Item {
	r := rand.New(rand.NewPCG(17, 42))
	real := seed.Items(t, 500)
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	times := []time.Time{
		{}, time.Unix(0, 0).UTC(), time.Date(1960, 1, 1, 0, 0, 0, 7, time.UTC),
		time.Date(2025, 3, 4, 5, 6, 7, 123000000, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("CST", 8*3600)), time.Now(),
		time.Date(1677, 9, 21, 0, 12, 43, 145224192, time.UTC), time.Unix(0, math.MaxInt64).UTC(),
	}
	when := func() time.Time {
		if r.IntN(3) == 0 {
			return times[r.IntN(len(times))]
		}
		return time.Unix(1_700_000_000+r.Int64N(1e8), r.Int64N(1e9)).UTC()
	}
	flagSets := []api.Flags{nil, {}, {{Name: "showRestoreButton", On: true}},
		{{Name: "showRestoreButton", On: false}, {Name: "x\x00y", On: true}}, {{Name: "", On: true}}}
	out := make([]api.Item, n)
	for i := range out {
		it := real[r.IntN(len(real))]
		it.ID = r.Int64() - r.Int64()
		if r.IntN(4) == 0 {
			it.ID = 1<<53 + int64(r.IntN(100))
		}
		it.Name = pick(it.Name, "", "a\x00b", "报告 2024.xlsx", "x/y", string([]byte{0xff, 0xfe}))
		switch r.IntN(8) {
		case 0:
			it.OriginalPath = nil
		case 1:
			it.OriginalPath = []string{}
		case 2:
			it.OriginalPath = []string{"项目", "a/b", "\x00", "other-than-the-name"}
		case 3:
			it.OriginalPath = []string{it.Name}
		default:
			it.OriginalPath = append(slices.Clone(it.OriginalPath[:max(len(it.OriginalPath)-1, 0)]), it.Name)
		}
		it.SpaceID = pick(it.SpaceID, "", "space-"+strconv.Itoa(r.IntN(3)))
		it.Type, it.FileType = pick("dir", "file", "image", ""), pick("", "pdf", "excel")
		it.PreviewByDoc, it.PreviewByCI, it.PreviewAsIcon = r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0
		it.CreationTime, it.ModificationTime, it.RemovalTime = when(), when(), when()
		it.RemainingDays = []int64{0, -1, 30, math.MaxInt16, math.MinInt16, math.MaxInt16 + 1, math.MaxInt32 + 1, math.MinInt64}[r.IntN(8)]
		it.HasAuthority = r.IntN(3) != 0
		it.Authority = api.Authority{CanDelete: r.IntN(2) == 0, CanRestore: r.IntN(2) == 0}
		it.Buttons = flagSets[r.IntN(len(flagSets))]
		it.Size = r.Uint64()
		it.CRC64 = pick("", "0", "007", "18446744073709551615", "18446744073709551616", "abc", "+1",
			strconv.FormatUint(r.Uint64(), 10))
		out[i] = it
	}
	return out
}

// checkRow fails unless row idx of r gives back want, whole and through
// every accessor the views use.
func checkRow(t *testing.T, r *Rows, idx int32, want *api.Item) {
	t.Helper()
	if got := r.Item(idx); !reflect.DeepEqual(got, *want) {
		t.Fatalf("row %d rebuilt\n%#v\nwant\n%#v", idx, got, *want)
	}
	w := r.Row(idx)
	if w.ID != want.ID || w.Name != want.Name || w.Size != want.Size ||
		w.Restorable() != want.Restorable() || w.Deletable() != want.Deletable() {
		t.Fatalf("row %d fields differ from %+v", idx, want)
	}
	if r.RemovalTime(idx) != want.RemovalTime || r.RemainingDays(idx) != want.RemainingDays ||
		r.Type(idx) != want.Type || r.Folder(idx) != want.Folder() || r.PathLen(idx) != len(want.OriginalPath) ||
		!slices.Equal(r.FolderSegs(idx), want.OriginalPath[:max(len(want.OriginalPath)-1, 0)]) ||
		!reflect.DeepEqual(r.Path(idx), want.OriginalPath) {
		t.Fatalf("row %d accessors differ from %+v", idx, want)
	}
}

// TestRowsGiveBackTheItemsAdded: a store keeps compact rows, and an item
// rebuilt from its row is exactly the item added, for realistic and
// hostile items alike.
func TestRowsGiveBackTheItemsAdded(t *testing.T) {
	items := hostileItems(t, 20_000)
	s := New()
	for p := 0; p < len(items); p += 1000 {
		s.Add(items[p : p+1000])
	}
	seen := map[int64]bool{}
	rows := s.Rows()
	for i := range items {
		if seen[items[i].ID] {
			continue // a repeated id is dropped by Add
		}
		seen[items[i].ID] = true
		idx, ok := s.Index(items[i].ID)
		if !ok {
			t.Fatalf("id %d not loaded", items[i].ID)
		}
		checkRow(t, &rows, idx, &items[i])
		if got := s.Item(idx); !reflect.DeepEqual(*got, items[i]) {
			t.Fatalf("Store.Item(%d) differs", idx)
		}
	}
	if len(rows.odd) == 0 || len(rows.odd) == rows.Len() {
		t.Fatalf("%d of %d items kept whole: the test does not exercise both forms", len(rows.odd), rows.Len())
	}
}

// TestRowsCompact: realistic items fit their rows (none kept whole) and
// share their folders and attribute sets.
func TestRowsCompact(t *testing.T) {
	items := seed.Items(t, 5000)
	r := RowsOf(items)
	for i := range items {
		checkRow(t, &r, int32(i), &items[i])
	}
	if len(r.odd) != 0 || len(r.folders) > len(items)/4 || len(r.attrs) > 64 || len(r.places) > len(items)/4 {
		t.Fatalf("%d items kept whole, %d folders, %d attribute sets, %d places for %d items",
			len(r.odd), len(r.folders), len(r.attrs), len(r.places), len(items))
	}
}

// TestRowSize: the row is what a million items cost; keep it at 72 bytes.
func TestRowSize(t *testing.T) {
	if n := unsafe.Sizeof(Row{}); n != 72 {
		t.Fatalf("a Row takes %d bytes, want 72", n)
	}
}

// TestRowsAttrOverflow: past the attribute table's limit, items are kept
// whole and still come back exactly.
func TestRowsAttrOverflow(t *testing.T) {
	items := make([]api.Item, maxAttrs+50)
	for i := range items {
		items[i] = api.Item{ID: int64(i), Name: "f", OriginalPath: []string{"d", "f"}, Type: "t" + strconv.Itoa(i)}
	}
	r := RowsOf(items)
	for i := range items {
		checkRow(t, &r, int32(i), &items[i])
	}
	if len(r.attrs) != maxAttrs || len(r.odd) != 50 {
		t.Fatalf("%d attribute sets, %d items kept whole", len(r.attrs), len(r.odd))
	}
}

// TestListedOrderTracksRemovalOrder: the rows know, as they are added,
// whether they are in removal order, so batches need not scan or sort.
func TestListedOrderTracksRemovalOrder(t *testing.T) {
	at := func(secs ...int64) []api.Item {
		out := make([]api.Item, len(secs))
		for i, s := range secs {
			out[i] = api.Item{ID: int64(i), RemovalTime: time.Unix(s, 0).UTC()}
		}
		return out
	}
	for _, c := range []struct {
		secs []int64
		want int
	}{{nil, -1}, {[]int64{5}, -1}, {[]int64{5, 5}, -1}, {[]int64{9, 5, 5, 1}, -1}, {[]int64{1, 5, 9}, 1}, {[]int64{5, 9, 1}, 0}} {
		r := RowsOf(at(c.secs...))
		if got := r.listedOrder(); got != c.want {
			t.Fatalf("%v: listed order %d, want %d", c.secs, got, c.want)
		}
	}
}

// TestItemAfterReset: a reload puts other items at the same indexes, and
// Item gives the new ones, never one rebuilt before.
func TestItemAfterReset(t *testing.T) {
	s := New()
	s.Add([]api.Item{{ID: 1, Name: "old"}})
	if s.Item(0).Name != "old" {
		t.Fatal("first item")
	}
	s.Reset()
	s.Add([]api.Item{{ID: 2, Name: "new"}})
	if got := s.Item(0); got.ID != 2 || got.Name != "new" {
		t.Fatalf("after a reset Item(0) = %+v", got)
	}
}
