package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/explain"
	"smhbin/safe"
)

func (a *app) emptyCmd() *cobra.Command {
	var yes, dryRun bool
	cmd := &cobra.Command{
		Use:   "empty [flags]",
		Short: "Delete everything in the recycle bin permanently",
		Long: `empty deletes every item of the recycle bin for good, in one request: none
of them can be restored afterwards. It needs a token issued with the
delete_recycled grant (or admin / space_admin).

On a terminal it first counts the items and their total size, then asks you
to type the library id; anything else deletes nothing. When stdin is not a
terminal it refuses to run without --yes. --dry-run prints the count and
size and sends nothing. The items leave the listing at once; the server
frees their space in the background.

If the reply is lost or is a server error, smhbin checks whether the bin is
empty and says so; it never sends the request again.

Exit code 0 when the bin was emptied, 1 when that is not confirmed or the
confirmation did not match, 2 for bad usage, --read-only, a refused token
or a token without the grant.`,
		Example: `  smhbin empty --dry-run
  smhbin empty
  smhbin empty --yes`,
		Args: cobra.NoArgs,
		RunE: withConfig(func(cmd *cobra.Command, _ []string, cfg Config) error {
			return a.empty(cmd.Context(), cfg, yes, dryRun)
		}),
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "empty without asking (required when stdin is not a terminal)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print how many items (and bytes) would be deleted, and send nothing")
	return cmd
}

// binTotals counts the listed items and their size.
type binTotals struct {
	items int64
	size  uint64
}

func (t *binTotals) item(it *api.Item) error { t.items++; t.size += it.Size; return nil }
func (t *binTotals) flush() error            { return nil }
func (t *binTotals) finish() error           { return nil }

func (a *app) empty(ctx context.Context, cfg Config, yes, dryRun bool) error {
	if err := a.guardDelete(cfg, yes, dryRun, "empty"); err != nil {
		return err
	}
	cfg, client, stop, err := a.connect(ctx, cfg, a.demoLatency, true)
	if err != nil {
		return err
	}
	defer stop()
	var t binTotals
	if dryRun || !yes {
		_, _, err := listAll(ctx, client, cfg, 0, &t, a.progress)
		a.progressDone()
		if err != nil {
			return err
		}
	}
	what := fmt.Sprintf("%s %s (%s)", humanize.Comma(t.items), plural(int(t.items), "item"), humanize.IBytes(t.size))
	switch {
	case dryRun:
		fmt.Fprintf(a.stdout, "would delete %s from library %s; nothing was deleted\n", what, safe.Text(cfg.LibraryID))
		return nil
	case !yes && !a.confirm(fmt.Sprintf("About to empty the recycle bin of library %s: %s, and anything removed meanwhile, deleted permanently.\nThis cannot be undone. Type the library id (%s) to empty it: ",
		safe.Text(cfg.LibraryID), what, safe.Text(cfg.LibraryID)), cfg.LibraryID):
		return errNotConfirmed
	}
	cfg.Log.printf("empty: library %s", cfg.LibraryID)
	err = client.Empty(ctx)
	switch {
	case err == nil:
		fmt.Fprintln(a.stderr, "emptied the recycle bin; the server frees the space in the background")
		return nil
	case errors.Is(err, api.ErrResponseLost) || serverFailed(err):
		return a.checkEmptied(ctx, client, err)
	}
	var ae *api.APIError
	switch {
	case errors.As(err, &ae) && ae.Code == api.CodeNoPermission:
		return &exitError{code: exitUsage, msg: explain.EmptyRefused}
	case errors.Is(err, api.ErrUnauthorized):
		return &exitError{code: exitAuth, msg: explain.TokenRejectedFor(api.OpDelete)}
	}
	return err
}

func serverFailed(err error) bool {
	var ae *api.APIError
	return errors.As(err, &ae) && ae.Status >= 500
}

// checkEmptied settles an empty whose reply was lost or was a server
// error: the listing says whether the bin is empty now. It never sends
// the request again.
func (a *app) checkEmptied(ctx context.Context, c *api.Client, sent error) error {
	why, _ := explain.Error(sent, explain.Where{})
	p, err := c.List(ctx, api.ListQuery{Limit: 1})
	switch {
	case err != nil:
		return &exitError{code: exitFailure, msg: "not confirmed: " + why + "; and checking the bin failed too; check with smhbin list"}
	case p.TotalNum == 0 && len(p.Items) == 0:
		fmt.Fprintln(a.stderr, "emptied the recycle bin (confirmed: the reply was "+lostOr500(sent)+" but the bin lists nothing now)")
		return nil
	}
	return &exitError{code: exitFailure, msg: fmt.Sprintf("not confirmed: %s; the bin still lists %s items; the server may yet apply it: check with smhbin list",
		why, humanize.Comma(p.TotalNum))}
}

func lostOr500(err error) string {
	if serverFailed(err) {
		return "a server error"
	}
	return "lost"
}
