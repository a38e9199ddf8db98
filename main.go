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
	// The first SIGINT/SIGTERM cancels ctx, which cli turns into a graceful
	// stop; cli itself listens for a second one to abort.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
