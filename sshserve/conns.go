package sshserve

import (
	"context"
	"net"
	"slices"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// connLimiter admits connections. At most max are open at once, of which
// at most maxPending have not authenticated yet, and each must
// authenticate within deadline or be closed. When a new connection finds
// the pending slots (or all slots) taken, the oldest pending connection
// makes room: a client that connects and says nothing (1,100 of them once
// locked real users out through the file-descriptor limit) is the one to
// go, not the user arriving after it. Only when every slot holds an
// authenticated connection is the newcomer turned away.
type connLimiter struct {
	max, maxPending int
	deadline        time.Duration
	log             *serveLog

	mu      sync.Mutex
	open    int            // connections admitted and not yet closed
	pending []*pendingConn // not yet authenticated, oldest first
}

// pendingConn is an admitted connection; it stays in the limiter's
// pending list until it authenticates or closes.
type pendingConn struct {
	net.Conn
	l        *connLimiter
	timer    *time.Timer // closes the connection at the handshake deadline
	authed   bool        // guarded by l.mu
	released bool        // counted out of l.open; guarded by l.mu
}

// connKey finds a connection's pendingConn in its ssh.Context.
type connKeyType struct{}

var connKey connKeyType

// newConnLimiter admits up to most connections, a quarter of them (at
// least one) pending.
func newConnLimiter(most int, deadline time.Duration, log *serveLog) *connLimiter {
	return &connLimiter{max: most, maxPending: max(1, most/4), deadline: deadline, log: log}
}

// listener admits connections in the order they arrive: admission runs
// in Accept, which the server calls from one goroutine, so the newest
// connection is always the last in the pending list. (The server's
// ConnCallback runs in a goroutine per connection, in no set order.)
type listener struct {
	net.Listener
	l *connLimiter
}

// Accept returns the next admitted connection, closing those refused.
func (ln listener) Accept() (net.Conn, error) {
	for {
		c, err := ln.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if pc := ln.l.admit(c); pc != nil {
			return pc, nil
		}
		_ = c.Close()
	}
}

// admit counts c in, making room by dropping the oldest pending
// connection if need be; nil when every place holds an authenticated
// connection.
func (l *connLimiter) admit(c net.Conn) *pendingConn {
	l.mu.Lock()
	var evicted *pendingConn
	if len(l.pending) >= l.maxPending || l.open >= l.max {
		if len(l.pending) == 0 {
			l.mu.Unlock()
			l.log.printf("connection refused (%d connections open, the most) remote=%s", l.max, c.RemoteAddr())
			return nil
		}
		evicted = l.pending[0]
		l.releaseLocked(evicted)
	}
	pc := &pendingConn{Conn: c, l: l}
	l.open++
	l.pending = append(l.pending, pc)
	pc.timer = time.AfterFunc(l.deadline, pc.expire)
	l.mu.Unlock()
	if evicted != nil {
		l.log.printf("connection dropped: not authenticated, and its place was needed remote=%s", evicted.RemoteAddr())
		_ = evicted.Conn.Close()
	}
	return pc
}

// track is the server's ConnCallback: it files the connection in its
// context, for authenticated.
func (l *connLimiter) track(ctx ssh.Context, c net.Conn) net.Conn {
	ctx.SetValue(connKey, c)
	return c
}

// authenticated is called when the connection in ctx has authenticated:
// it no longer counts as pending and its handshake deadline is lifted.
func (l *connLimiter) authenticated(ctx ssh.Context) {
	pc, ok := ctx.Value(connKey).(*pendingConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if pc.released || pc.authed {
		return
	}
	pc.authed = true
	pc.timer.Stop()
	l.pending = slices.DeleteFunc(l.pending, func(p *pendingConn) bool { return p == pc })
}

// serverConfig hooks authentication into the limiter: the auth log
// callback is the one call x/crypto/ssh makes once a client has proved
// its key (the public-key callback also runs for mere queries).
func (l *connLimiter) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{
		AuthLogCallback: func(_ gossh.ConnMetadata, _ string, err error) {
			if err == nil {
				l.authenticated(ctx)
			}
		},
	}
}

// releaseLocked counts pc out, once.
func (l *connLimiter) releaseLocked(pc *pendingConn) {
	if pc.released {
		return
	}
	pc.released = true
	pc.timer.Stop()
	l.open--
	if !pc.authed {
		l.pending = slices.DeleteFunc(l.pending, func(p *pendingConn) bool { return p == pc })
	}
}

// expire closes the connection if it has not authenticated by now.
func (pc *pendingConn) expire() {
	l := pc.l
	l.mu.Lock()
	if pc.authed || pc.released {
		l.mu.Unlock()
		return
	}
	l.releaseLocked(pc)
	l.mu.Unlock()
	l.log.printf("connection closed: not authenticated within %s remote=%s", l.deadline, pc.RemoteAddr())
	_ = pc.Conn.Close()
}

// Close counts the connection out and closes it.
func (pc *pendingConn) Close() error {
	pc.l.mu.Lock()
	pc.l.releaseLocked(pc)
	pc.l.mu.Unlock()
	return pc.Conn.Close()
}

// closePending closes every connection still authenticating: at shutdown
// nobody is waiting for them.
func (l *connLimiter) closePending() {
	l.mu.Lock()
	pending := slices.Clone(l.pending)
	for _, pc := range pending {
		l.releaseLocked(pc)
	}
	l.mu.Unlock()
	for _, pc := range pending {
		_ = pc.Conn.Close()
	}
}

// waitClosed waits until every admitted connection has closed, or ctx is
// done; it reports whether they all closed. It polls: this runs once, at
// shutdown, and a condition variable could not also watch ctx.
func (l *connLimiter) waitClosed(ctx context.Context) bool {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		l.mu.Lock()
		open := l.open
		l.mu.Unlock()
		if open == 0 {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
}
