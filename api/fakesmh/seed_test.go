package fakesmh_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"smhbin/api/fakesmh"
)

// records returns every seeded record in server order.
func records(t *testing.T, s *fakesmh.Server) []fakesmh.Record {
	t.Helper()
	var out []fakesmh.Record
	for _, id := range s.IDs() {
		r, ok := s.Item(id)
		if !ok {
			t.Fatalf("IDs lists %d but Item does not know it", id)
		}
		out = append(out, r)
	}
	return out
}

func TestSeedIsDeterministic(t *testing.T) {
	a := records(t, fakesmh.New(fakesmh.Options{Seed: 7, Now: refNow, Items: 500}))
	b := records(t, fakesmh.New(fakesmh.Options{Seed: 7, Now: refNow, Items: 500}))
	c := records(t, fakesmh.New(fakesmh.Options{Seed: 8, Now: refNow, Items: 500}))
	if len(a) != 500 {
		t.Fatalf("got %d items, want 500", len(a))
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different data")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave identical data")
	}
}

func TestSeedSizes(t *testing.T) {
	tests := []struct {
		items, want int
		bigID       bool
		hostile     bool
	}{
		{items: -1, want: 0},
		{items: 10, want: 10},
		{items: 99, want: 99},
		{items: 100, want: 100, bigID: true},
		{items: 999, want: 999, bigID: true},
		{items: 0, want: fakesmh.DefaultItems, bigID: true, hostile: true},
	}
	for _, tc := range tests {
		s := fakesmh.New(fakesmh.Options{Items: tc.items, Now: refNow})
		ids := s.IDs()
		if len(ids) != tc.want {
			t.Errorf("Items %d: %d ids, want %d", tc.items, len(ids), tc.want)
		}
		if got := slices.Contains(ids, fakesmh.BigID); got != tc.bigID {
			t.Errorf("Items %d: big id present = %v, want %v", tc.items, got, tc.bigID)
		}
		names := map[string]bool{}
		for _, id := range ids {
			r, _ := s.Item(id)
			names[r.Name] = true
		}
		if got := names[fakesmh.HostileANSIName] && names[fakesmh.HostileBidiName]; got != tc.hostile {
			t.Errorf("Items %d: hostile names present = %v, want %v", tc.items, got, tc.hostile)
		}
	}
}

// TestSeedLooksReal checks the proportions and shapes the demo and the
// features built on it rely on.
func TestSeedLooksReal(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 42} {
		t.Run("seed"+itoa(seed), func(t *testing.T) { checkRealism(t, seed) })
	}
}

func checkRealism(t *testing.T, seed int64) {
	recs := records(t, fakesmh.New(fakesmh.Options{Now: refNow, Seed: seed}))
	n := float64(len(recs))
	var noRestore, missing, broken, taken, dirs, empty, deep, han, kana, latin, emoji, fewDays int
	ids := map[int64]bool{}
	const kb, mb, gb = 1 << 10, 1 << 20, 1 << 30
	for _, r := range recs {
		if ids[r.ID] {
			t.Fatalf("duplicate id %d", r.ID)
		}
		ids[r.ID] = true
		if len(r.OriginalPath) == 0 || r.OriginalPath[len(r.OriginalPath)-1] != r.Name {
			t.Fatalf("%d: originalPath %q does not end with name %q", r.ID, r.OriginalPath, r.Name)
		}
		if r.CreationTime.After(r.ModificationTime) || !r.ModificationTime.Before(r.RemovalTime) {
			t.Errorf("%d: times out of order: %v %v %v", r.ID, r.CreationTime, r.ModificationTime, r.RemovalTime)
		}
		if r.RemovalTime.After(refNow) || r.RemovalTime.Before(refNow.Add(-32*24*time.Hour)) {
			t.Errorf("%d: removal %v not within the last 30 days", r.ID, r.RemovalTime)
		}
		if r.RemainingDays < 0 || r.RemainingDays > 30 {
			t.Errorf("%d: remaining %d days", r.ID, r.RemainingDays)
		}
		fewDays += b2i(r.RemainingDays <= 3)
		noRestore += b2i(!r.CanRestore)
		missing += b2i(r.ParentMissing)
		broken += b2i(r.SymlinkBroken)
		taken += b2i(r.NameTaken)
		deep += b2i(len(r.OriginalPath) >= 5)
		for _, c := range r.Name {
			han += b2i(unicode.Is(unicode.Han, c))
			kana += b2i(unicode.In(c, unicode.Hiragana, unicode.Katakana))
			latin += b2i(unicode.In(c, unicode.Latin))
			emoji += b2i(c >= 0x1F300 && c <= 0x1FAFF)
		}
		lo, hi := uint64(0), uint64(0)
		switch r.FileType {
		case "":
			if r.Type == fakesmh.TypeDir {
				dirs++
				continue
			}
			lo, hi = 1*kb, 50*mb // the planted .exe
		case "image":
			lo, hi = 200*kb, 30*mb
		case "video":
			lo, hi = 20*mb, 50*gb
		default:
			lo, hi = 1*kb, 50*mb
		}
		if r.Size == 0 {
			empty++
			continue
		}
		if r.Size < lo || r.Size > hi {
			t.Errorf("%d %q (%s): size %d outside [%d,%d]", r.ID, r.Name, r.FileType, r.Size, lo, hi)
		}
	}
	fractions := []struct {
		what   string
		count  int
		lo, hi float64
	}{
		{"CanRestore=false", noRestore, 0.03, 0.08},
		{"ParentMissing", missing, 0.02, 0.10},
		{"SymlinkBroken", broken, 0.003, 0.025},
		{"NameTaken", taken, 0.025, 0.10},
		{"dirs", dirs, 0.005, 0.08},
		{"0-byte files", empty, 0.002, 0.05},
		{"≤3 days left", fewDays, 0.03, 0.3},
		{"paths ≥5 deep", deep, 0.05, 0.9},
	}
	for _, f := range fractions {
		if got := float64(f.count) / n; got < f.lo || got > f.hi {
			t.Errorf("%s: %.3f of items, want in [%.3f,%.3f]", f.what, got, f.lo, f.hi)
		}
	}
	for what, c := range map[string]int{"Han": han, "kana": kana, "Latin": latin, "emoji": emoji} {
		if c == 0 {
			t.Errorf("no %s characters in names", what)
		}
	}
	t.Logf("n=%v noRestore=%d missing=%d broken=%d taken=%d dirs=%d empty=%d fewDays=%d deep=%d emoji=%d",
		n, noRestore, missing, broken, taken, dirs, empty, fewDays, deep, emoji)
}

