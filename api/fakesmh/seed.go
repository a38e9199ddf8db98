package fakesmh

import (
	"cmp"
	"math"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"time"
)

// Seeded ids start near a realistic recycle-bin id and one item (the newest)
// gets an id above 2^53, so clients that decode through float64 break.
const (
	firstSeedID = 100_000
	BigID       = int64(9007199254740993) // 2^53 + 1: not representable as float64
)

// Hostile names seeded when Items ≥ 1000, so the UI's sanitizer is exercised.
const (
	HostileANSIName = "\x1b[31mURGENT\x1b[0m 请立即处理.docx"
	HostileBidiName = "付款通知\u202Efdp.exe" // renders as "付款通知exe.pdf"
)

// folder is one live folder of the seeded library.
type folder struct {
	path []string
	lang lang
	prof profile
}

// gen is the state of one deterministic generation.
type gen struct {
	r        *rand.Rand
	o        Options
	t        *tables
	folders  []folder
	weights  []int // cumulative folder weights
	live     [][]string
	cleanups map[string]bool // paths of deleted folders whose files were removed first
	loc      *time.Location  // the team's local time (UTC+8): deletions follow office hours
	orphans  int             // files generated with ParentMissing
	seq      int             // camera file counter, see shot
	used     map[string]bool // folder/name pairs already generated
}

// generate makes opts.Items records deterministically from opts.Seed and
// opts.Now, plus live paths at the space root that some restores hit.
// Removals come in bursts: a person (or a sync client) deleting several
// files of one folder within a minute.
func generate(o Options) ([]Record, [][]string) {
	if o.Items <= 0 {
		return nil, nil
	}
	g := &gen{r: rand.New(rand.NewPCG(uint64(o.Seed), 0x736d68)), o: o, t: newTables(),
		cleanups: map[string]bool{}, used: map[string]bool{}, loc: time.FixedZone("CST", 8*3600)}
	g.makeFolders()
	recs := make([]Record, 0, o.Items+300)
	for len(recs) < o.Items {
		recs = g.burst(recs)
	}
	recs = recs[:o.Items]
	// Ids are handed out at deletion time, so they grow with removalTime.
	recs = sortByRemoval(recs)
	id := int64(firstSeedID + g.r.IntN(50_000))
	for i := range recs {
		id += 1 + int64(g.r.IntN(3))
		recs[i].ID = id
	}
	if len(recs) >= 100 {
		recs[len(recs)-1].ID = BigID
	}
	for i := range recs {
		r := &recs[i]
		if r.Type != TypeDir {
			r.CRC64 = crcOf(r.ID, r.Size)
		}
		// Someone made a new file or folder with the same name since.
		r.NameTaken = !r.ParentMissing && !r.SymlinkBroken && !g.cleanups[joinPath(r.OriginalPath)] && g.r.IntN(100) < 4
	}
	if len(recs) >= 1000 {
		g.plantHostile(recs)
	}
	return recs, g.live
}

// sortByRemoval orders records by removal time (stably), sorting small
// keys rather than moving the large records around.
func sortByRemoval(recs []Record) []Record {
	type key struct {
		at int64
		i  int
	}
	keys := make([]key, len(recs))
	for i := range recs {
		keys[i] = key{recs[i].RemovalTime.UnixNano(), i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.at != b.at {
			return cmp.Compare(a.at, b.at)
		}
		return cmp.Compare(a.i, b.i)
	})
	out := make([]Record, len(recs))
	for j, k := range keys {
		out[j] = recs[k.i]
	}
	return out
}

