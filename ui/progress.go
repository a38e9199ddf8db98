package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/progress"
	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/safe"
	"smhbin/theme"
)

// progressVisible reports whether the restore line takes a row: while a
// run is going and afterwards, to keep its summary in view.
func (m *Model) progressVisible() bool { return m.rr != nil }

// progressLine is "restoring 120/500 · 3 failed ███░░ waiting on server
// task 15" while running, and the summary once done.
func (m *Model) progressLine() string {
	rr := m.rr
	if rr.done {
		st := m.st.Value
		if rr.failedCount > 0 || rr.unknown > 0 {
			st = m.st.ErrorLine
		}
		return truncateStyled(" "+st.Render(m.summary()), m.width)
	}
	verb := "restoring"
	if rr.op == api.OpDelete {
		verb = "deleting"
	}
	if rr.cancelling {
		verb = "cancelling"
	}
	text := verb + " " + humanize.Comma(int64(rr.finals)) + "/" + humanize.Comma(int64(rr.total))
	if rr.failedCount > 0 {
		text += " · " + humanize.Comma(int64(rr.failedCount)) + " failed"
	}
	if rr.unknown > 0 {
		text += " · " + humanize.Comma(int64(rr.unknown)) + " unknown — reconciling"
	}
	if len(rr.tasks) > 0 {
		ids := make([]string, 0, len(rr.tasks))
		for id := range rr.tasks {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		text += " · waiting on server task " + strings.Join(ids, ", ")
	}
	frac := 0.0
	if rr.total > 0 {
		frac = float64(rr.finals) / float64(rr.total)
	}
	return truncateStyled(" "+m.bar(frac)+" "+text, m.width)
}

// bar draws the progress bar (its width is set on resize) with
// bubbles/progress. Its cells are block glyphs (█ and ░), so it reads
// without colour too.
func (m *Model) bar(frac float64) string {
	if m.progress.Width() <= 0 {
		return ""
	}
	return m.progress.ViewAs(frac)
}

// newProgress builds the bar in the theme's primary and subtle colours for
// the styles' background, and without colour when the styles have none.
// The program downsamples the colours to the terminal's profile, so over
// SSH the bar matches the client's terminal rather than the server's.
func newProgress(st theme.Styles) progress.Model {
	t := st.Target
	p := progress.New(progress.WithColors(st.Palette.Primary.On(t.Dark)), progress.WithoutPercentage())
	p.EmptyColor = st.Palette.Subtle.On(t.Dark)
	p.Full, p.Empty = '█', '░' // whole cells: they read without colour too
	if t.NoColor {
		p.FullColor, p.EmptyColor = nil, nil
	}
	return p
}

// summary is the one-line account of the last run, e.g. "restored 497 of
// 500 · 2 renamed · 3 failed (2 DirectoryNotFound, 1 SourceFileNotFound)".
func (m *Model) summary() string {
	rr := m.rr
	s := rr.op.DoneKind().String() + " " + humanize.Comma(int64(rr.restored)) + " of " + humanize.Comma(int64(rr.total))
	if rr.renamed > 0 {
		s += " · " + humanize.Comma(int64(rr.renamed)) + " renamed"
	}
	if rr.failedCount > 0 {
		s += " · " + humanize.Comma(int64(rr.failedCount)) + " failed (" + codeCounts(rr.failedBy) + ")"
	}
	if rr.skipped > 0 {
		s += " · " + humanize.Comma(int64(rr.skipped)) + " not sent (" + codeCounts(rr.skippedBy) + ")"
	}
	if rr.unknown > 0 {
		s += " · " + humanize.Comma(int64(rr.unknown)) + " unknown (check with a reload before retrying)"
	}
	return s
}

// advice is what to do after the run, for the status line.
func (m *Model) advice() string {
	rr := m.rr
	if rr.op == api.OpDelete {
		return m.deleteAdvice()
	}
	switch {
	case rr.authLost:
		return "token rejected (InvalidAccessToken): quit, set a fresh SMH_ACCESS_TOKEN or --token-file, restart, then " + m.keyName(m.km.RetryFailed) + " retries"
	case rr.unknown > 0:
		return "some outcomes are unknown: " + m.keyName(m.km.Reload) + " reloads to see what is still in the bin"
	case rr.failedCount > 0 || rr.skipped > 0:
		return m.keyName(m.km.RetryFailed) + " retries the failed items"
	}
	return "done — restored rows stay marked ✓ until the next reload (" + m.keyName(m.km.Reload) + ")"
}

// codeCounts lists codes by count, most first: "2 DirectoryNotFound, 1 …".
func codeCounts(counts map[string]int) string {
	type kv struct {
		code string
		n    int
	}
	var list []kv
	for c, n := range counts {
		list = append(list, kv{c, n})
	}
	slices.SortFunc(list, func(a, b kv) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.code, b.code)
	})
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = humanize.Comma(int64(e.n)) + " " + safe.Text(e.code) // a server's code
	}
	return strings.Join(parts, ", ")
}
