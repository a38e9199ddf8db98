package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/query"
)

// parseListFilter parses list's --filter. marked: and result: read the
// TUI's marks and restore outcomes, which a listing does not have, so
// they are refused rather than silently matching nothing (or everything).
func parseListFilter(text, cmdPath string) (*query.Query, error) {
	if text == "" {
		return nil, nil
	}
	q, err := query.Parse(text)
	if err != nil {
		return nil, &usageError{msg: "--filter: " + err.Error(), cmdPath: cmdPath}
	}
	for _, name := range []string{"marked", "result"} {
		if q.Uses(name) {
			return nil, &usageError{msg: fmt.Sprintf("--filter: %s: only works in the TUI (it reads marks and restore results there); list has neither", name), cmdPath: cmdPath}
		}
	}
	return &q, nil
}

// filterSink passes on the items that match, counting both sides so that
// the table can say how many of the listed items matched.
type filterSink struct {
	itemSink
	m             *query.Matcher
	seen, matched int64
	note          io.Writer // where the count goes; nil for JSON and CSV
}

// newFilterSink binds q to now once: relative times (deleted:<2h) mean
// "before the listing started", however long the paging takes.
func newFilterSink(next itemSink, q *query.Query, now time.Time, note io.Writer) *filterSink {
	return &filterSink{itemSink: next, m: q.At(now), note: note}
}

func (s *filterSink) item(it *api.Item) error {
	s.seen++
	qi := query.FromAPI(it)
	if !s.m.Match(&qi) {
		return nil
	}
	s.matched++
	return s.itemSink.item(it)
}

func (s *filterSink) finish() error {
	if s.note != nil {
		fmt.Fprintf(s.note, "%s of %s listed items match the filter\n", humanize.Comma(s.matched), humanize.Comma(s.seen))
	}
	return s.itemSink.finish()
}
