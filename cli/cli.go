// Package cli is smhbin's command line: it turns flags and environment
// variables into a Config and runs the terminal UI (the root command) or
// one of the script-friendly commands list, restore and fake-server.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"smhbin/api"
)

// Main runs smhbin with args (without the program name) against the
// process environment and returns the exit code: 0 success, 1 some items
// failed or a runtime error, 2 bad usage, configuration or credentials.
//
// Cancelling ctx (main does so on the first SIGINT or SIGTERM) stops work
// gracefully: a restore lets requests in flight finish and skips the rest.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return newApp(os.Getenv, stdin, stdout, stderr).execute(ctx, args)
}

// run is Main with an injected environment, for tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return newApp(getenv, stdin, stdout, stderr).execute(ctx, args)
}

// app is one invocation of smhbin: its inputs, outputs and parsed flags.
type app struct {
	getenv    func(string) string
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	stderrTTY bool // progress lines only make sense on a terminal

	flags Flags
	cfg   *Config   // once resolved; lets errors be scrubbed of the token
	ran   bool      // a command's RunE started: later errors are not usage errors
	log   *debugLog // --log, once opened; closed when the command ends

	// interrupts delivers the signals that turn a graceful stop into a
	// hard abort. Tests replace it with a channel they control.
	interrupts func() (<-chan os.Signal, func())
	// demoLatency is the emulator latency for list and restore in demo mode.
	demoLatency time.Duration
}

func newApp(getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{
		getenv:      getenv,
		stdin:       stdin,
		stdout:      stdout,
		stderr:      stderr,
		stderrTTY:   isTerminal(stderr),
		interrupts:  notifyInterrupts,
		demoLatency: 2 * time.Millisecond,
	}
}

func notifyInterrupts() (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP) // as main's first one
	return ch, func() { signal.Stop(ch) }
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// execute runs the command line and reports any error as one sentence.
func (a *app) execute(ctx context.Context, args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	documentBuiltins(root) // after SetOut: cobra's completion command keeps the writer it sees
	cmd, err := root.ExecuteContextC(ctx)
	defer a.log.Close()
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if !a.ran && !errors.As(err, &ue) {
		// cobra's own errors (unknown command, wrong number of args)
		// come before any RunE: they are usage mistakes.
		ue = &usageError{msg: err.Error()}
	}
	if ue != nil {
		path := ue.cmdPath
		if path == "" && cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(a.stderr, "smhbin: %s\nRun '%s --help' for usage.\n", cleanText(ue.msg), path)
		return exitUsage
	}
	msg, code := describe(err, a.cfg)
	if msg != "" {
		fmt.Fprintf(a.stderr, "smhbin: %s\n", msg)
	}
	return code
}

// runE marks that the command proper has started, so that errors it
// returns are not mistaken for usage errors.
func (a *app) runE(f func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		a.ran = true
		return f(cmd, args)
	}
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "smhbin",
		Short: "Browse and restore the recycle bin of a Tencent Cloud SMH library",
		Long: `smhbin browses and restores the recycle bin of a Tencent Cloud Smart Media
Hosting (SMH) library. Without a command it opens the terminal UI; list and
restore are for scripts.

Without a configured library (SMH_LIBRARY_ID or --library), or with --demo,
smhbin uses an embedded emulator filled with demo data, so it can be tried
without an account. The access token is read from SMH_ACCESS_TOKEN or
--token-file, never from the command line.`,
		Example: `  smhbin                          # terminal UI on a demo recycle bin
  SMH_LIBRARY_ID=smh123 SMH_ACCESS_TOKEN=acctk… smhbin
  smhbin --token-file ~/.smh-token --library smh123 list --limit 20`,
		Version:       version(),
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          a.runE(a.runRoot),
	}
	root.SetVersionTemplate("smhbin {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error(), cmdPath: c.CommandPath()}
	})
	a.addPersistentFlags(root)
	root.AddCommand(a.listCmd(), a.restoreCmd(), a.fakeServerCmd())
	root.AddCommand(a.serveCmd())
	root.AddCommand(a.configCmd())
	return root
}

