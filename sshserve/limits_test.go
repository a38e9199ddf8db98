package sshserve

import (
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/sshserve/sshtest"
)

// heapBound is far above what a 1000×500 session costs and far below what
// an unclamped 65535×65535 frame would (gigabytes).
const heapBound = 128 << 20

// watchHeap samples the heap in use until the returned function is
// called, which gives the peak seen.
func watchHeap(t *testing.T) func() uint64 {
	t.Helper()
	var (
		mu   sync.Mutex
		peak uint64
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// A client that asks for a 65535×65535 pty and then resizes to the uint32
// maximum is laid out at 1000×500: the server's heap stays bounded, and
// the next, ordinary session works.
func TestServeHugeWindowStaysBounded(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	peak := watchHeap(t)
	c, err := ts.dial(t, "alice", alice)
	if err != nil {
		t.Fatal(err)
	}
	huge := sshtest.OpenTerminal(t, c, 65535, 65535)
	huge.Out.WaitFor(t, 0, loaded)
	if err := huge.Sess.WindowChange(math.MaxUint32, math.MaxUint32); err != nil {
		t.Fatal(err)
	}
	// Open and close help: both redraw the whole window, at its new size.
	mark := huge.Out.Mark()
	huge.Press(t, "?")
	huge.Out.WaitFor(t, mark, "closes this help")
	mark = huge.Out.Mark()
	huge.Press(t, "?")
	huge.Out.WaitFor(t, mark, loaded)
	huge.Press(t, "q")
	if err := huge.WaitEnd(t); err != nil {
		t.Errorf("q should end the session with status 0, got %v", err)
	}

	next := sshtest.OpenTerminal(t, c, 80, 24)
	next.Out.WaitFor(t, 0, loaded)
	if p := peak(); p > heapBound {
		t.Errorf("the heap peaked at %d MiB, want under %d MiB", p>>20, heapBound>>20)
	} else {
		t.Logf("heap peak %d MiB", p>>20)
	}
}
