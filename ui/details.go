package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/safe"
)

// detailsView renders the cursor item's fields in a w×h box (used
// when the pane sits below the table).
func (m *Model) detailsView(w, h int) string {
	var b strings.Builder
	p := m.detailsPane(w, h)
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		p.line(&b, i)
	}
	return b.String()
}

// pane is the details box, written one line at a time so that, beside the
// table, its lines go straight into the frame. It is drawn by hand from
// plain, already-sanitized text and the theme's paints: lipgloss's
// bordered Render measured and wrapped every line again on each cursor
// move, which was most of a keypress at 120×40.
type pane struct {
	m     *Model
	w, h  int
	lines []detailLine
	off   int // the first of lines shown (the pane scrolls with the wheel)
}

func (m *Model) detailsPane(w, h int) pane {
	p := pane{m: m, w: w, h: h}
	if w < 6 || h < 2 {
		return p
	}
	if lines, ok := m.groupDetails(w - 4); ok {
		p.lines = lines
	} else if idx := m.focusItem(); idx < 0 {
		p.lines = []detailLine{{value: "no item under the cursor"}}
	} else {
		it := m.data.Item(idx)
		p.lines = m.previewLines(it, w, h, append(m.paneBuf[:0], m.itemDetails(it, idx, w-4)...))
		m.paneBuf = p.lines // reused by the next frame, once this one is drawn
	}
	p.off = m.detailsOffset(len(p.lines), h)
	return p
}

// paneEdge is the pane's top (or bottom) border w cells wide, kept for
// the next frame rather than built afresh on every cursor move.
func (m *Model) paneEdge(w int, top bool) string {
	if m.edges.w != w {
		run := strings.Repeat("─", max(w-2, 0))
		m.edges.w, m.edges.top, m.edges.bottom = w, "╭"+run+"╮", "╰"+run+"╯"
	}
	if top {
		return m.edges.top
	}
	return m.edges.bottom
}

// line writes line i of the box (0 is the top border, h-1 the bottom).
func (p pane) line(b *strings.Builder, i int) {
	if p.w < 6 || p.h < 2 || i >= p.h {
		return
	}
	border := p.m.st.Subtle
	inner := p.w - 4 // border and one space of padding on each side
	switch {
	case i == 0:
		p.border(b, true, p.off > 0)
	case i == p.h-1:
		p.border(b, false, p.off+p.h-2 < len(p.lines))
	default:
		border.Wrap(b, "│ ")
		if j := p.off + i - 1; j < len(p.lines) {
			p.lines[j].render(b, p.m, inner)
		} else {
			b.WriteString(strings.Repeat(" ", inner))
		}
		border.Wrap(b, " │")
	}
}

// detailLine is one line of the pane: a title, or a label and a value.
type detailLine struct {
	title, label, value string
	raw                 string // a drawn line (a thumbnail's row), written as is
	rawW                int    // its width in cells
}

const detailLabelW = 10

func (l detailLine) render(b *strings.Builder, m *Model, w int) {
	switch {
	case l.raw != "":
		b.WriteString(l.raw)
		b.WriteString(strings.Repeat(" ", max(w-l.rawW, 0)))
	case l.title != "":
		m.st.Mark.Wrap(b, safe.Pad(l.title, w))
	case l.label == "" && l.value != "" && w > detailLabelW:
		b.WriteString(strings.Repeat(" ", detailLabelW+1))
		b.WriteString(safe.Pad(l.value, w-detailLabelW-1))
	default:
		m.st.Subtle.Wrap(b, safe.Pad(l.label, min(detailLabelW, w)))
		if w > detailLabelW {
			b.WriteByte(' ')
			b.WriteString(safe.Pad(l.value, w-detailLabelW-1))
		}
	}
}

// detailsMemo is the focused item's detail lines as last laid out:
// sizing its thumbnail (after each Update) and drawing the pane (each
// View) both need them, and a keypress laid them out twice.
type detailsMemo struct {
	key     rowKey // the item, its version, the minute and the time format: all the lines show
	w       int
	raw     bool
	lines   []detailLine
	layouts int // how many times lines were laid out, for tests
}

// itemDetails returns item idx's detail lines at width w, laid out again
// only when something they show has changed. The slice is the memo's:
// callers copy it before they append.
func (m *Model) itemDetails(it *api.Item, idx int32, w int) []detailLine {
	k, d := m.itemKey(idx, 0), &m.details
	if d.lines != nil && d.key == k && d.w == w && d.raw == m.rawDetails {
		return d.lines
	}
	d.key, d.w, d.raw = k, w, m.rawDetails
	d.lines = m.detailLines(d.lines[:0], it, idx, w)
	d.layouts++
	return d.lines
}

