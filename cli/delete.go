package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"smhbin/api"
)

// deleteFlags are the flags of delete.
type deleteFlags struct {
	batchFlags
	yes, dryRun bool
}

func (a *app) deleteCmd() *cobra.Command {
	var f deleteFlags
	cmd := &cobra.Command{
		Use:   "delete [flags] ID... | -",
		Short: "Delete items from the recycle bin permanently, by id",
		Long: `delete removes recycled items for good: they cannot be restored afterwards,
from smhbin or anywhere else. It needs a token issued with the
delete_recycled grant (or admin / space_admin).

On a terminal it first lists the items (name, size, path; first few and
"and N more"), their total size, and asks you to type the number of items
(or the word delete for one item); anything else deletes nothing. Ids that
are not in the bin, and items whose authorityList.canDelete is false, are
left out and reported skipped. When stdin is not a terminal (a script, a
pipe, ids given with -) it refuses to run without --yes, which skips the
question and the look-up: the API answers a batch delete 204 whatever its
ids, so an id that was not in the bin is then reported deleted too.
--dry-run prints what would be deleted and sends nothing.

Ids go in batches of --chunk with up to --concurrency batches in flight;
one line per item is printed as its result arrives:

  ID  deleted
  ID  failed  CODE  message
  ID  skipped  CODE  message
  ID  unknown  CODE  message

A batch the server answers with 500 (it says no more, and may have deleted
part of it) or whose reply is lost is never resent: each of its items is
checked and reported deleted, failed StillInBin, or unknown NotConfirmed.
A summary goes to stderr.

Exit code 0 when every item was deleted, 1 when some were not or the
confirmation did not match, 2 for bad usage, --read-only, a refused token
or a token without the grant. Interrupt once to stop after the requests in
flight; twice to abort them.`,
		Example: `  smhbin delete 312 313
  smhbin delete --dry-run 312 313
  smhbin list --json | jq -r '.[] | select(.remainingTime < 2) | .recycledItemId' | smhbin delete --yes -
  smhbin delete --yes --json 312 | jq -r 'select(.status != "deleted") | .id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && args[0] == "-" && !f.yes && !f.dryRun {
				return &usageError{msg: "with ids on stdin the confirmation cannot be typed: add --yes (check first with --dry-run)", cmdPath: cmd.CommandPath()}
			}
			return a.checkBatchArgs(cmd, args, f.batchFlags)
		},
		RunE: withConfig(func(cmd *cobra.Command, args []string, cfg Config) error {
			ids, err := a.idsOf(cmd, args)
			if err != nil {
				return err
			}
			return a.deleteItems(cmd, cfg, ids, f)
		}),
	}
	cmd.Flags().BoolVarP(&f.yes, "yes", "y", false, "delete without asking (required when stdin is not a terminal)")
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "print what would be deleted (ids, names, total size) and send nothing")
	f.add(cmd, "print one JSON object per item: id, status, code, message")
	return cmd
}

// errNotConfirmed ends a delete or empty whose typed confirmation did not
// match: nothing was sent.
var errNotConfirmed = &exitError{code: exitFailure, msg: "not confirmed: nothing was deleted"}

// guardDelete is the check every destructive command makes before it
// connects: --read-only refuses (a dry run sends nothing, so it may run),
// and without --yes the confirmation must be typable on a terminal.
func (a *app) guardDelete(cfg Config, yes, dryRun bool, what string) error {
	switch {
	case dryRun:
		return nil
	case cfg.ReadOnly:
		return configErrorf("%s: refused by --read-only", what)
	case !yes && !a.stdinIsTerminal():
		return &exitError{code: exitUsage, msg: fmt.Sprintf("%s: refused, since it cannot be undone and stdin is not a terminal to confirm on; add --yes (check first with --dry-run)", what)}
	}
	return nil
}

func (a *app) deleteItems(cmd *cobra.Command, cfg Config, ids []int64, f deleteFlags) error {
	if err := a.guardDelete(cfg, f.yes, f.dryRun, "delete"); err != nil {
		return err
	}
	ctx := cmd.Context()
	cfg, client, stop, err := a.connect(ctx, cfg, a.demoLatency, true)
	if err != nil {
		return err
	}
	defer stop()
	send, pre := ids, []api.Event(nil)
	if f.dryRun || !f.yes {
		found, err := a.lookupItems(ctx, client, cfg, ids)
		if err != nil {
			return err
		}
		if f.dryRun {
			return a.printDryRun(ids, found, f.asJSON)
		}
		send, pre = deletable(ids, found)
		if len(send) > 0 && !a.confirmDelete(send, found, len(pre)) {
			return errNotConfirmed
		}
	}
	cfg.Log.printf("delete: %d ids", len(send))
	err = a.runEngine(ctx, cfg, api.NewEngine(client, f.engineOptions()), api.OpDelete, send, f.asJSON, pre...)
	var ee *exitError
	if len(send) == 0 && errors.As(err, &ee) && ee.msg == "" {
		ee.msg = "nothing to delete"
	}
	return err
}
