package ui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"smhbin/api"
	"smhbin/query"
	"smhbin/safe"
)

// filterHint is shown under an empty prompt: the qualifiers people reach
// for first. The full grammar is on the help screen.
const filterHint = "type:image  size:>100MB  deleted:<2h  path:docs  marked:yes  result:failed  -ext:tmp"

// applyFilter parses the prompt and narrows the view. Text that does not
// parse keeps the last valid result on screen and shows why in the prompt.
func (m *Model) applyFilter() {
	q, err := query.Parse(m.filter.Value())
	if err != nil {
		defer m.fitFilter()
		m.filterErr = err.Error()
		var qe *query.Error
		if errors.As(err, &qe) {
			m.filterErr = qe.Msg + " (column " + strconv.Itoa(qe.Col) + ")"
		}
		return
	}
	m.filterErr = ""
	defer m.fitFilter()
	if q.String() == m.data.Query() && !q.Uses("deleted") {
		return
	}
	keep := m.cursorItem()
	m.data.SetQuery(q, m.opts.Now())
	m.table.SetCursor(0)
	m.follow(keep)
}

// filterLine is the prompt while filtering: the text, then the error, or a
// dim echo of the parsed query (or the hint when the prompt is empty), and
// the match count.
func (m *Model) filterLine() string {
	tail := m.st.Faint.Render(m.matchCount())
	switch {
	case m.filterErr != "":
		tail = m.st.ErrorLine.Render("✗ "+m.filterErr) + "  " + tail
	case strings.TrimSpace(m.filter.Value()) == "":
		tail = m.st.Faint.Render(filterHint)
	case m.echo() != "":
		tail = m.st.Faint.Render("= "+m.echo()+" · ") + tail
	}
	return truncateStyled(m.filter.View()+"  "+tail, m.width)
}

// qualifiers are the filter language's field names, for echo.
var qualifiers = []string{"type", "size", "deleted", "left", "path", "ext", "restorable", "marked", "result"}

// echo is the parsed query in words when it has a qualifier; plain words
// need no echo, they are shown as typed.
func (m *Model) echo() string {
	q := m.data.Filter()
	for _, name := range qualifiers {
		if q.Uses(name) {
			return q.Describe()
		}
	}
	return ""
}

// fitFilter gives the prompt the room the echo or error leaves, so that
// the explanation is not cut off while the text is short.
func (m *Model) fitFilter() {
	extra := len(m.filterErr)
	if extra == 0 {
		extra = lipgloss.Width(m.echo())
	}
	w := m.width - 20 - extra
	w = max(w, lipgloss.Width(m.filter.Value())+2, min(10, m.width-20))
	m.filter.SetWidth(max(1, min(w, m.width-20)))
}

// resultOf is the outcome result: sees for an item's latest event.
func (m *Model) resultOf(idx int32, loaded bool, o outcome) query.Result {
	switch o.kind {
	case api.Restored:
		if loaded && m.isRename(idx, o.path) {
			return query.ResultRenamed
		}
		return query.ResultRestored
	case api.Failed, api.Skipped:
		return query.ResultFailed
	case api.Unknown:
		return query.ResultUnconfirmed
	}
	return query.ResultNone
}

// filterGrammar is the help screen's section on the filter language:
// every qualifier with an example. Terms are ANDed; "-" negates one.
var filterGrammar = [][2]string{
	{"word", "name or folder contains it (case-insensitive); \"two words\" for spaces"},
	{"type:image", "image, video, audio, doc, dir, file, other; type:image|video for either"},
	{"size:>100MB", "also size:<1KiB, size:10MB..1GB"},
	{"deleted:<2h", "also deleted:>7d, deleted:2026-11-30, deleted:today"},
	{"left:<3d", "days left before the bin purges it"},
	{"path:设计/终稿", "the original folder contains it; path:\"Team Drive\""},
	{"ext:pdf", "the name's extension"},
	{"restorable:yes", "or no"},
	{"marked:yes", "only the marked items (review before r)"},
	{"result:failed", "restored, renamed, failed, unconfirmed: this session's outcomes"},
	{"-ext:tmp", "a leading - negates any term"},
}

// filterHelp is the help screen's section on the filter language (the
// help scrolls, so the whole grammar fits at any size).
func (m *Model) filterHelp() []string {
	lines := []string{m.st.Title.Render("Filter (" + m.km.Filter.Help().Key + "): terms are ANDed")}
	for _, g := range filterGrammar {
		lines = append(lines, m.st.HintKey.Render(safe.Pad(g[0], 16))+" "+g[1])
	}
	return lines
}
