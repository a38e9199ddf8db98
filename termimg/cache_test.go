package termimg

import (
	"fmt"
	"testing"
	"time"
)

func TestCacheLRU(t *testing.T) {
	c := NewCache(0)
	key := func(id int64) Key { return Key{ID: id, Cols: 20, Rows: 10, Protocol: Blocks} }
	for id := range int64(DefaultCacheSize) {
		c.Put(key(id), fmt.Sprint(id))
	}
	if _, ok := c.Get(key(0)); !ok { // 0 becomes the most recently used
		t.Fatal("entry 0 missing")
	}
	c.Put(key(100), "100") // evicts 1, the least recently used
	if _, ok := c.Get(key(1)); ok {
		t.Error("entry 1 survived eviction")
	}
	if s, ok := c.Get(key(0)); !ok || s != "0" {
		t.Errorf("entry 0 = %q, %v", s, ok)
	}
	if c.Len() != DefaultCacheSize {
		t.Errorf("Len = %d", c.Len())
	}
	// Another box or protocol is another drawing.
	if _, ok := c.Get(Key{ID: 0, Cols: 20, Rows: 10, Protocol: Kitty}); ok {
		t.Error("protocol ignored in the key")
	}
	if _, ok := c.Get(Key{ID: 0, Cols: 21, Rows: 10, Protocol: Blocks}); ok {
		t.Error("box ignored in the key")
	}
	c.Put(key(0), "zero")
	if s, _ := c.Get(key(0)); s != "zero" || c.Len() != DefaultCacheSize {
		t.Errorf("replace: %q, Len %d", s, c.Len())
	}
}

// TestCacheDue: an entry stored with PutUntil stays readable and becomes
// due at its time; Put and a replacing Put are never due.
func TestCacheDue(t *testing.T) {
	c := NewCache(4)
	k := Key{ID: 7, Protocol: "error"}
	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	if c.Due(k, t0) {
		t.Fatal("a missing entry is due")
	}
	c.PutUntil(k, "timed out", t0.Add(30*time.Second))
	if c.Due(k, t0.Add(29*time.Second)) {
		t.Error("due before its time")
	}
	if !c.Due(k, t0.Add(30*time.Second)) {
		t.Error("not due at its time")
	}
	if s, ok := c.Get(k); !ok || s != "timed out" {
		t.Errorf("a due entry reads %q, %v; it should still show", s, ok)
	}
	c.Put(k, "too big")
	if c.Due(k, t0.Add(time.Hour)) {
		t.Error("Put over a PutUntil entry kept its due time")
	}
}
