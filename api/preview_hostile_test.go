package api

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// bombPNG is a valid PNG header claiming width×height pixels: a few dozen
// bytes that would decode into w×h×4 bytes.
func bombPNG(width, height uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], width)
	binary.BigEndian.PutUint32(ihdr[4:], height)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	b.WriteString("\x00\x00\x00\x00IDAT\x35\xaf\x06\x1e") // an empty IDAT
	return b.Bytes()
}

// endless writes n bytes (forever when n < 0) in 64 KiB chunks without a
// Content-Length, so only the client's own cap stops it.
func endless(n int64, declare bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if declare {
			w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
		}
		buf := bytes.Repeat([]byte("A"), 64<<10)
		for sent := int64(0); n < 0 || sent < n; sent += int64(len(buf)) {
			if _, err := w.Write(buf); err != nil || r.Context().Err() != nil {
				return
			}
		}
	}
}

// slowLoris sends a PNG signature, then one byte every 20 ms for ever.
func slowLoris(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n"))
	for {
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			return
		case <-time.After(20 * time.Millisecond):
		}
		if _, err := w.Write([]byte{0}); err != nil {
			return
		}
	}
}

// TestPreviewHostileStorage: each hostile answer of the storage URL gives a
// one-line reason, and the client's heap grows by a bounded amount (the
// body cap, not what the server sends). Run with -v for the figures.
func TestPreviewHostileStorage(t *testing.T) {
	// Only the slow loris meets the deadline; the others must fail for
	// their own reason even on a loaded machine, so they get the default.
	const slow = 300 * time.Millisecond
	cases := []struct {
		name    string
		h       http.HandlerFunc
		want    string
		timeout time.Duration
	}{
		{"50 MB body, streamed", endless(50<<20, false), "image larger than 4 MiB", 0},
		{"50 MB body, declared", endless(50<<20, true), "image larger than 4 MiB", 0},
		{"endless body", endless(-1, false), "image larger than 4 MiB", 0},
		{"not an image", respond(200, "<html><body>Access denied</body></html>"), "not a PNG, JPEG, GIF or WebP image", 0},
		{"decompression bomb", serveBytes(bombPNG(100000, 100000)), "PNG image of 100000x100000 pixels is over the 4096x4096 limit", 0},
		{"wide bomb", serveBytes(bombPNG(4096, 4097)), "4096x4097 pixels is over", 0},
		{"broken header", serveBytes([]byte("\x89PNG\r\n\x1a\ngarbage")), "broken PNG header", 0},
		{"slow loris", slowLoris, "timed out after 300ms", slow},
		{"second redirect", redirectTo("https://example.com/elsewhere.png"), "redirected again (only one redirect is followed)", 0},
		{"storage error", respond(403, "<Error><Code>AccessDenied</Code></Error>"), "storage server answered HTTP 403", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, st, c := previewEnv(t, tc.h, tc.timeout)
			before := heapAllocated()
			_, err := c.Preview(context.Background(), 7, 64, 64)
			grew := heapAllocated() - before
			checkReason(t, err, tc.want)
			if n := len(st.requests()); n != 1 {
				t.Errorf("%d storage requests, want 1", n)
			}
			// The test server shares the heap; its writes reuse one buffer.
			// Refusing a stream at 4 MiB allocates a little over 4 MiB.
			if grew > 8<<20 {
				t.Errorf("allocated %.1f MiB", float64(grew)/(1<<20))
			}
			t.Logf("%s: %q, %.1f MiB allocated", tc.name, err, float64(grew)/(1<<20))
		})
	}
}

// heapAllocated is the process's cumulative heap allocation.
func heapAllocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// readCapped accepts exactly max bytes, declared or not, and refuses one more.
func TestReadCapped(t *testing.T) {
	const max = 100 << 10 // more than one 64 KiB chunk
	for _, c := range []struct {
		n, declared int64
		ok          bool
	}{
		{max, -1, true}, {max, max, true}, {max + 1, -1, false}, {max + 1, max + 1, false},
		{0, -1, true}, {10, 10, true}, {64 << 10, -1, true},
	} {
		b, err := readCapped(bytes.NewReader(make([]byte, c.n)), c.declared, max)
		if (err == nil) != c.ok || (c.ok && int64(len(b)) != c.n) {
			t.Errorf("%d bytes (declared %d): %d, %v", c.n, c.declared, len(b), err)
		}
	}
}
