package ui

import (
	"context"
	"image"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/api"
	"smhbin/preview"
	"smhbin/safe"
	"smhbin/termimg"
)

// Previewer fetches an item's thumbnail, scaled to fit maxW×maxH pixels.
// *api.Client satisfies it; the details pane draws thumbnails when
// Options.Client does.
type Previewer interface {
	Preview(ctx context.Context, id int64, maxW, maxH int) (image.Image, error)
}

// previewRows caps the thumbnail's height in the details pane: enough to
// recognise a photo, little enough to leave the fields readable.
const previewRows = 16

// previewState is the details pane's thumbnail machinery: the fetch policy
// (debounce, one fetch in flight, generations), the drawn thumbnails and
// errors by item and box, and the drawing the pane wants now.
type previewState struct {
	proto       termimg.Protocol
	src         Previewer
	policy      *preview.Policy
	cache       *termimg.Cache
	tickPending bool
	want        termimg.Key                 // the cursor row's drawing; ID 0 when none
	after       func(time.Duration) tea.Cmd // schedules a previewTickMsg (a timer; tests fire at once)
}

// previewTickMsg re-evaluates the policy when a debounce has run out.
type previewTickMsg struct{}

// previewMsg is one finished fetch: the drawn lines, or the error.
type previewMsg struct {
	gen   uint64
	key   termimg.Key
	lines string // the drawing, one line per row
	raw   string // what must reach the terminal once beside the frame (kitty's image data)
	err   error
}

// newPreviewState picks the protocol for the pane. iTerm2 and sixel draw
// as an overlay written after the frame, which the cell renderer would
// paint over on the next frame, so they fall back to half-blocks.
func newPreviewState(o Options) previewState {
	src, ok := o.Client.(Previewer)
	p := o.Preview
	if !ok || p == "" || p == termimg.Off {
		return previewState{proto: termimg.Off}
	}
	if !p.Inline() {
		p = termimg.Blocks
	}
	return previewState{proto: p, src: src, policy: preview.New(o.PreviewDebounce),
		cache: termimg.NewCache(termimg.DefaultCacheSize), after: previewTimer}
}

// errKey is where a failed fetch for id is remembered: errors are cached
// like drawings, so a broken thumbnail is not fetched again on every visit
// (a transient failure only until preview.RetryAfter has passed).
func errKey(id int64) termimg.Key { return termimg.Key{ID: id, Protocol: "error"} }

// previewKey is the drawing the details pane would show for item it, in a
// pane of w×h cells already holding n lines (ID 0: none).
func (m *Model) previewKey(it *api.Item, w, h, n int) termimg.Key {
	if m.pv.proto == termimg.Off || !(it.PreviewByCI || it.PreviewAsIcon) {
		return termimg.Key{}
	}
	rows := min(previewRows, h-2-n-1) // the borders, the fields and a blank line
	cols := w - 4
	if rows < 3 || cols < 6 {
		return termimg.Key{}
	}
	return termimg.Key{ID: it.ID, Cols: cols, Rows: rows, Protocol: m.pv.proto}
}

// wantedPreview is the drawing for the row under the cursor, as the pane
// will lay it out (ID 0 when the pane is hidden or shows no thumbnail).
func (m *Model) wantedPreview() termimg.Key {
	if m.pv.proto == termimg.Off || m.mode == modeHelp {
		return termimg.Key{}
	}
	s := m.layout()
	if s.details == 0 {
		return termimg.Key{}
	}
	w, h := m.width, s.details
	if s.side {
		w, h = s.details, s.rows+1
	}
	if _, ok := m.groupDetails(w - 4); ok {
		return termimg.Key{}
	}
	idx := m.focusItem()
	if idx < 0 {
		return termimg.Key{}
	}
	it := m.data.Item(idx)
	if !(it.PreviewByCI || it.PreviewAsIcon) {
		return termimg.Key{}
	}
	return m.previewKey(it, w, h, len(m.itemDetails(it, idx, w-4)))
}

// syncPreview tells the policy which row the cursor is on, after every
// message: a row whose drawing (or error) is cached needs no fetch.
func (m *Model) syncPreview() tea.Cmd {
	if m.pv.policy == nil {
		return nil
	}
	k := m.wantedPreview()
	m.pv.want = k
	id := k.ID
	if _, ok := m.pv.cache.Get(k); ok {
		id = 0
	} else if _, ok := m.pv.cache.Get(errKey(k.ID)); ok && !m.pv.cache.Due(errKey(k.ID), m.opts.Now()) {
		id = 0
	}
	return m.previewDecide(m.pv.policy.Want(id, m.opts.Now()))
}

