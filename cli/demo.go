package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"smhbin/api/fakesmh"
)

// Demo library settings. The emulator runs in-process on a loopback port
// that only lives as long as the command.
const (
	demoLibrary    = "smhdemo"
	demoSpace      = "-"
	demoItems      = 3000
	demoTUILatency = 80 * time.Millisecond // enough to see loading states in the UI
)

// startDemo starts the embedded SMH emulator on 127.0.0.1 with seeded demo
// data and returns what a client needs to reach it. The token is random per
// run, like a real one. stop shuts the emulator down; it is not tied to ctx
// so that a graceful stop can still finish the requests in flight.
func startDemo(ctx context.Context, seed int64, latency time.Duration) (endpoint, library, token string, stop func(), err error) {
	if err := ctx.Err(); err != nil {
		return "", "", "", nil, err
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", "", nil, err
	}
	token = "demo" + hex.EncodeToString(b[:])
	srv, err := fakesmh.Listen("127.0.0.1:0", fakesmh.Options{
		LibraryID: demoLibrary,
		SpaceID:   demoSpace,
		Token:     token,
		Items:     demoItems,
		Seed:      seed,
		Latency:   latency,
	})
	if err != nil {
		return "", "", "", nil, err
	}
	return srv.URL, demoLibrary, token, func() { srv.Close() }, nil
}
