package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/safe"
)

// helpState is the help screen's scroll position and search. The help
// is taller than a small terminal, so it scrolls like a pager: j/k,
// pgup/pgdn, g/G and the mouse wheel (the browse keymap's movement keys).
type helpState struct {
	offset    int
	query     string // lines are kept when they contain it (any case)
	searching bool   // the search prompt has the keyboard
}

// openHelp shows the help screen from the top.
func (m *Model) openHelp() {
	m.mode = modeHelp
	m.help = helpState{}
}

// handleHelpKey scrolls, searches or closes the help screen.
func (m *Model) handleHelpKey(msg tea.KeyPressMsg) {
	h := &m.help
	if h.searching {
		switch msg.String() {
		case "enter":
			h.searching = false
		case "esc":
			h.searching, h.query = false, ""
		case "backspace":
			if r := []rune(h.query); len(r) > 0 {
				h.query = string(r[:len(r)-1])
			}
		default:
			if msg.Text != "" && len(h.query) < 64 {
				h.query += msg.Text
			}
		}
		h.offset = 0
		return
	}
	page := max(m.helpBodyHeight(), 1)
	switch k := &m.km; {
	case h.query != "" && key.Matches(msg, k.Deny):
		h.query, h.offset = "", 0 // esc drops the search before it closes help
	case key.Matches(msg, k.Help, k.Deny, k.Quit):
		m.mode = modeBrowse
	case key.Matches(msg, k.Filter):
		h.searching, h.query = true, ""
	case key.Matches(msg, k.Up):
		h.offset--
	case key.Matches(msg, k.Down):
		h.offset++
	case key.Matches(msg, k.PageUp, k.HalfUp):
		h.offset -= page
	case key.Matches(msg, k.PageDown, k.HalfDown):
		h.offset += page
	case key.Matches(msg, k.Top):
		h.offset = 0
	case key.Matches(msg, k.Bottom):
		h.offset = 1 << 30
	}
	m.clampHelp()
}

// scrollHelp moves the help by delta lines (the mouse wheel).
func (m *Model) scrollHelp(delta int) {
	m.help.offset += delta
	m.clampHelp()
}

func (m *Model) clampHelp() {
	n := len(m.helpLines())
	m.help.offset = min(max(m.help.offset, 0), max(n-m.helpBodyHeight(), 0))
}

// helpBodyHeight is the lines of help shown: the screen less its title
// and its hint line.
func (m *Model) helpBodyHeight() int { return max(m.height-2, 1) }

// helpView is the full-screen help: a title with the position, a window
// of the help's lines, and a line saying how to move and close.
func (m *Model) helpView() string {
	lines := m.helpLines()
	body := m.helpBodyHeight()
	m.clampHelp()
	end := min(m.help.offset+body, len(lines))
	pos := "all"
	if len(lines) > body {
		pos = strconv.Itoa(m.help.offset+1) + "–" + strconv.Itoa(end) + "/" + strconv.Itoa(len(lines))
	}
	out := make([]string, 0, m.height)
	title := m.st.Title.Render("smhbin — keys") + m.st.Faint.Render(" · "+pos)
	out = append(out, truncateStyled(" "+title, m.width))
	for _, l := range lines[m.help.offset:end] {
		out = append(out, truncateStyled(" "+l, m.width))
	}
	for len(out) < m.height-1 {
		out = append(out, "")
	}
	out = append(out, m.helpFooter())
	return strings.Join(out[:min(len(out), m.height)], "\n")
}

// helpFooter is the search prompt while searching, else how to use help.
func (m *Model) helpFooter() string {
	if m.help.searching {
		return truncateStyled(" / "+safe.Text(m.help.query)+"▏ "+m.st.Faint.Render("enter keep · esc clear"), m.width)
	}
	// How to leave comes first: it must survive a narrow terminal.
	parts := []string{m.km.Help.Help().Key + " or esc closes this help", "j/k scroll", "/ search"}
	if m.help.query != "" {
		parts = []string{"search “" + safe.Text(m.help.query) + "” · esc clears it", parts[1]}
	}
	return truncateStyled(" "+m.st.Faint.Render(strings.Join(parts, " · ")), m.width)
}

