package query

import (
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"
	"time"
)

// raw is an item as the API gives it plus the session's state, the input
// of the brute-force reference below.
type raw struct {
	f      Fields
	marked bool
	result Result
}

// bruteMatch evaluates q on r from the raw fields, recomputing everything
// per call and reading time as time: an independent statement of what
// each qualifier means.
func bruteMatch(q Query, r raw, now time.Time) bool {
	for _, t := range q.terms {
		if bruteTerm(t, r, now) == t.neg {
			return false
		}
	}
	return true
}

func bruteTerm(t term, r raw, now time.Time) bool {
	f := r.f
	name, folder := f.Name, ""
	if len(f.Path) > 0 {
		name, folder = f.Path[len(f.Path)-1], strings.Join(f.Path[:len(f.Path)-1], "/")
	}
	isDir := f.Type == "dir" || f.Type == "album"
	ext := ""
	if e := path.Ext(name); !isDir && len(e) > 1 && len(e) < len(name) {
		ext = strings.ToLower(e[1:])
	}
	switch t.key {
	case keyWord:
		hay := strings.ToLower(f.Name)
		if len(f.Path) > 0 {
			hay = strings.ToLower(strings.Join(f.Path, "/"))
		}
		return strings.Contains(hay, strings.ToLower(t.text))
	case keyPath:
		hay := "/"
		if folder != "" {
			hay = "/" + folder + "/"
		}
		return strings.Contains(strings.ToLower(hay), strings.ToLower(t.text))
	case keyType:
		return t.mask&(1<<KindOf(f.Type, f.FileType, ext)) != 0
	case keyExt:
		return slices.Contains(t.exts, ext)
	case keySize:
		return cmpNum(t, int64(min(f.Size, 1<<62)))
	case keyLeft:
		return cmpNum(t, f.Left)
	case keyRestorable:
		return f.Restorable == t.flag
	case keyMarked:
		return r.marked == t.flag
	case keyResult:
		return r.result == t.res
	}
	if f.Removed.IsZero() {
		return false
	}
	local := f.Removed.In(now.Location())
	day := int64(local.Year()*10000 + int(local.Month())*100 + local.Day())
	switch t.date {
	case dateToday:
		return day == dayOf(now)
	case dateYesterday:
		return day == dayOf(now.AddDate(0, 0, -1))
	case dateDay:
		last := t.a
		if t.op == opRange {
			last = t.b
		}
		return day >= t.a && day <= last
	}
	age := now.Sub(f.Removed)
	a, b := time.Duration(t.a)*time.Minute, time.Duration(t.b)*time.Minute
	switch t.op {
	case opLt:
		return age < a
	case opLe:
		return age <= a
	case opGt:
		return age > a
	case opGe:
		return age >= a
	}
	return age >= a && age <= b
}

func dayOf(t time.Time) int64 { return int64(t.Year()*10000 + int(t.Month())*100 + t.Day()) }

func cmpNum(t term, v int64) bool {
	switch t.op {
	case opLt:
		return v < t.a
	case opLe:
		return v <= t.a
	case opGt:
		return v > t.a
	case opGe:
		return v >= t.a
	case opRange:
		return v >= t.a && v <= t.b
	}
	return v == t.a
}

var (
	folders = [][]string{nil, {"设计", "终稿"}, {"Team Drive", "Q3"}, {"projects"}, {"Projects", "tmp"}, {"照片", "2026"}}
	names   = []string{"IMG_2765.jpg", "report.PDF", "终稿v2.docx", "song.mp3", "clip.mov", "notes", ".bashrc",
		"archive.tar.gz", "設計圖.png", "Übersicht.xlsx", "photos", "IMG_2765 (1).JPG", "a.b.c"}
	types = []struct{ typ, fileType string }{{"file", ""}, {"file", "pdf"}, {"image", "image"}, {"dir", ""},
		{"album", ""}, {"video", ""}, {"file", "word"}, {"symlink", ""}, {"file", "audio"}}
)

// edges are the ages the deleted: terms of termPool compare with.
var edges = []time.Duration{0, time.Hour, 90 * time.Minute, 2 * time.Hour, 24 * time.Hour, 48 * time.Hour}

// randomItems is a seeded set whose fields collide often with the
// queries of randomQuery, so that every term both matches and fails.
func randomItems(r *rand.Rand, n int, now time.Time) []raw {
	out := make([]raw, n)
	for i := range out {
		name := names[r.IntN(len(names))]
		ty := types[r.IntN(len(types))]
		f := Fields{Name: name, Type: ty.typ, FileType: ty.fileType, Size: uint64(r.IntN(3)) * 1 << (10 * r.IntN(4)),
			Left: int64(r.IntN(10)), Restorable: r.IntN(4) != 0}
		if r.IntN(10) != 0 {
			f.Path = append(slices.Clone(folders[r.IntN(len(folders))]), name)
		}
		if r.IntN(20) != 0 {
			// Ages around the edges: exact minutes, day boundaries, ms off.
			age := time.Duration(r.IntN(4*24*60)) * time.Minute
			if r.IntN(2) == 0 {
				age = edges[r.IntN(len(edges))]
			}
			age += time.Duration(r.IntN(3)-1) * time.Millisecond
			f.Removed = now.Add(-age)
		}
		out[i] = raw{f: f, marked: r.IntN(3) == 0, result: Result(r.IntN(5))}
	}
	return out
}