// makeFolders instantiates folder patterns with years and months.
func (g *gen) makeFolders() {
	n := min(max(g.o.Items/25, 8), 300)
	seen := map[string]bool{}
	tplWeights := make([]int, len(g.t.folders))
	total := 0
	for i, f := range g.t.folders {
		total += f.weight
		tplWeights[i] = total
	}
	for range n {
		x := g.r.IntN(total)
		i, _ := slices.BinarySearch(tplWeights, x+1)
		tpl := g.t.folders[i]
		year, month := g.o.Now.Year()-min(g.r.IntN(4), g.r.IntN(4)), 1+g.r.IntN(12)
		if year == g.o.Now.Year() {
			month = 1 + g.r.IntN(int(g.o.Now.Month())) // no folders for months to come
		}
		p := expand(tpl.pattern, year, month)
		if p != "" && g.r.IntN(10) < 3 {
			p += "/" + g.pick(g.t.subs[tpl.lang])
		}
		if seen[p] {
			continue
		}
		seen[p] = true
		var segs []string
		if p != "" {
			segs = strings.Split(p, "/")
		}
		g.folders = append(g.folders, folder{path: segs, lang: tpl.lang, prof: tpl.prof})
		last := 0
		if len(g.weights) > 0 {
			last = g.weights[len(g.weights)-1]
		}
		g.weights = append(g.weights, last+tpl.weight)
	}
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func (g *gen) pickFolder() folder {
	x := g.r.IntN(g.weights[len(g.weights)-1])
	i, _ := slices.BinarySearch(g.weights, x+1)
	return g.folders[i]
}

// burstTime is when a burst starts: a day within the retention window
// (a few just past it, not purged yet), mostly in office hours.
func (g *gen) burstTime() time.Time {
	span := min(g.o.RetentionDays, 30)
	day := g.r.IntN(span + 1)
	hour := g.r.IntN(24)
	if g.r.IntN(10) < 8 {
		hour = 9 + g.r.IntN(10)
	}
	local := g.o.Now.In(g.loc)
	t := time.Date(local.Year(), local.Month(), local.Day()-day, hour, g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000)*1e6, g.loc)
	if latest := g.o.Now.Add(-2 * time.Minute); t.After(latest) {
		t = latest.Add(-time.Duration(g.r.Int64N(int64(6 * time.Hour))))
	}
	return t.UTC()
}

// burstSize: mostly single deletions, some handfuls, a few sync-client sweeps.
func (g *gen) burstSize() int {
	switch x := g.r.IntN(100); {
	case x < 45:
		return 1
	case x < 75:
		return 2 + g.r.IntN(8)
	case x < 94:
		return 10 + g.r.IntN(40)
	}
	return 50 + g.r.IntN(250)
}

// burst appends one burst of removals.
func (g *gen) burst(recs []Record) []Record {
	f := g.pickFolder()
	t := g.burstTime()
	g.seq = g.r.IntN(9000)
	// Folder clean-ups are steered towards ~5% of items so that small bins
	// get their share too, however large the random bursts come out.
	if float64(g.orphans) < 0.05*float64(len(recs))-float64(g.r.IntN(40)) {
		return g.cleanup(recs, f, t)
	}
	k := g.burstSize()
	step := int64(55*time.Second) / int64(k)
	for range k {
		recs = append(recs, g.file(f, f.path, t, false))
		t = t.Add(time.Duration(g.r.Int64N(step + 1))).Truncate(time.Millisecond)
	}
	if g.r.IntN(6) == 0 {
		recs = append(recs, g.dir(f, g.pick(g.t.dirs[f.lang]), t.Add(time.Second)))
	}
	return recs
}

// cleanup appends files removed from a sub-folder, then (later) the
// sub-folder itself, which leaves those files without their parent.
func (g *gen) cleanup(recs []Record, f folder, t time.Time) []Record {
	name := g.pick(g.t.cleanups[f.lang])
	parent := append(slices.Clip(f.path), name)
	for range 2 + g.r.IntN(30) {
		recs = append(recs, g.file(f, parent, t, true))
		g.orphans++
		t = t.Add(time.Duration(g.r.Int64N(int64(2 * time.Second)))).Truncate(time.Millisecond)
	}
	later := t.Add(time.Minute + time.Duration(g.r.Int64N(int64(72*time.Hour))))
	if latest := g.o.Now.Add(-time.Minute); later.After(latest) {
		later = latest
	}
	later = later.Truncate(time.Millisecond)
	g.cleanups[joinPath(parent)] = true
	return append(recs, g.dir(f, name, later))
}

// logUniform draws from [lo,hi] with a log-uniform distribution, the usual
// shape of file sizes and ages.
func (g *gen) logUniform(lo, hi float64) float64 {
	return math.Exp(math.Log(lo) + g.r.Float64()*(math.Log(hi)-math.Log(lo)))
}

func (g *gen) ago(t time.Time, lo, hi time.Duration) time.Time {
	return t.Add(-time.Duration(g.logUniform(float64(lo), float64(hi)))).Truncate(time.Millisecond)
}

