package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/query"
	"smhbin/safe"
)

func (a *app) listCmd() *cobra.Command {
	var asJSON bool
	var limit int
	var asCSV, asIDs bool
	var filter, jqExpr string
	var jq *jqProgram  // compiled by Args, so a bad expression is a usage error too
	var q *query.Query // parsed by Args, so a bad query is a usage error before any request
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Print the items in the recycle bin",
		Long: `list prints every item in the recycle bin, following the server's pages to
the end, in the server's order (see --order-by and --order).

The table shows id, size (SI units, as the TUI: 1 MB = 1,000,000 bytes),
deletion time (local), days left before the item is purged and the original
path. --json prints one JSON array of items with the API's field names and
exact ids. --ids prints one id per line and --jq evaluates a jq expression
on that array in-process with exact integers: ids can exceed 2^53, which
jq 1.6 and other float64 JSON readers silently round, so feed scripts --ids
or --jq rather than piping --json into jq.

If a page fails, list stops, says on stderr how many items it had listed,
and exits 1 (4 when the token was rejected or expired). --json then still
prints a complete JSON array of the items listed so far, and --jq prints
nothing. Output streams as pages arrive, in memory bounded by one page
(--jq alone needs the whole array).

--filter narrows the listing client-side with the filter language of the
TUI's / prompt (see the README): every page is still fetched (up to
--limit) and only the matching items are printed.`,
		Example: `  smhbin list
  smhbin list --order-by size --order desc --limit 20
  smhbin list --json > bin.json
  smhbin list --csv > bin.csv
  smhbin list --filter 'type:image size:>5MB deleted:<7d'
  smhbin list --ids --filter 'deleted:<1d' | smhbin restore -
  smhbin list --jq '.[] | select(.remainingTime < 7) | .recycledItemId'`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case limit < 0:
				return &usageError{msg: "--limit must not be negative", cmdPath: cmd.CommandPath()}
			}
			if err := checkListFormats(cmd, asJSON, asCSV, asIDs); err != nil {
				return err
			}
			var err error
			if q, err = parseListFilter(filter, cmd.CommandPath()); err != nil {
				return err
			}
			if jq, err = compileJQ(jqExpr, cmd, asCSV || asIDs); err != nil {
				return err
			}
			return cobra.NoArgs(cmd, args)
		},
		RunE: withConfig(func(cmd *cobra.Command, _ []string, cfg Config) error {
			format := "table"
			switch {
			case jq != nil:
				format = "jq"
			case asJSON:
				format = "json"
			case asCSV:
				format = "csv"
			case asIDs:
				format = "ids"
			}
			return a.list(cmd, cfg, format, limit, q, jq)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array of items")
	cmd.Flags().BoolVar(&asCSV, "csv", false, "print CSV rows with the API's field names as the header")
	cmd.Flags().BoolVar(&asIDs, "ids", false, "print only the ids, one per line (exact, for scripts)")
	cmd.Flags().StringVar(&jqExpr, "jq", "", "print the results of jq `EXPRESSION` run on the JSON array, with exact integers (strings unquoted)")
	cmd.Flags().IntVar(&limit, "limit", 0, "stop after `N` items (0: all)")
	cmd.Flags().StringVar(&filter, "filter", "", "print only the items matching `QUERY` (client-side; e.g. 'type:image size:>5MB')")
	return cmd
}

// itemSink receives the listing item by item.
type itemSink interface {
	item(it *api.Item) error
	flush() error  // after each page, so output streams
	finish() error // after the last page
}

func (a *app) list(cmd *cobra.Command, cfg Config, format string, limit int, filter *query.Query, jq *jqProgram) error {
	ctx := cmd.Context()
	cfg, client, stop, err := a.connect(ctx, cfg, a.demoLatency, true)
	if err != nil {
		return err
	}
	defer stop()
	var sink itemSink
	switch format {
	case "json":
		sink = newJSONSink(a.stdout)
	case "csv":
		if sink, err = newCSVSink(a.stdout); err != nil {
			return err
		}
	case "ids":
		sink = newIDSink(a.stdout)
	case "jq":
		sink = newJQSink(ctx, a.stdout, jq)
	default:
		sink = newTableSink(a.stdout)
	}
	if filter != nil {
		var note io.Writer
		if format == "table" {
			note = a.stderr
		}
		sink = newFilterSink(sink, filter, time.Now(), note)
	}
	loaded, total, err := listAll(ctx, client, cfg, limit, sink, a.progress)
	a.progressDone()
	if err != nil {
		// What was listed is still useful: every sink ends it (the table
		// and CSV with their last complete row, --json by closing its
		// array, so it stays valid JSON; the error and the exit code say it
		// is not all). --jq prints nothing rather than results over part of
		// the bin, and nothing is printed when nothing was listed.
		if format != "jq" && loaded > 0 {
			_ = sink.finish()
		}
		if total < 0 {
			return err
		}
		msg, code := describe(err, &cfg)
		return &exitError{code: max(code, exitFailure), msg: fmt.Sprintf("listing stopped after %s of %s items: %s", humanize.Comma(loaded), humanize.Comma(total), msg)}
	}
	if err := sink.finish(); err != nil {
		return err
	}
	switch {
	case limit > 0 && loaded == int64(limit) && total > loaded:
		if format == "table" {
			fmt.Fprintf(a.stderr, "showing %s of %s\n", humanize.Comma(loaded), humanize.Comma(total))
		}
	case loaded != total:
		// Items can be restored, purged or deleted while we page.
		fmt.Fprintf(a.stderr, "smhbin: the server counted %s items but listed %s (the bin changed while listing?)\n", humanize.Comma(total), humanize.Comma(loaded))
	}
	return nil
}

// listAll pages through the bin with a PageWalker (the next page is
// requested while this one is decoded and printed), feeding sink, until the
// last page or limit items (0: no limit). total is -1 until the first page
// arrives.
func listAll(ctx context.Context, client *api.Client, cfg Config, limit int, sink itemSink, progress func(loaded, total int64)) (loaded, total int64, err error) {
	total = -1
	w := client.Walk(ctx, api.WalkOptions{
		Query:    api.ListQuery{Limit: cfg.PageSize, OrderBy: cfg.OrderBy, OrderType: cfg.Order},
		MaxItems: int64(limit),
	})
	defer w.Close()
	for {
		page, err := w.Next()
		if errors.Is(err, io.EOF) {
			return loaded, total, nil
		}
		if err != nil {
			return loaded, total, err
		}
		total = page.TotalNum
		for i := range page.Items {
			if err := sink.item(&page.Items[i]); err != nil {
				return loaded, total, err
			}
			loaded++
		}
		if err := sink.flush(); err != nil {
			return loaded, total, err
		}
		progress(loaded, total)
	}
}

// progress shows "loaded 1,200 of 34,562" on a terminal's stderr only.
func (a *app) progress(loaded, total int64) {
	if a.stderrTTY {
		fmt.Fprintf(a.stderr, "\rloaded %s of %s\x1b[K", humanize.Comma(loaded), humanize.Comma(total))
	}
}

func (a *app) progressDone() {
	if a.stderrTTY {
		fmt.Fprint(a.stderr, "\r\x1b[K")
	}
}

// jsonSink writes one JSON array, item by item, so that a large bin never
// sits in one buffer. Items are appended to one reused buffer, which is
// written in 64 KiB blocks: a page of 1,000 is about 700 KB.
type jsonSink struct {
	w   *bufio.Writer
	buf []byte
	n   int
}

func newJSONSink(w io.Writer) *jsonSink { return &jsonSink{w: bufio.NewWriterSize(w, 64<<10)} }

func (s *jsonSink) item(it *api.Item) error {
	if s.n == 0 {
		s.buf = append(s.buf[:0], "[\n"...)
	} else {
		s.buf = append(s.buf[:0], ",\n"...)
	}
	s.n++
	s.buf = it.AppendJSON(s.buf)
	_, err := s.w.Write(s.buf)
	return err
}

func (s *jsonSink) flush() error { return s.w.Flush() }

// finish closes the array, also after an error: the output is then valid
// JSON holding the items before the failure (stderr and the exit code say
// the listing is incomplete).
func (s *jsonSink) finish() error {
	if s.n == 0 {
		s.w.WriteString("[]\n")
	} else {
		s.w.WriteString("\n]\n")
	}
	return s.w.Flush()
}

// tableSink prints the table page by page, so that memory stays bounded
// by one page. Column widths are those of the first page, widened (never
// narrowed) when a later page needs more; the path comes last so wide
// (CJK) names cannot push other columns out of line.
type tableSink struct {
	w      *bufio.Writer
	rows   [][tableCols]string
	widths [tableCols - 1]int // the path is not padded
	header bool
}

const tableCols = 5

var tableHeader = [tableCols]string{"ID", "SIZE", "DELETED", "DAYS LEFT", "PATH"}

func newTableSink(w io.Writer) *tableSink {
	s := &tableSink{w: bufio.NewWriter(w)}
	s.widths[1] = len("999.9 MB") // sizes vary most; start wide enough for all
	return s
}

func (s *tableSink) item(it *api.Item) error {
	// SI units and a leading "/", as the TUI shows them.
	size, path := humanize.Bytes(it.Size), safe.Join(it.OriginalPath)
	if it.Type == "dir" {
		size, path = "-", path+"/"
	}
	if path == "" || path == "/" {
		path = safe.Text(it.Name)
	}
	path = "/" + path
	deleted := "-"
	if !it.RemovalTime.IsZero() {
		deleted = it.RemovalTime.Local().Format("2006-01-02 15:04")
	}
	s.rows = append(s.rows, [tableCols]string{strconv.FormatInt(it.ID, 10), size, deleted, strconv.FormatInt(it.RemainingDays, 10), path})
	return nil
}

// flush prints the page's rows (and, the first time, the header).
func (s *tableSink) flush() error {
	if !s.header {
		s.rows = append([][tableCols]string{tableHeader}, s.rows...)
		s.header = true
	}
	for _, r := range s.rows {
		for c := range s.widths {
			s.widths[c] = max(s.widths[c], len(r[c])) // ASCII cells: bytes are columns
		}
	}
	for _, r := range s.rows {
		for c, wd := range s.widths {
			s.w.WriteString(r[c])
			s.w.WriteString(strings.Repeat(" ", wd-len(r[c])+2))
		}
		s.w.WriteString(r[tableCols-1])
		s.w.WriteByte('\n')
	}
	s.rows = s.rows[:0]
	return s.w.Flush()
}

func (s *tableSink) finish() error { return s.flush() }

// csvSink writes CSV rows through api.CSVWriter, flushing after each page.
type csvSink struct{ w *api.CSVWriter }

// newCSVSink escapes control, C1 and bidi characters in every cell the way
// the TUI shows them: CSV on a terminal would otherwise pass them through.
func newCSVSink(w io.Writer) (*csvSink, error) {
	c, err := api.NewCSVWriter(w)
	c.Clean = safe.Text
	return &csvSink{w: c}, err
}

func (s *csvSink) item(it *api.Item) error { return s.w.Write(it) }
func (s *csvSink) flush() error            { return s.w.Flush() }
func (s *csvSink) finish() error           { return s.w.Flush() }
