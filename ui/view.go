package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"

	"smhbin/safe"
)

// View is the program's frame: the screen drawn by render, on the
// alternate screen. Bubble Tea v2's renderer diffs it cell by cell against
// the last frame, so a cursor move costs the terminal the few cells that
// changed, and downsamples its colours to the terminal's profile.
func (m *Model) View() tea.View {
	content := m.render()
	v := tea.NewView(content)
	v.AltScreen = true
	if !m.opts.NoMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	if c := m.filter.Cursor(); c != nil && m.mode == modeFilter {
		c.Y = strings.Count(content, "\n") // the prompt is the bottom line
		v.Cursor = c
	}
	return v
}

// render draws the frame. Its cost depends on the terminal size, not on
// the number of items: only the visible window of rows is drawn and rows
// are cached between frames.
func (m *Model) render() string {
	if m.width < 20 || m.height < 5 {
		return safe.Truncate("smhbin: terminal too small", m.width)
	}
	if m.mode == modeHelp {
		return m.helpView()
	}
	if m.startFailed() && m.mode == modeBrowse {
		return m.startErrorView()
	}
	s := m.layout()
	// The frame's builder is the model's: one passed down to the row
	// sources would escape and cost an allocation per frame.
	b := &m.frame
	b.Reset()
	// Size the frame from the last one: one allocation, no regrowth.
	b.Grow(max(m.frameLen+m.frameLen/16, m.width*m.height))
	m.renderTitle(b)
	b.WriteByte('\n')

	newline := func(int) { b.WriteByte('\n') }
	if s.side {
		// Table rows are exactly tableW cells wide, so the pane's lines
		// can be appended after one blank column without measuring.
		pane := m.detailsPane(s.details, s.rows+1)
		newline = func(i int) {
			b.WriteByte(' ')
			pane.line(b, i)
			b.WriteByte('\n')
		}
	}
	m.renderTable(b, s, newline)
	if !s.side && s.details > 0 {
		b.WriteString(m.detailsView(m.width, s.details))
		b.WriteByte('\n')
	}
	if m.progressVisible() {
		b.WriteString(m.progressLine())
		b.WriteByte('\n')
	}
	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.bottomLine())
	m.frameLen = b.Len()
	if m.mode == modeDialog {
		return m.overlayDialog(b.String())
	}
	if m.mode == modeSort {
		return m.overlaySortMenu(b.String())
	}
	return b.String()
}

func (m *Model) renderTitle(b *strings.Builder) {
	// The title changes only with the width, the access mode and the
	// background; drawing it styled each frame cost half a kilobyte.
	key := titleKey{w: m.width, ro: m.readOnly(), dark: m.st.Target.Dark}
	if m.title.key != key || m.title.s == "" {
		var t strings.Builder
		m.drawTitle(&t)
		m.title.key, m.title.s = key, t.String()
	}
	b.WriteString(m.title.s)
}

// titleKey is what the title line depends on besides fixed options.
type titleKey struct {
	w        int
	ro, dark bool
}

// drawTitle draws the title line that renderTitle caches.
func (m *Model) drawTitle(b *strings.Builder) {
	left := m.st.Title.Render("smhbin") + m.st.Faint.Render(" recycle bin · "+safe.Text(m.opts.Library))
	var badges []string
	if m.opts.Demo {
		badges = append(badges, m.st.BadgeDemo.Render("DEMO"))
	}
	if m.readOnly() {
		badges = append(badges, m.st.BadgeReadOnly.Render("READ-ONLY"))
	}
	right := strings.Join(badges, " ")
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		b.WriteString(truncateStyled(left+" "+right, m.width))
		return
	}
	b.WriteString(left + strings.Repeat(" ", gap) + right)
}