// file makes one file removed at t from folder dir (f's path or below it).
func (g *gen) file(f folder, dir []string, t time.Time, parentMissing bool) Record {
	kinds := f.prof
	x, k := g.r.IntN(sum(kinds[:])), fileKind(0)
	for ; x >= kinds[k]; k++ {
		x -= kinds[k]
	}
	l := f.lang
	if g.r.IntN(5) == 0 {
		l = lang(g.r.IntN(3))
	}
	mod := g.ago(t, time.Minute, 3*365*24*time.Hour)
	r := Record{
		OriginalPath:     append(slices.Clip(dir), ""),
		Type:             TypeFile,
		ModificationTime: mod,
		RemovalTime:      t,
		CanRestore:       g.r.IntN(100) >= 5,
		CanDelete:        true,
		ParentMissing:    parentMissing,
	}
	// Names repeat in a folder only now and then (the same file deleted
	// twice); mostly a folder's names are distinct.
	folderKey := joinPath(dir) + "/"
	name := g.fileName(k, l, mod.In(g.loc))
	for try := 0; try < 4 && g.used[folderKey+name]; try++ {
		name = g.fileName(k, l, mod.In(g.loc))
	}
	g.used[folderKey+name] = true
	g.setName(&r, name)
	lo, hi := sizeRange(k)
	r.Size = uint64(g.logUniform(float64(lo), float64(hi)))
	if strings.HasPrefix(r.Name, "新建文本文档") || strings.HasPrefix(r.Name, "新規テキスト") || (k >= kWord && g.r.IntN(100) == 0) {
		r.Size = 0
	}
	r.CreationTime = mod
	if k >= kWord {
		r.CreationTime = g.ago(mod, time.Minute, 2*365*24*time.Hour)
	}
	if !r.CanRestore {
		r.CanDelete = g.r.IntN(2) == 0
	}
	if !parentMissing && g.r.IntN(100) == 0 {
		r.SymlinkBroken = true
		g.setName(&r, linkName(r.Name, l))
	}
	if parentMissing && g.r.IntN(5) == 0 {
		g.live = append(g.live, []string{r.Name}) // a same-named file at the root
	}
	return r
}

// linkName names a link the way desktop clients do.
func linkName(name string, l lang) string {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	switch l {
	case zh:
		return base + " - 快捷方式" + ext
	case ja:
		return base + " - ショートカット" + ext
	}
	return "Link to " + name
}

// dir makes a folder removed at t from f.
func (g *gen) dir(f folder, name string, t time.Time) Record {
	r := Record{
		Name:         name,
		OriginalPath: append(slices.Clip(f.path), name),
		Type:         TypeDir,
		RemovalTime:  t,
		CanRestore:   g.r.IntN(100) >= 5,
		CanDelete:    true,
	}
	r.ModificationTime = g.ago(t, time.Minute, 365*24*time.Hour)
	r.CreationTime = g.ago(r.ModificationTime, time.Hour, 2*365*24*time.Hour)
	if g.r.IntN(2) == 0 {
		r.Size = uint64(g.logUniform(1<<20, 20<<30))
	}
	return r
}

// setName renames a record and re-derives what its extension implies.
func (g *gen) setName(r *Record, name string) {
	r.Name = name
	r.OriginalPath[len(r.OriginalPath)-1] = name
	k := kindOf(name)
	r.FileType = k.fileType
	r.PreviewByDoc, r.PreviewByCI, r.PreviewAsIcon = k.previewDoc, k.previewCI, k.previewIcon
	r.Type = TypeFile
	if g.o.MediaLibrary && (k.fileType == "image" || k.fileType == "video") {
		r.Type = k.fileType
	}
	r.ContentType = contentTypeOf(name, r.Type)
}

// plantHostile renames two ordinary files to names with terminal escapes
// and a bidi override.
func (g *gen) plantHostile(recs []Record) {
	for _, name := range []string{HostileANSIName, HostileBidiName} {
		for i := g.r.IntN(len(recs)); ; i = (i + 1) % len(recs) {
			r := &recs[i]
			isDoc := r.PreviewByDoc // documents keep a document's size under the new name
			if isDoc && !r.SymlinkBroken && !r.NameTaken && !r.ParentMissing &&
				r.Name != HostileANSIName && r.Name != HostileBidiName {
				g.setName(r, name)
				break
			}
		}
	}
}