// detailLines lays out the fields as label/value lines, wrapping long
// values (paths break after a "/").
//
// The lines are appended to dst: the memo passes the buffer it keeps
// between frames, since a fresh slice of them was a tenth of a keypress's
// allocations.
func (m *Model) detailLines(dst []detailLine, it *api.Item, idx int32, w int) []detailLine {
	out := dst
	add := func(label, value string) {
		vw := max(w-detailLabelW-1, 1)
		if safe.Width(value) <= vw {
			out = append(out, detailLine{label: label, value: value})
			return
		}
		for i, v := range wrapClusters(value, vw) {
			if i > 0 {
				label = ""
			}
			out = append(out, detailLine{label: label, value: v})
		}
	}
	out = append(out, detailLine{title: safe.Text(it.Name)})
	if st := m.rowStatus(idx); st.text != "" {
		add("restore", st.detail) // what just happened matters most
	}
	add("was at", "/"+safe.Join(it.OriginalPath))
	add("type", kindOf(it))
	add("size", humanize.Bytes(it.Size)+" ("+humanize.Comma(int64(min(it.Size, 1<<62)))+" bytes)")
	addTime := func(label string, t time.Time) {
		abs, rel := m.both(t)
		if vw := w - detailLabelW - 1; rel != "" && safe.Width(abs+" "+rel) > vw && safe.Width(rel) <= vw {
			add(label, abs) // "(3 minutes ago)" goes whole onto the next line
			add("", rel)
			return
		}
		add(label, strings.TrimSpace(abs+" "+rel))
	}
	addTime("deleted", it.RemovalTime)
	add("expires", m.expiresText(it))
	add("restore", whoCanRestore(it))
	if !m.rawDetails {
		add("", "("+m.km.RawFields.Help().Key+": all fields)")
		return out
	}
	addTime("modified", it.ModificationTime)
	addTime("created", it.CreationTime)
	add("id", strconv.FormatInt(it.ID, 10))
	add("space", safe.Text(it.SpaceID))
	add("preview", flags(flag{"doc", it.PreviewByDoc}, flag{"ci", it.PreviewByCI}, flag{"icon", it.PreviewAsIcon}))
	if it.HasAuthority {
		add("authority", flags(flag{"restore", it.Authority.CanRestore}, flag{"delete", it.Authority.CanDelete}))
	}
	if len(it.Buttons) > 0 {
		var on []string
		for _, f := range it.Buttons {
			if f.On {
				on = append(on, strings.TrimSuffix(strings.TrimPrefix(f.Name, "show"), "Button"))
			}
		}
		add("buttons", safe.Text(strings.Join(on, " ")))
	}
	return out
}

// wrapClusters wraps value to about w cells, preferring breaks after "/",
// and never inside a grapheme cluster: ansi.Wrap can cut a keycap's digit
// from its marks, and marks at the start of a line join whatever precedes
// them on screen (the padding), which changes the line's width.
func wrapClusters(value string, w int) []string {
	lines := strings.Split(ansi.Wrap(value, w, "/"), "\n")
	for i := 1; i < len(lines); i++ {
		last, rest := "", lines[i-1]
		for rest != "" {
			c, _ := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
			if c == "" {
				break
			}
			last, rest = c, rest[len(c):]
		}
		if c, _ := ansi.FirstGraphemeCluster(last+lines[i], ansi.GraphemeWidth); last != "" && len(c) > len(last) {
			lines[i-1] = strings.TrimSuffix(lines[i-1], last)
			lines[i] = last + lines[i]
		}
	}
	return lines
}

// both formats a time as absolute local time and, apart, the relative
// phrase in brackets, so that a narrow pane can put the phrase whole on
// the next line rather than break it.
func (m *Model) both(t time.Time) (abs, rel string) {
	if t.IsZero() {
		return "—", ""
	}
	return t.Local().Format("2006-01-02 15:04:05"), "(" + humanize.RelTime(t, m.opts.Now(), "ago", "from now") + ")"
}

// flag is one named yes/no property of an item, for the details pane.
type flag struct {
	name string
	on   bool
}

// flags lists flags as "doc ✓  ci ✗".
func flags(fs ...flag) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(f.name)
		if f.on {
			b.WriteString(" ✓")
		} else {
			b.WriteString(" ✗")
		}
	}
	return b.String()
}
