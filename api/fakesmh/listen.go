package fakesmh

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// shutdownGrace is how long Close lets in-flight requests finish before it
// cuts their connections.
const shutdownGrace = 2 * time.Second

// Running is a Server listening on a real socket.
type Running struct {
	// URL is the base URL to give a client, e.g. "http://127.0.0.1:43123".
	URL string
	// Server is the emulator behind the listener, for inspection and control.
	Server *Server

	srv       *http.Server
	done      chan error
	closeOnce sync.Once
	closeErr  error
}

// Listen starts a Server made from opts on addr (e.g. "127.0.0.1:0") and
// serves it in a goroutine until Close.
func Listen(addr string, opts Options) (*Running, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := New(opts)
	run := &Running{
		URL:    "http://" + ln.Addr().String(),
		Server: s,
		srv:    &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second},
		done:   make(chan error, 1),
	}
	go func() {
		err := run.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		run.done <- err
	}()
	return run, nil
}

// Close stops the listener, releases hung requests, waits briefly for
// in-flight ones and returns once the serving goroutine has ended. Later
// calls return the first call's result.
func (r *Running) Close() error {
	r.closeOnce.Do(func() { r.closeErr = r.shutdown() })
	return r.closeErr
}

func (r *Running) shutdown() error {
	r.Server.release()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := r.srv.Shutdown(ctx)
	if err != nil {
		err = r.srv.Close()
	}
	if serveErr := <-r.done; err == nil {
		err = serveErr
	}
	return err
}

// release unblocks every request held by Latency or a Hang fault.
func (s *Server) release() {
	s.quitOnce.Do(func() { close(s.quit) })
}
