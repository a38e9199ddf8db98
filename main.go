// Command smhbin browses and restores the recycle bin of a Tencent Cloud
// Smart Media Hosting (SMH) library, in a terminal UI or from scripts.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"smhbin/cli"
)

func main() {
	// The first SIGINT, SIGTERM or SIGHUP cancels ctx, which cli turns into
	// a graceful stop (the terminal restored, sessions told, logs
	// written); cli itself listens for a second one to abort. SIGHUP would
	// otherwise kill the process on the spot: a closed terminal window or
	// a service manager's reload must not leave a restore half-reported.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
