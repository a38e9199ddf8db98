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

	"smhbin/api"
	"smhbin/config"
	"smhbin/safe"
)

// Main runs smhbin with args (without the program name) against the
// process environment and returns the exit code: 0 success, 1 some items
// failed or a runtime error, 2 bad usage or configuration, 4 a missing,
// rejected or expired access token (see exitCode).
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

// app is one invocation of smhbin: its inputs, outputs and settings.
type app struct {
	getenv    func(string) string
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	stderrTTY bool // progress lines only make sense on a terminal

	settings *config.Set // the flags bind to it; resolved once, before a command runs
	log      *debugLog   // --log, once opened; closed when the command ends

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
		settings:    config.New(),
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
	typeArgErrors(root)
	cmd, err := root.ExecuteContextC(ctx)
	defer a.log.Close()
	if err == nil {
		return exitOK
	}
	if ce := (*config.Error)(nil); errors.As(err, &ce) {
		err = &configError{msg: ce.Msg}
	}
	var ue *usageError
	if errors.As(err, &ue) {
		path := ue.cmdPath
		if path == "" && cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(a.stderr, "smhbin: %s\nRun '%s --help' for usage.\n", safe.Text(ue.msg), path)
		return exitCode(err)
	}
	msg, code := describe(err, configOf(cmd))
	if msg != "" {
		fmt.Fprintf(a.stderr, "smhbin: %s\n", msg)
	}
	return code
}

// typeArgErrors makes the argument check of every command, cobra's own
// help and completion included, return a *usageError: its mistakes
// ("unknown command", a missing id) are the user's, exit code 2.
func typeArgErrors(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			err := check(cmd, args)
			var ue *usageError
			if err != nil && !errors.As(err, &ue) {
				err = &usageError{msg: err.Error(), cmdPath: cmd.CommandPath()}
			}
			return err
		}
	}
	for _, sub := range c.Commands() {
		typeArgErrors(sub)
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
--token-file, never from the command line.

` + exitCodesHelp,
		Example: `  smhbin                          # terminal UI on a demo recycle bin
  SMH_LIBRARY_ID=smh123 SMH_ACCESS_TOKEN=acctk… smhbin
  smhbin --token-file ~/.smh-token --library smh123 list --limit 20`,
		Version:           versionText(debug.ReadBuildInfo()),
		Args:              noArgs,
		SilenceUsage:      true,
		SilenceErrors:     true,
		RunE:              withConfig(a.runRoot),
		PersistentPreRunE: a.resolveHook(nil),
		// "lsit" is two edits from "list".
		SuggestionsMinimumDistance: 2,
	}
	root.SetVersionTemplate("{{.Version}}")
	a.setHelp(root)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if ce, ok := config.FlagError(err); ok {
			return ce // a bad value of a setting: one sentence, exit 2
		}
		return &usageError{msg: err.Error(), cmdPath: c.CommandPath()}
	})
	// Each command takes the flags of the settings it uses, and only
	// those (config.Setting.Scope): none is persistent.
	a.usesConfig(root, config.TUI)
	root.AddCommand(a.usesConfig(a.listCmd(), config.List), a.usesConfig(a.restoreCmd(), config.Restore), a.fakeServerCmd())
	root.AddCommand(a.usesConfig(a.deleteCmd(), config.Delete), a.usesConfig(a.emptyCmd(), config.Empty))
	root.AddCommand(a.usesConfig(a.serveCmd(), config.Serve))
	cfgCmd := a.configCmd()
	a.addSettingFlags(cfgCmd, cfgCmd.PersistentFlags(), config.ConfigCmd)
	root.AddCommand(cfgCmd)
	return root
}

// connect, in demo mode, starts the embedded emulator and points cfg at
// it, and builds the client every command talks through. stop must be
// called when the command is done.
func (a *app) connect(ctx context.Context, cfg Config, latency time.Duration, note bool) (Config, *api.Client, func(), error) {
	stop := func() {}
	if cfg.Demo {
		endpoint, library, token, stopDemo, err := startDemo(ctx, cfg.Seed, latency)
		if err != nil {
			return Config{}, nil, nil, fmt.Errorf("cannot start the demo library: %w", err)
		}
		stop = stopDemo
		cfg.Endpoint, cfg.LibraryID, cfg.SpaceID, cfg.Token, cfg.UserID = endpoint, library, demoSpace, token, ""
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

func (a *app) runRoot(cmd *cobra.Command, _ []string, cfg Config) error {
	cfg, client, stop, err := a.connect(cmd.Context(), cfg, demoTUILatency, false)
	if err != nil {
		return err
	}
	defer stop()
	return runTUI(cmd.Context(), cfg, client, a.getenv, a.stdin, a.stdout, a.stderr)
}
