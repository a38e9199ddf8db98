package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/safe"
	"smhbin/ui"
)

// batchFlags are the flags restore and delete share.
type batchFlags struct {
	asJSON             bool
	chunk, concurrency int
}

func (f *batchFlags) add(cmd *cobra.Command, jsonHelp string) {
	cmd.Flags().BoolVar(&f.asJSON, "json", false, jsonHelp)
	cmd.Flags().IntVar(&f.chunk, "chunk", api.DefaultChunkSize, fmt.Sprintf("ids per batch request (1-%d)", api.MaxChunkSize))
	cmd.Flags().IntVar(&f.concurrency, "concurrency", api.DefaultConcurrency, fmt.Sprintf("batch requests in flight at once (1-%d)", maxConcurrency))
}

func (f *batchFlags) engineOptions() api.EngineOptions {
	return api.EngineOptions{ChunkSize: f.chunk, Concurrency: f.concurrency}
}

// maxConcurrency keeps a script from flooding the server.
const maxConcurrency = 32

// checkBatchArgs checks the ids arguments and the batch flags of restore
// or delete. It runs before the configuration is resolved, which may
// read the token from stdin.
func (a *app) checkBatchArgs(cmd *cobra.Command, args []string, f batchFlags) error {
	usage := func(format string, v ...any) error {
		return &usageError{msg: fmt.Sprintf(format, v...), cmdPath: cmd.CommandPath()}
	}
	switch {
	case len(args) == 0:
		return usage("%s needs at least one id (or - to read ids from stdin)", cmd.Name())
	case f.chunk < 1 || f.chunk > api.MaxChunkSize:
		return usage("--chunk must be between 1 and %d, not %d", api.MaxChunkSize, f.chunk)
	case f.concurrency < 1 || f.concurrency > maxConcurrency:
		return usage("--concurrency must be between 1 and %d, not %d", maxConcurrency, f.concurrency)
	case len(args) == 1 && args[0] == "-" && a.settings.TokenFileFlag() == "-":
		return usage("ids and the token cannot both come from stdin: use --token-file PATH or SMH_ACCESS_TOKEN")
	}
	return nil
}

// idsOf parses the ids of restore or delete (see parseIDs); a mistake is
// a usage error.
func (a *app) idsOf(cmd *cobra.Command, args []string) ([]int64, error) {
	ids, err := a.parseIDs(args)
	switch {
	case err != nil:
		return nil, &usageError{msg: err.Error(), cmdPath: cmd.CommandPath()}
	case len(ids) == 0:
		return nil, &usageError{msg: "no ids on stdin", cmdPath: cmd.CommandPath()}
	}
	return ids, nil
}

// runEngine runs op on ids through e, printing each item's result as it
// arrives and the summary on stderr, and returns the command's outcome.
// Restore and delete share it, interrupt handling included. pre are the
// final events of ids left out before the run; they are reported first.
func (a *app) runEngine(ctx context.Context, cfg Config, e *api.Engine, op api.Op, ids []int64, asJSON bool, pre ...api.Event) error {
	all := make([]int64, 0, len(pre)+len(ids))
	for _, ev := range pre {
		all = append(all, ev.ID)
	}
	rep := newRunReport(op, a.stdout, asJSON, append(all, ids...))
	for _, ev := range pre {
		if err := rep.event(ev); err != nil {
			return err
		}
	}
	// The engine gets a context that the first interrupt does not cancel:
	// that one becomes Run.Cancel, which lets requests in flight finish. A
	// second interrupt cancels engineCtx and aborts them.
	engineCtx, abort := context.WithCancel(context.WithoutCancel(ctx))
	defer abort()
	var run *api.Run
	if op == api.OpDelete {
		run = e.StartDelete(engineCtx, ids)
	} else {
		run = e.Start(engineCtx, ids, cfg.RestorePath)
	}
	stderr := ui.LockOutput(a.stderr) // the result loop and the interrupt watcher both write
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		a.watchInterrupt(ctx, done, run, abort, stderr)
	}()
	for ev := range run.Events() {
		logEvent(cfg.Log, op, ev)
		if err := rep.event(ev); err != nil {
			close(done)
			<-watched
			return err
		}
	}
	close(done)
	<-watched
	if err := rep.finish(); err != nil {
		return err
	}
	fmt.Fprintln(stderr, rep.summary())
	cfg.Log.printf("%s: %s", op, rep.summary())
	return rep.outcome(&cfg)
}

// logEvent records an item's outcome in the debug log: failures, unknowns
// and skips with their code, restores with their final path.
func logEvent(l *debugLog, op api.Op, ev api.Event) {
	switch ev.Kind {
	case api.Restored:
		l.printf("restore: %d restored to /%s", ev.ID, safe.Text(strings.Join(ev.Path, "/")))
	case api.Deleted:
		l.printf("delete: %d deleted", ev.ID)
	case api.Failed, api.Skipped, api.Unknown:
		l.printf("%s: %d %s %s: %s", op, ev.ID, ev.Kind, ev.Code, safe.Text(ev.Message))
	}
}

// watchInterrupt turns the first cancellation of ctx into a graceful
// Run.Cancel and a later interrupt signal into a hard abort.
func (a *app) watchInterrupt(ctx context.Context, done <-chan struct{}, run *api.Run, abort context.CancelFunc, stderr io.Writer) {
	select {
	case <-done:
		return
	case <-ctx.Done():
	}
	run.Cancel()
	fmt.Fprintln(stderr, "smhbin: stopping: requests in flight will finish, the rest is skipped (interrupt again to abort)")
	sigs, stopSignals := a.interrupts()
	defer stopSignals()
	select {
	case <-done:
	case <-sigs:
		fmt.Fprintln(stderr, "smhbin: aborting the requests in flight")
		abort()
	}
}