// TestSeedHasBursts checks that removals cluster like a person or a sync
// client deleting a folder's files within a minute.
func TestSeedHasBursts(t *testing.T) {
	recs := records(t, fakesmh.New(fakesmh.Options{Now: refNow}))
	slices.SortFunc(recs, func(a, b fakesmh.Record) int { return a.RemovalTime.Compare(b.RemovalTime) })
	big, run := 0, 1
	for i := 1; i < len(recs); i++ {
		a, b := recs[i-1], recs[i]
		if b.ID <= a.ID {
			t.Errorf("ids do not grow with removal time: %d then %d", a.ID, b.ID)
		}
		sameFolder := strings.Join(a.OriginalPath[:len(a.OriginalPath)-1], "/") == strings.Join(b.OriginalPath[:len(b.OriginalPath)-1], "/")
		if sameFolder && b.RemovalTime.Sub(a.RemovalTime) < 5*time.Second {
			run++
			continue
		}
		if run >= 10 {
			big++
		}
		run = 1
	}
	if big < 5 {
		t.Errorf("%d bursts of ≥10 removals from one folder; want several", big)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func BenchmarkSeed100k(b *testing.B) {
	for b.Loop() {
		s := fakesmh.New(fakesmh.Options{Items: 100_000, Now: refNow})
		if len(s.IDs()) != 100_000 {
			b.Fatal("wrong item count")
		}
	}
}

func TestMediaLibraryTypes(t *testing.T) {
	types := map[string]int{}
	for _, r := range records(t, fakesmh.New(fakesmh.Options{Items: 300, Now: refNow, MediaLibrary: true})) {
		types[r.Type]++
		if (r.FileType == "image" || r.FileType == "video") && r.Type != r.FileType {
			t.Errorf("%q: type %s in a media library", r.Name, r.Type)
		}
	}
	if types["image"] == 0 || types["video"] == 0 {
		t.Errorf("types %v", types)
	}
}

func TestAddFillsFixtures(t *testing.T) {
	s := fakesmh.New(fakesmh.Options{Items: 150, Now: refNow})
	ids := s.Add(
		fakesmh.NewRecord("a", "b", "deck.pptx"),
		fakesmh.Record{Name: "photo.HEIC", OriginalPath: []string{"pics"}, CanRestore: true},
		fakesmh.Record{ID: 42, Name: "x.txt"},
	)
	if len(ids) != 3 || ids[0] != fakesmh.BigID+1 || ids[1] != fakesmh.BigID+2 || ids[2] != 42 {
		t.Fatalf("ids %v", ids)
	}
	deck, _ := s.Item(ids[0])
	if deck.FileType != "powerpoint" || !deck.PreviewByDoc || deck.Type != fakesmh.TypeFile || deck.RemovalTime.IsZero() ||
		deck.RemainingDays != fakesmh.DefaultRetentionDays || deck.CRC64 == "" || !deck.CanRestore {
		t.Errorf("deck %+v", deck)
	}
	photo, _ := s.Item(ids[1])
	if !slices.Equal(photo.OriginalPath, []string{"pics", "photo.HEIC"}) || photo.FileType != "image" || !photo.PreviewByCI {
		t.Errorf("photo %+v", photo)
	}
	if x, _ := s.Item(42); !slices.Equal(x.OriginalPath, []string{"x.txt"}) || x.CanRestore {
		t.Errorf("x %+v", x)
	}
	if got := s.IDs(); len(got) != 153 || !slices.Contains(got, 42) {
		t.Errorf("%d ids after Add", len(got))
	}
}