// previewDecide turns a policy decision into a command: a fetch, or one
// timer for the debounce (a held key would otherwise stack a timer per
// keypress).
func (m *Model) previewDecide(d preview.Decision) tea.Cmd {
	switch {
	case d.Action == preview.Fetch:
		k := m.pv.want
		if k.ID != d.ID { // cannot happen: the policy fetches the row last wanted
			return nil
		}
		return fetchPreview(m.opts.Context, m.pv.src, k, d.Gen)
	case d.Action == preview.Wait && d.After > 0 && !m.pv.tickPending:
		m.pv.tickPending = true
		return m.pv.after(d.After)
	}
	return nil
}

func previewTimer(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return previewTickMsg{} })
}

func (m *Model) handlePreviewTick() tea.Cmd {
	m.pv.tickPending = false
	if m.pv.policy == nil {
		return nil
	}
	return m.previewDecide(m.pv.policy.Tick(m.opts.Now()))
}

// handlePreview stores a finished fetch, unless the cursor has left its
// row (then it is dropped), and starts the next fetch if one is due.
func (m *Model) handlePreview(msg previewMsg) tea.Cmd {
	if m.pv.policy == nil {
		return nil
	}
	accepted, next := m.pv.policy.Done(msg.gen, m.opts.Now())
	var raw tea.Cmd
	if accepted {
		if msg.err != nil {
			// A timeout or a server error may heal: asked again once the
			// cursor is on the row after preview.RetryAfter. A hostile
			// or broken answer stays failed.
			var due time.Time
			if preview.Transient(msg.err) {
				due = m.opts.Now().Add(preview.RetryAfter)
			}
			m.pv.cache.PutUntil(errKey(msg.key.ID), oneLine(msg.err.Error()), due)
		} else {
			m.pv.cache.Put(msg.key, msg.lines)
			if msg.raw != "" {
				raw = tea.Raw(msg.raw)
			}
		}
	}
	return tea.Batch(raw, m.previewDecide(next))
}

// fetchPreview fetches and draws one thumbnail off the Update goroutine.
func fetchPreview(ctx context.Context, src Previewer, k termimg.Key, gen uint64) tea.Cmd {
	return func() tea.Msg {
		box := termimg.Box{Cols: k.Cols, Rows: k.Rows}
		w, h := box.Pixels(k.Protocol)
		img, err := src.Preview(ctx, k.ID, w, h)
		if err != nil {
			return previewMsg{gen: gen, key: k, err: err}
		}
		lines, raw := splitKitty(termimg.Render(img, box, k.Protocol, uint32(k.ID)))
		return previewMsg{gen: gen, key: k, lines: lines, raw: raw}
	}
}

// splitKitty separates kitty's image data (escape sequences that end in
// ST, before the first placeholder) from the placeholder lines, which are
// text the pane can place. Other drawings have no such prefix.
func splitKitty(s string) (lines, raw string) {
	first, _, _ := strings.Cut(s, "\n")
	if i := strings.LastIndex(first, "\x1b\\"); i >= 0 {
		return s[i+2:], s[:i+2]
	}
	return s, ""
}

// oneLine is an error's first line, sanitized, for the pane.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return safe.Text(s)
}

// previewLines is what the pane shows below the fields for item it: the
// thumbnail, the reason it failed, or that it is on its way.
func (m *Model) previewLines(it *api.Item, w, h int, lines []detailLine) []detailLine {
	k := m.previewKey(it, w, h, len(lines))
	if k.ID == 0 {
		return lines
	}
	if s, ok := m.pv.cache.Get(k); ok {
		lines = append(lines, detailLine{})
		for l := range strings.SplitSeq(s, "\n") {
			lines = append(lines, detailLine{raw: l, rawW: ansi.StringWidth(l)})
		}
		return lines
	}
	if e, ok := m.pv.cache.Get(errKey(it.ID)); ok {
		return append(lines, detailLine{label: "thumbnail", value: e})
	}
	return append(lines, detailLine{label: "thumbnail", value: "loading…"})
}