var termPool = []string{
	"img", "IMG_2765", "设计", "终稿", "drive", "/", ".", "übersicht", "ÜBER", "(1)", "Q3/IMG", "tmp/",
	"type:image", "type:dir", "type:file", "type:doc,audio", "type:other", "type:video",
	"size:0", "size:>1KiB", "size:<1KB", "size:1KiB..1MiB", "size:>=2MiB", "size:<=2",
	"deleted:<2h", "deleted:>1d", "deleted:<=90m", "deleted:>=1d", "deleted:1h..2d", "deleted:today",
	"deleted:yesterday", "deleted:2026-11-30", "deleted:2026-11-29..2026-11-30",
	"left:<3d", "left:3", "left:>=7", "left:2..4",
	"path:设计/终稿", `path:"Team Drive"`, "path:/projects/", "path:/", "path:PROJECTS",
	"ext:pdf", "ext:jpg,png", "ext:gz", "ext:c", "restorable:yes", "restorable:no",
	"marked:yes", "marked:no", "result:restored", "result:failed", "result:unconfirmed",
}

func randomQuery(r *rand.Rand) string {
	var parts []string
	for range r.IntN(4) {
		p := termPool[r.IntN(len(termPool))]
		if r.IntN(3) == 0 {
			p = "-" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// TestMatchEqualsBruteForce: over a seeded set of items and random
// queries, the precomputed matcher selects exactly the items that the
// brute-force reading of each qualifier selects, in a zone with DST.
func TestMatchEqualsBruteForce(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		loc = time.FixedZone("UTC-5", -5*3600)
	}
	r := rand.New(rand.NewPCG(19, 1))
	mixed := 0
	for _, now := range []time.Time{
		time.Date(2026, 12, 1, 0, 30, 0, 0, loc), // just after midnight: today is short
		time.Date(2026, 11, 2, 1, 30, 0, 0, loc), // the day after a DST change
		time.Date(2026, 11, 30, 23, 59, 59, 999e6, loc),
	} {
		raws := randomItems(r, 3000, now)
		items := make([]Item, len(raws))
		for i, x := range raws {
			items[i] = NewItem(x.f)
			items[i].Marked, items[i].Result = x.marked, x.result
		}
		for range 400 {
			text := randomQuery(r)
			q, err := Parse(text)
			if err != nil {
				t.Fatalf("Parse(%q): %v", text, err)
			}
			m := q.At(now)
			hits := 0
			for i := range items {
				got, want := m.Match(&items[i]), bruteMatch(q, raws[i], now)
				if got != want {
					t.Fatalf("at %v, %q on %+v: Match = %v, brute force = %v", now, text, raws[i], got, want)
				}
				if got {
					hits++
				}
			}
			// Adding terms narrows, and the narrower query's matches are
			// a subset of these.
			more, err := Parse(text + " " + randomQuery(r))
			if err != nil || !more.Narrows(q) {
				t.Fatalf("%q plus terms: %v, or does not narrow", text, err)
			}
			mm := more.At(now)
			for i := range items {
				if mm.Match(&items[i]) && !m.Match(&items[i]) {
					t.Fatalf("%q narrows %q but matches %+v, which %q does not", more, text, raws[i], text)
				}
			}
			if hits > 0 && hits < len(items) {
				mixed++
			}
		}
	}
	// Most queries must split the set, or the comparison proves little.
	if mixed < 600 {
		t.Errorf("only %d of 1200 queries selected some but not all items", mixed)
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	q, err := Parse("IMG type:image size:>1KB -path:tmp deleted:<2d ext:jpg,png")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	m := q.At(now)
	it := NewItem(Fields{Name: "IMG_1.jpg", Path: []string{"a", "IMG_1.jpg"}, Size: 5000, Removed: now.Add(-time.Hour)})
	if !m.Match(&it) {
		t.Fatal("the item should match")
	}
	if n := testing.AllocsPerRun(100, func() { m.Match(&it) }); n != 0 {
		t.Errorf("Match allocates %v times per call", n)
	}
}

func TestNarrows(t *testing.T) {
	for _, tc := range []struct {
		prev, next string
		want       bool
	}{
		{"", "img", true},
		{"img", "img_27", true},
		{"IMG", "img_27 type:image", true},
		{"img type:image", "type:image img_2", true},
		{"path:设计", "path:设计/终稿", true},
		{"img_27", "img", false},
		{"-img", "-img_27", false}, // a longer negated word excludes less
		{"size:>1MB", "size:>10MB", false},
		{"type:image", "img", false},
		{"img", "", false},
	} {
		p, err1 := Parse(tc.prev)
		n, err2 := Parse(tc.next)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got := n.Narrows(p); got != tc.want {
			t.Errorf("Parse(%q).Narrows(%q) = %v, want %v", tc.next, tc.prev, got, tc.want)
		}
	}
}
