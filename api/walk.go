package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"time"
)

// WalkOptions configures a PageWalker.
type WalkOptions struct {
	// Query is the first page's query; its Limit is the page size and its
	// Marker is normally empty.
	Query ListQuery
	// MaxItems stops the listing after that many items (0: all). Requests
	// near the end ask for no more items than are still wanted.
	MaxItems int64
	// Paced spaces requests at least MinPageGap apart (the TUI's listing).
	Paced bool
	// RequestTimeout bounds each page request from the moment it is sent
	// (0: only ctx bounds it).
	RequestTimeout time.Duration
	// Guard is the PageGuard of the listing this walk continues, such as
	// the TUI's retry of a failed page; nil starts a new one. It is used
	// by the walk's goroutine until the walk ends.
	Guard *PageGuard
}

// Lister lists one page; *Client is one, and so are the test doubles of
// its users.
type Lister interface {
	List(ctx context.Context, q ListQuery) (Page, error)
}

// PageWalker walks one listing page by page, in the server's order, with
// the next request in flight while a page decodes and while the caller
// handles it: marker paging is sequential, so this is what brings a
// listing close to one round trip per page. The next marker is found by a
// cheap scan of the page's bytes before the full decode; the decode then
// confirms it, and a wrong guess (a hostile or unusual reply) only costs
// a cancelled GET. Every page passes a PageGuard before it is returned.
//
// A PageWalker is used from one goroutine; Close releases it.
type PageWalker struct {
	c      *Client
	lister Lister // instead of c: pages arrive decoded
	ctx    context.Context
	opts   WalkOptions
	guard  *PageGuard
	in     *Interner
	next   *fetch // the request in flight; nil when none is wanted
	// spare holds the bodies of decoded pages for later pages to be read
	// into: a page of 1,000 is ≈ 700 KB, and a new one per page made a
	// 100k listing collect its garbage some forty times.
	spare  chan []byte
	loaded int64
	err    error // sticky: io.EOF after the last page
}

// fetch is one page request running on its own goroutine.
type fetch struct {
	q      ListQuery
	done   chan struct{}
	body   []byte
	page   *Page // from a Lister, instead of body
	err    error
	cancel context.CancelFunc
	// early receives the next marker when it shows at the head of the
	// reply, before the rest of the body has arrived (Client only).
	early chan Marker
	// guess is the next marker as peeked, known whether it could be, and
	// sent whether its request went out (set by the walker's goroutine).
	guess       Marker
	known, sent bool
}

// Walk starts a listing: the first request is sent at once.
func (c *Client) Walk(ctx context.Context, opts WalkOptions) *PageWalker {
	return newWalker(ctx, opts, c, nil)
}

// WalkLister walks a listing through l. A *Client walks as Walk does;
// with any other Lister the next request is sent as soon as a page is
// returned, so it still overlaps the caller's handling of the page.
func WalkLister(ctx context.Context, l Lister, opts WalkOptions) *PageWalker {
	if c, ok := l.(*Client); ok {
		return c.Walk(ctx, opts)
	}
	return newWalker(ctx, opts, nil, l)
}

func newWalker(ctx context.Context, opts WalkOptions, c *Client, l Lister) *PageWalker {
	w := &PageWalker{c: c, lister: l, ctx: ctx, opts: opts, guard: opts.Guard, spare: make(chan []byte, 2)}
	if w.guard == nil {
		w.guard = &PageGuard{}
	}
	if c != nil {
		w.in = NewInterner()
	}
	w.request(opts.Query.Marker, 0)
	return w
}

// Loaded is the number of items returned so far.
func (w *PageWalker) Loaded() int64 { return w.loaded }

// Next returns the next page. After the last page it returns io.EOF; after
// an error, that error again. A failed page's error is returned after
// every page before it, and no page after it is ever returned.
func (w *PageWalker) Next() (Page, error) {
	if w.err != nil {
		return Page{}, w.err
	}
	f := w.next
	w.next = nil
	if f == nil {
		return Page{}, w.stop(io.EOF)
	}
	select {
	case <-f.done:
	case mk := <-f.early:
		// The marker came at the head of the reply: ask for the next page
		// now, while the rest of this one arrives.
		f.guess, f.known, f.sent = mk, true, true
		w.request(mk, f.q.Limit)
		<-f.done
	}
	f.cancel()
	if f.err != nil {
		return Page{}, w.stop(f.err)
	}
	p, err := w.decode(f)
	if err != nil {
		return Page{}, w.stop(err)
	}
	if err := w.guard.Check(p); err != nil {
		return Page{}, w.stop(err)
	}
	m := w.opts.MaxItems
	if m > 0 && w.loaded+int64(len(p.Items)) > m {
		p.Items = p.Items[:m-w.loaded]
	}
	w.loaded += int64(len(p.Items))
	switch {
	case m > 0 && w.loaded >= m:
		w.drop()
	case w.next == nil && p.NextMarker != "":
		w.request(p.NextMarker, 0)
	}
	return p, nil
}

