package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/safe"
)

func (a *app) restoreCmd() *cobra.Command {
	var f batchFlags
	cmd := &cobra.Command{
		Use:   "restore [flags] ID... | -",
		Short: "Restore items from the recycle bin by id",
		Long: `restore puts recycled items back, in batches of --chunk ids with up to
--concurrency batches in flight, and prints one line per item as its result
arrives:

  ID  restored  /path/to/final (1).docx
  ID  failed  CODE  message
  ID  skipped  CODE  message
  ID  unknown  CODE  message     (the run was aborted with the request in flight)

A name clash is resolved by the server with a " (1)" suffix. With
--restore-path originalPath (the default) an item whose folder is gone fails
with DirectoryNotFound; fallbackToRoot restores it to the space root.
A summary goes to stderr. Give - as the only argument to read ids from stdin.

Exit code 0 when every item was restored, 1 when some were not, 2 for bad
usage or a missing grant, 4 when the token is missing, rejected or expired
(renew it and rerun with the items not restored). Interrupt (Ctrl-C) once to stop after the requests
in flight (the rest is reported skipped); twice to abort them.`,
		Example: `  smhbin restore 312 313
  smhbin restore --restore-path fallbackToRoot 312
  smhbin list --jq '.[] | select(.name | endswith(".docx")) | .recycledItemId' | smhbin restore -
  smhbin restore 312 313 | awk '$2 != "restored" {print $1}'     # the ids to retry, exact`,
		// The checks come before the configuration is resolved, which
		// may read the token from stdin.
		Args: func(cmd *cobra.Command, args []string) error { return a.checkBatchArgs(cmd, args, f) },
		RunE: withConfig(func(cmd *cobra.Command, args []string, cfg Config) error {
			ids, err := a.idsOf(cmd, args)
			if err != nil {
				return err
			}
			return a.restore(cmd, cfg, ids, f.asJSON, f.engineOptions())
		}),
	}
	f.add(cmd, "print one JSON object per item: id, status, code, message, path")
	return cmd
}

// parseIDs reads decimal int64 ids from args, or from stdin when the only
// argument is "-" (separated by white space or commas; # starts a comment).
// Duplicates are dropped, keeping the first occurrence.
func (a *app) parseIDs(args []string) ([]int64, error) {
	words := args
	if len(args) == 1 && args[0] == "-" {
		var err error
		if words, err = readWords(a.stdin); err != nil {
			return nil, fmt.Errorf("cannot read ids from stdin: %v", err)
		}
	}
	seen := make(map[int64]bool, len(words))
	ids := make([]int64, 0, len(words))
	for _, w := range words {
		if w == "-" {
			return nil, fmt.Errorf("- must be the only argument")
		}
		id, err := strconv.ParseInt(w, 10, 64)
		if err != nil || id < 0 {
			return nil, fmt.Errorf("%q is not a recycled item id (a non-negative integer)", safe.Text(w))
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func readWords(r io.Reader) ([]string, error) {
	if r == nil {
		return nil, nil
	}
	var words []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		words = append(words, strings.FieldsFunc(line, func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\r'
		})...)
	}
	return words, sc.Err()
}

func (a *app) restore(cmd *cobra.Command, cfg Config, ids []int64, asJSON bool, opts api.EngineOptions) error {
	// Refuse before starting anything (the demo emulator, the client).
	if cfg.ReadOnly {
		return configErrorf("restores are disabled by --read-only")
	}
	cfg, client, stop, err := a.connect(cmd.Context(), cfg, a.demoLatency, true)
	if err != nil {
		return err
	}
	defer stop()
	cfg.Log.printf("restore: %d ids, path strategy %s", len(ids), cfg.RestorePath)
	return a.runEngine(cmd.Context(), cfg, api.NewEngine(client, opts), api.OpRestore, ids, asJSON)
}