func (a *app) addPersistentFlags(root *cobra.Command) {
	d := defaultFlags()
	f := &a.flags
	pf := root.PersistentFlags()
	pf.StringVar(&f.Endpoint, "endpoint", d.Endpoint, "SMH API base URL (env "+envEndpoint+")")
	pf.StringVar(&f.Library, "library", "", "library id (env "+envLibrary+"); none means the demo library")
	pf.StringVar(&f.Space, "space", d.Space, "space id, - for a single-tenant library (env "+envSpace+")")
	pf.StringVar(&f.TokenFile, "token-file", "", "read the access token from `PATH`, or from stdin for - (else env "+envToken+")")
	pf.StringVar(&f.UserID, "user-id", "", "acting user for an admin token (env "+envUserID+")")
	pf.IntVar(&f.PageSize, "page-size", d.PageSize, "items per list request (1-1000)")
	pf.StringVar(&f.OrderBy, "order-by", d.OrderBy, "sort by name|modificationTime|size|removalTime|remainingTime")
	pf.StringVar(&f.Order, "order", d.Order, "sort direction asc|desc")
	pf.BoolVar(&f.Demo, "demo", false, "use the embedded emulator with demo data")
	pf.Int64Var(&f.Seed, "seed", d.Seed, "demo data seed")
	pf.BoolVar(&f.NoColor, "no-color", false, "no colours (also env NO_COLOR)")
	pf.BoolVar(&f.ReadOnly, "read-only", false, "never restore anything")
	pf.StringVar(&f.RestorePath, "restore-path", d.RestorePath, "where restores go when the original folder is gone: originalPath (fail) or fallbackToRoot")
	// The terminal UI's grouping and expiring limits; no environment
	// variable sets them (they are tuning, not credentials or places).
	pf.DurationVar(&f.BatchGap, "batch-gap", d.BatchGap, "terminal UI: a pause of more than `DURATION` (such as 90s, 2m) between two removals starts a new deletion batch (1s-24h)")
	pf.Int64Var(&f.ExpiringDays, "expiring-days", d.ExpiringDays, "terminal UI: the expiring filter (e) keeps items with at most `N` days left (1-365)")
	pf.StringVar(&f.Config, "config", "", "read settings from `PATH` (default $XDG_CONFIG_HOME/smhbin/config.toml or ~/.config/smhbin/config.toml)")
	pf.StringVar(&f.Log, "log", "", "append a debug log (requests, page loads, restores; never the token) to `FILE`")

	complete := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	_ = root.RegisterFlagCompletionFunc("order-by", complete(api.OrderByName, api.OrderByModificationTime, api.OrderBySize, api.OrderByRemovalTime, api.OrderByRemainingTime))
	_ = root.RegisterFlagCompletionFunc("order", complete(api.OrderAsc, api.OrderDesc))
	_ = root.RegisterFlagCompletionFunc("restore-path", complete(string(api.OriginalPath), string(api.FallbackToRoot)))
}

// config resolves the configuration for cmd and prints any warning.
func (a *app) config(cmd *cobra.Command) (Config, error) {
	f := a.flags
	f.Changed = map[string]bool{}
	cmd.Flags().Visit(func(fl *pflag.Flag) { f.Changed[fl.Name] = true })
	cfg, warnings, err := Resolve(f, a.getenv, a.stdin)
	if err != nil {
		return Config{}, err
	}
	if cfg.LogFile != "" && a.log == nil {
		l, w, err := openDebugLog(cfg.LogFile)
		if err != nil {
			return Config{}, err
		}
		a.log, warnings = l, append(warnings, w...)
		a.log.hide(cfg.Token)
		a.log.printf("smhbin %s %s: %s config=%q", version(), cmd.CommandPath(), cfg, cfg.ConfigFile)
	}
	cfg.Log = a.log
	for _, w := range warnings {
		fmt.Fprintln(a.stderr, "smhbin: "+w)
	}
	a.cfg = &cfg
	return cfg, nil
}

// connect resolves the configuration, in demo mode starts the embedded
// emulator and points the configuration at it, and builds the client
// every command talks through. stop must be called when the command is done.
func (a *app) connect(ctx context.Context, cmd *cobra.Command, latency time.Duration, note bool) (Config, *api.Client, func(), error) {
	// A command may have resolved the configuration already (to refuse
	// early); resolving again would read --token-file - from stdin twice.
	var cfg Config
	if a.cfg != nil {
		cfg = *a.cfg
	} else {
		var err error
		if cfg, err = a.config(cmd); err != nil {
			return Config{}, nil, nil, err
		}
	}
	stop := func() {}
	if cfg.Demo {
		endpoint, library, token, stopDemo, err := startDemo(ctx, cfg.Seed, latency)
		if err != nil {
			return Config{}, nil, nil, fmt.Errorf("cannot start the demo library: %w", err)
		}
		stop = stopDemo
		cfg.Endpoint, cfg.LibraryID, cfg.SpaceID, cfg.Token, cfg.UserID = endpoint, library, demoSpace, token, ""
		a.cfg = &cfg
		if note {
			fmt.Fprintln(a.stderr, "smhbin: demo library (embedded emulator) — set SMH_LIBRARY_ID, or library in the config file, to use a real one")
		}
	}
	client, err := newClient(cfg)
	if err != nil {
		stop()
		return Config{}, nil, nil, err
	}
	return cfg, client, stop, nil
}

// newClient builds the API client for cfg; with --log it logs each
// exchange (method, path, status, duration, request id).
func newClient(cfg Config) (*api.Client, error) {
	cfg.Log.hide(cfg.Token) // the demo's token is only known now
	c, err := api.New(api.Config{
		Endpoint:  cfg.Endpoint,
		LibraryID: cfg.LibraryID,
		SpaceID:   cfg.SpaceID,
		Token:     cfg.Token,
		UserID:    cfg.UserID,
		Logf:      cfg.Log.logf("http"),
	})
	if err != nil {
		return nil, &configError{msg: err.Error()}
	}
	return c, nil
}

func (a *app) runRoot(cmd *cobra.Command, _ []string) error {
	cfg, client, stop, err := a.connect(cmd.Context(), cmd, demoTUILatency, false)
	if err != nil {
		return err
	}
	defer stop()
	return runTUI(cmd.Context(), cfg, client, a.getenv, a.stdin, a.stdout, a.stderr)
}

// version is the module version stamped by the go tool, or "dev" for
// builds from a work tree.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "dev"
	}
	return bi.Main.Version
}