// decode turns fetched page f into a Page. With the page's bytes, it
// first guesses the next marker and sends that request, which then
// overlaps the decode and the caller's work.
func (w *PageWalker) decode(f *fetch) (Page, error) {
	if f.page != nil {
		return *f.page, nil
	}
	if !f.sent {
		f.guess, f.known = peekMarker(f.body)
		if f.known && f.guess != "" {
			w.request(f.guess, f.q.Limit)
		}
	}
	p, err := w.c.decodeList(f.body, w.in)
	if err != nil {
		return Page{}, err
	}
	// The page holds copies of what it needs, never the body's bytes.
	select {
	case w.spare <- f.body:
	default:
	}
	f.body = nil
	if !f.known || p.NextMarker != f.guess {
		w.drop() // a wrong guess: that request is for no page of this listing
	}
	return p, nil
}

// Close cancels the request in flight, if any, and waits for it to end;
// Next then returns an error.
func (w *PageWalker) Close() {
	w.drop()
	if w.err == nil {
		w.err = errors.New("SMH API: listing closed")
	}
}

// stop ends the walk with err.
func (w *PageWalker) stop(err error) error {
	w.drop()
	w.err = err
	return err
}

// drop cancels the request in flight and waits for its goroutine, so
// that none outlives the walk.
func (w *PageWalker) drop() {
	if w.next != nil {
		w.next.cancel()
		<-w.next.done
		w.next = nil
	}
}

// request starts the request for the page at mk, if more items are
// wanted. ahead is how many items the page before it will add (assumed,
// when the request is sent before that page is decoded).
func (w *PageWalker) request(mk Marker, ahead int) {
	q := w.opts.Query
	q.Marker = mk
	if m := w.opts.MaxItems; m > 0 {
		left := m - w.loaded - int64(ahead)
		if left <= 0 {
			return
		}
		if q.Limit <= 0 || int64(q.Limit) > left {
			q.Limit = int(left)
		}
	}
	var wait time.Duration
	if w.opts.Paced {
		wait = w.guard.Delay(time.Now())
	}
	ctx, cancel := context.WithCancel(w.ctx)
	f := &fetch{q: q, done: make(chan struct{}), cancel: cancel}
	w.next = f
	if w.lister == nil {
		f.early = make(chan Marker, 1)
		ctx = context.WithValue(ctx, headWatch{}, f.watchHead)
	}
	go func() {
		defer close(f.done)
		if wait > 0 {
			t := time.NewTimer(wait)
			defer t.Stop()
			select {
			case <-ctx.Done():
				f.err = ctx.Err()
				return
			case <-t.C:
			}
		}
		if d := w.opts.RequestTimeout; d > 0 {
			var stop context.CancelFunc
			ctx, stop = context.WithTimeout(ctx, d)
			defer stop()
		}
		if w.lister != nil {
			p, err := w.lister.List(ctx, q)
			f.page, f.err = &p, err
			return
		}
		select {
		case b := <-w.spare:
			ctx = context.WithValue(ctx, bodyBuffer{}, b)
		default:
		}
		f.body, f.err = w.c.listBody(ctx, q)
	}()
}

// watchHead looks for the next marker in the head of the reply as it
// arrives (see headWatch) and hands it to the walker through early.
func (f *fetch) watchHead(b []byte, prev int) bool {
	mk, known, done := peekHead(b, prev)
	if known && mk != "" {
		select {
		case f.early <- mk:
		default: // a retried GET's second head: the first one is waiting
		}
	}
	return done
}

// headLimit is how far into a reply peekHead looks for "contents".
const headLimit = 64 << 10

// peekHead is peekMarker for the first bytes of a reply, while the rest is
// still arriving: once "contents" has shown, a nextMarker key before it
// (as SMH sends it) is complete and is the one peekMarker would find in
// the whole body. done is false while more bytes could still tell.
// b[:prev] was shown before and held no "contents", so only what is new
// (and the key's length before it) is searched: a reply trickling in byte
// by byte is still searched once, not once a byte.
func peekHead(b []byte, prev int) (mk Marker, known, done bool) {
	key := []byte(`"contents"`)
	end := min(len(b), headLimit)
	from := max(min(prev, end)-len(key)+1, 0)
	c := bytes.Index(b[from:end], key)
	if c < 0 {
		return "", false, len(b) >= headLimit
	}
	c += from
	if !bytes.Contains(b[:c], []byte(`"nextMarker"`)) {
		return "", false, true // after contents, or none: the whole body decides
	}
	mk, known = peekMarker(b[:c])
	return mk, known, true
}

// peekMarker guesses a list reply's nextMarker from its bytes, without
// decoding the page: the "nextMarker" key before "contents" if there is
// one, else the last. known is false when the value is not a plain number,
// string or null, or the key is nowhere ("" then means the last page).
// It is only a guess: a name may spell the key; the decode decides.
func peekMarker(b []byte) (mk Marker, known bool) {
	key := []byte(`"nextMarker"`)
	i := bytes.Index(b, key)
	if i < 0 {
		return "", true
	}
	if c := bytes.Index(b, []byte(`"contents"`)); c >= 0 && i > c {
		i = bytes.LastIndex(b, key)
	}
	d := fastDec{b: b, i: i + len(key), ok: true}
	if d.peek() != ':' {
		return "", false
	}
	d.i++
	switch c := d.peek(); {
	case c == 'n':
		d.literal("null")
		return "", d.ok
	case c == '"':
		if s, plain := d.str(); plain && d.ok {
			return Marker(s), true
		}
	case c == '-' || c >= '0' && c <= '9':
		start := d.i
		if d.number(); d.ok {
			return Marker(b[start:d.i]), true
		}
	}
	return "", false
}
