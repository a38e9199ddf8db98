package cli

import (
	"context"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/config"
	"smhbin/termimg"
	"smhbin/ui"
)

// runTUI runs the terminal UI on cfg until the user quits. The program's
// context is cancelled on return, which hard-aborts anything still in
// flight; the UI itself only lets the user quit once a restore settled or
// with the explicit force-quit key.
func runTUI(ctx context.Context, cfg Config, client *api.Client, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	// The UI's requests have a context of their own, cancelled once the
	// program has ended. A signal (ctx) quits the program as the
	// force-quit key does and only then aborts what is in flight: had it
	// cancelled the requests first, the engine would settle the chunks
	// not yet sent as skipped before the program saw the quit, and the
	// summary below would leave them out where a quit counts them.
	uiCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	out := ui.LockOutput(stdout)
	opts := uiOptions(uiCtx, cfg, client, out, getenv)
	if !cfg.ReadOnly {
		// One engine for both, so its ledger keeps a restore and a delete
		// of the same item apart.
		eng := api.NewEngine(client, api.EngineOptions{})
		opts.Restorer, opts.Deleter = eng, eng
	}
	statePath, remembered := loadUIState(cfg, getenv) // not for serve: each SSH user starts fresh
	opts.Remembered = remembered
	m := ui.New(opts)
	// Signals reach the program only through ctx (main cancels it on
	// SIGINT, SIGTERM and SIGHUP), which asks it to quit as ctrl+\ would;
	// requests in flight are aborted when it has (uiCtx above).
	// Bubble Tea's own handler stays off in v2 too: it knows no SIGHUP,
	// turns SIGINT into ErrInterrupted (an abort, not q's quit) and would
	// be a second path racing main's for SIGTERM (v1's hung the program
	// on exit, 13 SIGTERMs of 30 under a pty). ctx is not the program's
	// context either: cancelling that kills the program rather than
	// letting it quit.
	p := tea.NewProgram(m, tea.WithInput(stdin), tea.WithOutput(out), tea.WithoutSignalHandler(),
		tea.WithColorProfile(ui.ProfileFromEnv(getenv, cfg.NoColor)))
	defer context.AfterFunc(ctx, p.Quit)()
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	saveUIState(cfg, statePath, m.Remembered())
	if s := m.ExitNote(); s != "" {
		fmt.Fprintln(stderr, "smhbin: "+s)
	}
	if code := m.ExitCode(); code != 0 {
		// The note above said what; the code tells a script.
		return &exitError{code: code}
	}
	return nil
}

// uiOptions maps the configuration onto the UI's options. It sets no
// Restorer: the caller decides which engine (the SSH server shares one
// across sessions so its ledger spans them).
func uiOptions(ctx context.Context, cfg Config, client *api.Client, out io.Writer, getenv func(string) string) ui.Options {
	styles := ui.StylesFor(getenv, cfg.NoColor)
	if cfg.Palette != nil {
		styles = ui.StylesWithPalette(getenv, cfg.NoColor, *cfg.Palette)
	}
	o := ui.Options{
		Context:      ctx,
		Client:       client,
		Styles:       styles,
		Library:      cfg.LibraryID,
		PageSize:     cfg.PageSize,
		OrderBy:      cfg.OrderBy,
		Order:        cfg.Order,
		RestorePath:  cfg.RestorePath,
		Demo:         cfg.Demo,
		ReadOnly:     cfg.ReadOnly,
		NoMouse:      cfg.NoMouse,
		BatchGap:     cfg.BatchGap,
		ExpiringDays: cfg.ExpiringDays,
		Preview:      termimg.Resolve(cfg.Preview, getenv), // a serve session's own environment
		Clipboard:    ui.OSC52Clipboard(out, getenv),
		Logf:         cfg.Log.asyncLogf("ui"), // Update must not wait on the disk
	}
	if cfg.KeyMap != nil {
		o.KeyMap = *cfg.KeyMap
	}
	if path := cfg.TokenFile; path != "" && client != nil {
		// A rejected token can be refreshed in its file and read again
		// from the UI; the token goes from the file to the client only.
		o.ReloadToken = func() error {
			tok, err := config.ReadTokenFile(path)
			if err != nil {
				return err
			}
			client.SetToken(tok)
			return nil
		}
	}
	return o
}