// statusLine: marks, loading state, sort, and the last message or error.
func (m *Model) statusLine() string {
	parts := make([]string, 0, 5)
	if n := m.data.MarkCount(); n > 0 {
		parts = append(parts, m.st.HintKey.Render("●")+" "+humanize.Comma(int64(n))+" marked · "+humanize.Bytes(m.data.MarkBytes()))
	}
	if p := m.data.PendingMarks(); p > 0 && m.loading {
		// Marks kept by id for pages still to come: not counted above,
		// because r sends only what is loaded.
		parts = append(parts, m.st.Faint.Render("+"+humanize.Comma(int64(p))+" marked, loading"))
	}
	parts = m.expiringStatus(parts)
	parts = append(parts, m.loadState())
	if m.data.Query() != "" && m.mode != modeFilter {
		parts = append(parts, "filter “"+safe.Text(m.data.Query())+"” "+m.matchCount())
	}
	line := strings.Join(parts, m.st.Faint.Render(" │ "))
	if m.loadErr != nil {
		line += m.st.Faint.Render(" │ ") + m.st.ErrorLine.Render(m.pageErrorText())
	} else if m.status != "" {
		st := m.st.Value
		if m.errMsg {
			st = m.st.ErrorLine
		}
		line += m.st.Faint.Render(" │ ") + st.Render(safe.Text(m.status))
	}
	return m.withPosition(" "+line, m.width)
}

// loadState says how much of the bin is loaded, never hiding a shortfall.
func (m *Model) loadState() string {
	n := int64(m.data.Len())
	switch {
	case m.loading && m.pageCount == 0:
		return m.spin.View() + " loading the recycle bin…"
	case m.loading:
		return m.spin.View() + " loaded " + humanize.Comma(n) + " of " + humanize.Comma(max(m.total, n))
	case m.loadErr != nil:
		return "loaded " + humanize.Comma(n) + " of " + humanize.Comma(max(m.total, n)) + " (stopped)"
	case m.complete && m.total > n:
		return humanize.Comma(n) + " items (server reported " + humanize.Comma(m.total) + ")"
	case m.complete:
		return humanize.Comma(n) + " items"
	}
	return "loaded " + humanize.Comma(n)
}

func (m *Model) matchCount() string {
	return humanize.Comma(int64(len(m.data.View()))) + "/" + humanize.Comma(int64(m.data.Len()))
}

// bottomLine is the filter prompt while filtering, else the key hints.
func (m *Model) bottomLine() string {
	switch m.mode {
	case modeFilter:
		return m.filterLine()
	case modeDialog:
		if m.dialog.typed() {
			return m.typedHints()
		}
		return m.hints(m.km.Dialog(), m.width)
	case modeSort:
		return m.hints(m.km.SortMenu(), m.width)
	}
	return m.hints(m.shortHints(), m.width)
}

// hints renders enabled bindings as "key desc" pairs, in bs's order, as
// many as fit in w. Help and quit are placed first whatever their place
// in bs, so that the way out and the way to every other key never fall
// off a narrow terminal; the rest are taken by priority (bs's order)
// while they fit.
func (m *Model) hints(bs []key.Binding, w int) string {
	return m.hintBar.get(bs, w, m.st.Target.Dark, func() string { return m.drawHints(bs, w) })
}

// drawHints draws the hint bar that hints caches.
func (m *Model) drawHints(bs []key.Binding, w int) string {
	width := func(k key.Binding) int {
		h := k.Help()
		// The hint styles only colour, so a hint is as wide as its text.
		return ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc) + 3
	}
	keep := make([]bool, len(bs))
	budget := w - 1 + 3 // the first hint has no separator
	for i, k := range bs {
		if k.Enabled() && (sameBinding(k, m.km.Help) || sameBinding(k, m.km.Quit)) && width(k) <= budget {
			keep[i] = true
			budget -= width(k)
		}
	}
	for i, k := range bs {
		if !keep[i] && k.Enabled() && width(k) <= budget {
			keep[i] = true
			budget -= width(k)
		}
	}
	var b strings.Builder
	sep := m.st.Faint.Render(" · ")
	for i, k := range bs {
		if !keep[i] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		h := k.Help()
		b.WriteString(m.st.HintKey.Render(h.Key) + " " + m.st.HintDesc.Render(h.Desc))
	}
	return " " + b.String()
}

// sameBinding reports whether a and b answer the same keys.
func sameBinding(a, b key.Binding) bool {
	return slices.Equal(a.Keys(), b.Keys())
}

// truncateStyled cuts a styled line to w cells, keeping escape sequences intact.
func truncateStyled(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}
