package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"smhbin/api/fakesmh"
	"smhbin/safe"
)

func (a *app) fakeServerCmd() *cobra.Command {
	var (
		addr string
		o    fakesmh.Options
	)
	cmd := &cobra.Command{
		Use:   "fake-server",
		Short: "Run the SMH recycle-bin emulator on a local port",
		Long: `fake-server runs smhbin's emulator of the SMH recycle-bin API over plain HTTP
until interrupted, with a seeded bin that looks like a real team's: deep
folders, CJK names, items whose folder is gone or whose name is taken.

It prints the endpoint, library id, space id and an export line to point
smhbin (or any SMH client) at it. The token it prints is the emulator's own
fake token. Faults can be injected to try error handling: every Nth request
failing with 500, the token expiring after N requests, batch restores going
asynchronous (202 + task polling) above a threshold.`,
		Example: `  smhbin fake-server
  smhbin fake-server --addr 127.0.0.1:9000 --items 2500 --latency 50ms
  smhbin fake-server --fail-every 7 --token-expires-after 100 --marker-style string`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			usage := func(format string, v ...any) error {
				return &usageError{msg: fmt.Sprintf(format, v...), cmdPath: cmd.CommandPath()}
			}
			switch {
			case o.Items < 0:
				return usage("--items must not be negative")
			case o.Latency < 0:
				return usage("--latency must not be negative")
			case o.MarkerStyle != fakesmh.MarkerInt && o.MarkerStyle != fakesmh.MarkerString:
				return usage("--marker-style must be int or string, not %q", safe.Text(o.MarkerStyle))
			case o.FailEvery < 0 || o.TokenExpiresAfter < 0:
				return usage("--fail-every and --token-expires-after must not be negative")
			}
			if o.Items == 0 {
				o.Items = -1 // the emulator reads 0 as "default"; here it means an empty bin
			}
			return a.fakeServer(cmd, addr, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "listen `address` (host:port; port 0 picks a free one)")
	f.IntVar(&o.Items, "items", fakesmh.DefaultItems, "items in the bin")
	f.Int64Var(&o.Seed, "seed", 1, "data seed: the same seed gives the same bin")
	f.DurationVar(&o.Latency, "latency", 0, "delay added to every request, e.g. 80ms")
	f.IntVar(&o.AsyncThreshold, "async-threshold", fakesmh.DefaultAsyncThreshold, "batch restores of more ids answer 202 with a task (negative: never)")
	f.StringVar(&o.MarkerStyle, "marker-style", fakesmh.MarkerInt, "nextMarker as a JSON int or string")
	f.IntVar(&o.FailEvery, "fail-every", 0, "make every Nth request fail with 500 (0: never)")
	f.IntVar(&o.TokenExpiresAfter, "token-expires-after", 0, "reject the token after N requests (0: never)")
	f.BoolVar(&o.NoDeleteGrant, "no-delete-grant", false, "a token without delete_recycled: deletes and empty answer 403 NoPermission")
	return cmd
}

func (a *app) fakeServer(cmd *cobra.Command, addr string, o fakesmh.Options) error {
	o.LibraryID, o.SpaceID, o.Token = fakesmh.DefaultLibraryID, fakesmh.DefaultSpaceID, fakesmh.DefaultToken
	srv, err := fakesmh.Listen(addr, o)
	if err != nil {
		return listenError(addr, err)
	}
	items := o.Items
	if items < 0 {
		items = 0
	}
	fmt.Fprintf(a.stdout, "SMH emulator listening on %s\n", srv.URL)
	fmt.Fprintf(a.stdout, "  endpoint  %s\n  library   %s\n  space     %s\n  items     %d (seed %d)\n", srv.URL, o.LibraryID, o.SpaceID, items, o.Seed)
	fmt.Fprintf(a.stdout, "export SMH_ENDPOINT=%s SMH_LIBRARY_ID=%s SMH_ACCESS_TOKEN=%s\n", srv.URL, o.LibraryID, o.Token)
	fmt.Fprintln(a.stderr, "Press Ctrl-C to stop.")
	<-cmd.Context().Done()
	srv.Close()
	fmt.Fprintln(a.stderr, "emulator stopped")
	return nil
}
