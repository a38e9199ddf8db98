package termimg

import (
	"fmt"
	"testing"
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
