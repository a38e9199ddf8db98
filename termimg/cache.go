package termimg

import (
	"container/list"
	"sync"
	"time"
)

// DefaultCacheSize is how many drawn thumbnails a Cache keeps: a screenful
// of rows and some scrolling back, at a few KB to a few hundred KB each.
const DefaultCacheSize = 64

// Key names one drawing: an item, the box it was drawn for and how.
type Key struct {
	ID         int64
	Cols, Rows int
	Protocol   Protocol
}

// Cache is a bounded LRU of rendered thumbnails, safe for concurrent use
// (a render may finish on another goroutine than the one that reads).
type Cache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front = most recently used; values are *cacheEntry
	items map[Key]*list.Element
}

type cacheEntry struct {
	key Key
	s   string
	due time.Time // when to fetch again (see PutUntil); zero = never
}

// NewCache returns a Cache of at most n entries (DefaultCacheSize if n < 1).
func NewCache(n int) *Cache {
	if n < 1 {
		n = DefaultCacheSize
	}
	return &Cache{max: n, order: list.New(), items: make(map[Key]*list.Element, n)}
}

// Get returns the drawing for k and marks it recently used.
func (c *Cache) Get(k Key) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).s, true
}

// Put stores the drawing for k, evicting the least recently used entry
// when the cache is full.
func (c *Cache) Put(k Key, s string) { c.PutUntil(k, s, time.Time{}) }

// PutUntil is Put for an entry that is due to be fetched again from due
// on (see Due): a failure that may heal. Get still returns it, so the
// pane keeps showing the reason until the new answer replaces it.
func (c *Cache) PutUntil(k Key, s string, due time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		ce := e.Value.(*cacheEntry)
		ce.s, ce.due = s, due
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(&cacheEntry{key: k, s: s, due: due})
	if c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*cacheEntry).key)
	}
}

// Due reports whether k's entry was stored with PutUntil and its time to
// be fetched again has come at now. A missing entry is not due: it is
// simply missing.
func (c *Cache) Due(k Key, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return false
	}
	due := e.Value.(*cacheEntry).due
	return !due.IsZero() && !now.Before(due)
}

// Len is the number of entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
