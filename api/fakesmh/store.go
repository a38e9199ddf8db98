package fakesmh

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// itemState is where a stored record is now.
type itemState uint8

const (
	inBin itemState = iota
	restored
	purged // deleted permanently (single, batch or empty)
)

// entry is a stored record plus its mutable state.
type entry struct {
	rec       Record
	state     itemState
	retention int      // days; a longer lifecycle extends it, a shorter one does not
	finalPath []string // where it was restored
	restores  int      // successful restores; must never exceed 1
}

// Server is the emulator: a seeded store behind an http.Handler. All its
// methods are safe for concurrent use.
type Server struct {
	opts Options
	now  func() time.Time // wall clock for tasks and the lifecycle limit

	quit     chan struct{} // closed by Running.Close to release held requests
	quitOnce sync.Once

	mu sync.Mutex // guards everything below

	// The bin. Entries are never forgotten, so markers naming an item that
	// has left the bin still resolve.
	entries   map[int64]*entry
	inBin     int
	maxID     int64
	version   uint64              // bumped on every change of the bin's contents or sort keys
	sorted    map[string][]*entry // cached orders, valid while sortedVer == version
	sortedVer uint64
	retention int       // current lifecycle retention in days
	lastLife  time.Time // last successful lifecycle change

	// The live (not recycled) tree that restores land in.
	live      map[string]bool // existing paths ("/"-joined) → is a directory
	recreated map[string]bool // directories created by restores

	tasks    map[int64]*task // every async task, by id
	pending  []*task         // tasks not yet run, oldest first
	nextTask int64           // last task id handed out

	token     string
	fault     Fault
	counted   int // requests counted for FailEvery
	tokenUses int // requests counted for TokenExpiresAfter, reset by a renewal
	reqSeq    uint64
	log       []*Request // entries are added before any reply, status filled after
	stats     Stats
	waiting   atomic.Int32 // listings waiting out their latency (ServeHTTP)
}

// New returns a Server seeded from opts (see Options for the defaults).
func New(opts Options) *Server {
	opts = opts.withDefaults()
	s := &Server{
		opts:      opts,
		entries:   make(map[int64]*entry, opts.Items),
		sorted:    make(map[string][]*entry),
		live:      make(map[string]bool),
		recreated: make(map[string]bool),
		retention: opts.RetentionDays,
		tasks:     make(map[int64]*task),
		nextTask:  20 + opts.Seed%7,
		token:     opts.Token,
		fault:     Fault{FailEvery: opts.FailEvery, TokenExpiresAfter: opts.TokenExpiresAfter},
		quit:      make(chan struct{}),
		now:       time.Now,
	}
	seeded, liveFiles := generate(opts)
	for i := range seeded {
		s.insertLocked(seeded[i])
	}
	for _, p := range liveFiles {
		s.live[joinPath(p)] = false
	}
	return s
}

// joinPath is the key of a path in the live tree.
func joinPath(segments []string) string { return strings.Join(segments, "/") }

// insertLocked stores a normalised record in the bin and makes the live tree
// agree with its flags: its ancestors exist unless ParentMissing, and its
// own path exists when NameTaken.
func (s *Server) insertLocked(r Record) {
	if old, ok := s.entries[r.ID]; ok && old.state == inBin {
		s.inBin--
	}
	s.entries[r.ID] = &entry{rec: r, retention: s.retention}
	s.inBin++
	if r.ID > s.maxID {
		s.maxID = r.ID
	}
	parent := r.parent()
	last := len(parent)
	if r.ParentMissing {
		last-- // the parent itself is gone; its own ancestors still exist
	}
	// Directories are added with all their ancestors, so once the deepest
	// one is known the rest are too (this keeps seeding 100k items cheap).
	for i := last; i >= 1; i-- {
		key := joinPath(parent[:i])
		if s.live[key] {
			break
		}
		s.live[key] = true
	}
	if r.NameTaken {
		s.live[joinPath(r.OriginalPath)] = r.Type == TypeDir
	}
	s.version++
}

// Add stores hand-made records in the bin, for test fixtures, and returns
// their ids. Zero IDs get fresh ones; an existing ID is replaced. Derivable
// zero fields (Name or OriginalPath, Type, FileType, times, CRC64) are
// filled in; see NewRecord for a restorable starting point.
func (s *Server) Add(recs ...Record) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, len(recs))
	for i, r := range recs {
		r = r.clone()
		if r.ID == 0 {
			r.ID = s.maxID + 1
		}
		r.normalize(s.opts.Now, s.opts.MediaLibrary)
		s.insertLocked(r)
		ids[i] = r.ID
	}
	return ids
}

