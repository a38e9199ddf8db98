package sshserve

import (
	"errors"
	"io"
	"math"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"smhbin/sshserve/sshtest"
)

// heapBound is far above what a 500×250 session costs and far below what
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
// maximum is laid out at 500×250: the server's heap stays bounded, and
// the next, ordinary session works.
func TestServeHugeWindowStaysBounded(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}})
	peak := watchHeap(t)
	c, huge := ts.login(t, "alice", alice, 65535, 65535)
	if err := huge.Sess.WindowChange(math.MaxUint32, math.MaxUint32); err != nil {
		t.Fatal(err)
	}
	toggleHelp(t, huge) // redraws the whole window, at its new size
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

// Connections that never say a word do not keep real users out: they
// take at most the pending quarter of the connection limit, give way to
// newer connections, and are closed at the handshake deadline.
func TestServeSilentConnectionsAreBounded(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	limits := func(c *Config) { c.MaxConnections, c.HandshakeTimeout = 8, 2*time.Second }
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}, edit: limits})
	silent := make([]net.Conn, 200)
	for i := range silent {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		silent[i] = c
	}
	c, err := ts.dial(t, "alice", alice)
	if err != nil {
		t.Fatalf("a real key after 200 silent connections: %v", err)
	}
	sshtest.OpenTerminal(t, c, 100, 30).Out.WaitFor(t, 0, loaded)

	start := time.Now()
	for i, s := range silent {
		_ = s.SetReadDeadline(time.Now().Add(sshtest.WaitLimit))
		_, err := io.Copy(io.Discard, s) // the server's banner, then the end
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("silent connection %d is still open after %s", i, time.Since(start))
		}
	}
	ts.log.WaitFor(t, 0, "not authenticated within 2s")
	t.Logf("the last silent connection closed %s after the real session showed rows", time.Since(start).Round(time.Millisecond))
}

// Authenticated connections count toward the limit: once every place is
// theirs, a newcomer is turned away until one leaves.
func TestServeConnectionLimit(t *testing.T) {
	alice := sshtest.NewClientKey(t)
	ts := startServer(t, serverSetup{full: []gossh.Signer{alice}, edit: func(c *Config) { c.MaxConnections = 2 }})
	first, err := ts.dial(t, "alice", alice)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.dial(t, "alice", alice); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.dial(t, "alice", alice); err == nil {
		t.Fatal("a third connection got in with a limit of 2")
	}
	ts.log.WaitFor(t, 0, "connection refused (2 connections open, the most)")
	first.Close()
	deadline := time.Now().Add(sshtest.WaitLimit)
	for {
		// The server counts the first connection out once it has seen
		// it close, a moment after the client did.
		if _, err := ts.dial(t, "alice", alice); err == nil {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("no place was given back: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