// helpLines is the whole help for the current width, searched when a
// search is kept: a line stays when it contains the search, and so does
// the title of its section.
func (m *Model) helpLines() []string {
	all := m.helpSections()
	q := strings.ToLower(m.help.query)
	if q == "" {
		var out []string
		for _, s := range m.helpColumns(all) {
			out = append(out, s...)
		}
		return out
	}
	var out []string
	for _, s := range all {
		var hit []string
		for _, l := range s[1:] {
			if strings.Contains(strings.ToLower(ansi.Strip(l)), q) {
				hit = append(hit, l)
			}
		}
		if len(hit) > 0 {
			out = append(out, s[0])
			out = append(out, hit...)
			out = append(out, "")
		}
	}
	if len(out) == 0 {
		out = []string{m.st.Faint.Render("nothing in the help matches “" + safe.Text(m.help.query) + "”")}
	}
	return out
}

// helpSections is the help as sections of lines, each starting with its
// title line: the keymap's groups (as bound now, disabled keys dimmed
// with the reason), then the views and the meaning of every glyph.
func (m *Model) helpSections() [][]string {
	var secs [][]string
	for _, g := range m.km.Groups() {
		lines := []string{m.st.Title.Render(g.Title)}
		for _, b := range g.Bindings {
			h := b.Help()
			line := m.st.HintKey.Render(safe.Pad(h.Key, 8)) + " " + h.Desc
			if !b.Enabled() {
				line = m.st.Faint.Render(safe.Pad(h.Key, 8) + " " + h.Desc + " (" + m.whyDisabled(g.Title, b) + ")")
			}
			lines = append(lines, line)
		}
		secs = append(secs, lines)
	}
	secs = append(secs, m.filterHelp(), m.legend("What the views show", m.viewLegend()))
	if !m.opts.NoMouse {
		secs = append(secs, m.legend("Mouse", mouseLegend))
	}
	return append(secs, m.legend("Symbols", symbolLegend))
}

// legend is a titled section of "thing  meaning" lines.
func (m *Model) legend(title string, rows [][2]string) []string {
	lines := []string{m.st.Title.Render(title)}
	for _, r := range rows {
		lines = append(lines, m.st.HintKey.Render(safe.Pad(r[0], 8))+" "+r[1])
	}
	return lines
}

func (m *Model) viewLegend() [][2]string {
	k := func(b key.Binding) string { return b.Help().Key }
	return [][2]string{
		{"table", "every loaded item, one per row (the start view)"},
		{k(m.km.ViewBatches), "deletion batches: items deleted together"},
		{k(m.km.ViewFolders), "original folders, as a tree"},
		{k(m.km.Expiring), "only items expiring within " + m.expiringDays()},
		{k(m.km.Details), "details pane of the item under the cursor"},
	}
}

// mouseLegend says what the mouse does (off with mouse = false or
// --no-mouse, and then not shown).
var mouseLegend = [][2]string{
	{"wheel", "scrolls the table, this help, or the details pane under it"},
	{"click", "a row moves the cursor; the mark column marks"},
	{"click", "a column title sorts by it; a dialog's keys press them"},
	{"shift", "(⌥ in iTerm2) held while dragging selects text as usual"},
}

// symbolLegend explains every glyph a row can show.
var symbolLegend = [][2]string{
	{"▸", "the cursor row"},
	{"●", "marked for restore"},
	{"◐", "a group with some items marked"},
	{"⊘", "cannot be restored (no permission)"},
	{"▪ ◩ ▶", "folder, image, video"},
	{"↪ ·", "symlink, other file"},
	{"+ −", "collapsed, expanded group"},
	{"▲ ▼", "sorted column: ascending, descending"},
	{"… ↻", "restore queued, restoring"},
	{"⧗", "waiting on a server task"},
	{"✓", "restored (→ where to)"},
	{"✗", "restore failed (why on the row)"},
	{"–", "skipped, not sent"},
	{"?", "outcome unknown: being checked"},
}

// helpColumns lays sections side by side when the terminal is wide
// enough, so that a large terminal shows all of help at once; each row
// of sections becomes one section for the search.
func (m *Model) helpColumns(secs [][]string) [][]string {
	var out [][]string
	var row [][]string
	used := 0
	flush := func() {
		if len(row) == 0 {
			return
		}
		if len(row) == 1 {
			out = append(out, append(row[0], ""))
		} else {
			cols := make([]string, len(row))
			for i, s := range row {
				cols[i] = lipgloss.NewStyle().PaddingRight(3).Render(strings.Join(s, "\n"))
			}
			joined := strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, cols...), "\n")
			out = append(out, append(joined, ""))
		}
		row, used = nil, 0
	}
	for _, s := range secs {
		w := 0
		for _, l := range s {
			w = max(w, lipgloss.Width(l))
		}
		w += 3
		if used > 0 && used+w > m.width-1 {
			flush()
		}
		row = append(row, s)
		used += w
	}
	flush()
	return out
}