// lock takes the store's mutex and first runs async tasks that are due, so
// every observer sees their effects as soon as they are finished.
func (s *Server) lock() {
	s.mu.Lock()
	s.settleLocked()
}

// InBin reports whether id is currently listed in the bin.
func (s *Server) InBin(id int64) bool {
	s.lock()
	defer s.mu.Unlock()
	e, ok := s.entries[id]
	return ok && e.state == inBin
}

// IDs returns the ids in the bin in the default (server) order:
// newest removal first.
func (s *Server) IDs() []int64 {
	s.lock()
	defer s.mu.Unlock()
	order := s.orderLocked(sortSpec{})
	ids := make([]int64, len(order))
	for i, e := range order {
		ids[i] = e.rec.ID
	}
	return ids
}

// Item returns a copy of the stored record for id, whether it is still in
// the bin or not. ParentMissing, NameTaken and RemainingDays describe now.
func (s *Server) Item(id int64) (Record, bool) {
	s.lock()
	defer s.mu.Unlock()
	e, ok := s.entries[id]
	if !ok {
		return Record{}, false
	}
	r := e.rec.clone()
	r.RemainingDays = s.remainingLocked(e)
	r.ParentMissing = s.parentMissingLocked(e)
	_, r.NameTaken = s.live[joinPath(r.OriginalPath)]
	return r, true
}

// RestoreCount is how many times id was successfully restored. A correct
// client never makes it exceed 1.
func (s *Server) RestoreCount(id int64) int {
	s.lock()
	defer s.mu.Unlock()
	if e, ok := s.entries[id]; ok {
		return e.restores
	}
	return 0
}

// Restored maps every restored id to the final path it was restored to.
func (s *Server) Restored() map[int64][]string {
	s.lock()
	defer s.mu.Unlock()
	out := make(map[int64][]string)
	for id, e := range s.entries {
		if e.state == restored {
			out[id] = append([]string(nil), e.finalPath...)
		}
	}
	return out
}

// Exists reports whether a live (not recycled) file or folder has the path.
func (s *Server) Exists(segments ...string) bool {
	s.lock()
	defer s.mu.Unlock()
	_, ok := s.live[joinPath(segments)]
	return ok
}

// Stats counts what happened on the server so far.
type Stats struct {
	Requests int // requests served (including rejected ones)
	InBin    int // items currently in the bin
	Restored int // successful restores
	Purged   int // items deleted permanently
	Tasks    int // async restore tasks created
	// Prepared counts listings rendered while their latency elapsed
	// (at most maxPrepared wait rendered at once; the others render after).
	Prepared int
}

// Stats returns a snapshot of the server's counters.
func (s *Server) Stats() Stats {
	s.lock()
	defer s.mu.Unlock()
	st := s.stats
	st.InBin = s.inBin
	return st
}

// Token returns the access token currently accepted.
func (s *Server) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// SetToken replaces the accepted access token (the old one stops working),
// e.g. to test a client's token refresh.
func (s *Server) SetToken(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token = tok
}

// remainingLocked is remainingTime: retention minus whole days elapsed
// since removal, never negative.
func (s *Server) remainingLocked(e *entry) int {
	elapsed := s.opts.Now.Sub(e.rec.RemovalTime)
	days := 0
	if elapsed > 0 {
		days = int(elapsed / (24 * time.Hour))
	}
	return max(e.retention-days, 0)
}

// parentMissingLocked reports whether the item's original folder is gone now.
func (s *Server) parentMissingLocked(e *entry) bool {
	return e.rec.ParentMissing && !s.recreated[joinPath(e.rec.parent())]
}

// RestoreSends counts, from the request log, how many restore requests
// (single or batch) carried each id, whatever their reply. A correct
// client never sends an id twice; tests assert it with this.
func (s *Server) RestoreSends() map[int64]int {
	n := map[int64]int{}
	for _, r := range s.Requests() {
		if r.Method != http.MethodPost || !r.Query.Has("restore") {
			continue
		}
		if id, ok := itemID(r.Path); ok {
			n[id]++
			continue
		}
		ids, _ := parseIDs([]byte(r.Body))
		for _, id := range ids {
			n[id]++
		}
	}
	return n
}

// itemID is the {id} of a logged /api/v1/recycled/{lib}/{space}/{id} path.
func itemID(path string) (int64, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) != 6 {
		return 0, false
	}
	id, err := strconv.ParseInt(segs[5], 10, 64)
	return id, err == nil
}
