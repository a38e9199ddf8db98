package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"smhbin/api"
	"smhbin/keymap"
	"smhbin/safe"
	"smhbin/theme"
)

// fuzzSizes are the terminal sizes the fuzzer picks from most often: the
// degenerate ones first, since they are where layouts break.
var fuzzSizes = [][2]int{{0, 0}, {1, 1}, {20, 5}, {19, 4}, {21, 6}, {40, 10}, {80, 24}, {120, 40}, {300, 3}, {5, 100}}

// fuzzNames are hostile and wide names that pages carry.
var fuzzNames = []string{
	"report.pdf", "京都旅行の写真_とても長い名前のファイル.heic", "evil\x1b[31mred\x1b[0m.txt",
	"invoice\u202egpj.exe", "\x1b]8;;http://x\x07link", "a\x00b\rc\td\n", "\xff\xfe", "1\ufe0f\u20e3👨\u200d👩\u200d👧",
	"", strings.Repeat("w", 300), "\u009b2J", "初始化图片2.jpg",
}

// fuzzCodes are restore codes, server-made and engine-made, plus hostile text.
var fuzzCodes = []string{"", "DirectoryNotFound", "SourceFileNotFound", "InvalidAccessToken", api.CodeNotConfirmed,
	api.CodeAlreadyRestored, api.CodeCancelled, "\x1b[2J", "x\u202ey"}

// fuzzKeys are every key of the default keymap in every mode, plus keys
// typed into the filter and a few the keymap does not know.
func fuzzKeys() []string {
	km := keymap.Default()
	seen := map[string]bool{}
	var out []string
	for _, set := range km.Sets() {
		for _, b := range set.Bindings {
			for _, k := range b.Keys() {
				if !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return append(out, "e", "京", "backspace", "left", "right", "ctrl+a", "F")
}

// fuzzInput hands out the fuzzer's bytes; past the end it yields zeros.
type fuzzInput struct {
	b []byte
	i int
}

func (in *fuzzInput) next() int {
	if in.i >= len(in.b) {
		return 0
	}
	in.i++
	return int(in.b[in.i-1])
}

func (in *fuzzInput) more() bool { return in.i < len(in.b) }

// instantRestorer restores every id at once, for a real api.Engine whose
// runs the fuzzer starts but whose events it replaces with its own.
type instantRestorer struct{}

func (instantRestorer) RestoreBatch(_ context.Context, ids []int64, _ api.PathStrategy) (api.BatchResult, error) {
	rows := make([]api.ItemResult, len(ids))
	for i, id := range ids {
		rows[i] = api.ItemResult{ID: id, Status: 200}
	}
	return api.BatchResult{Results: rows}, nil
}

func (instantRestorer) WaitTask(context.Context, string) ([]api.ItemResult, error) { return nil, nil }
func (instantRestorer) Info(context.Context, int64) (api.Info, error)              { return api.Info{}, nil }

// fuzzModel drives one Model through the operations encoded in data and
// checks the invariants after each step. Commands are dropped: the fuzzer
// itself plays the server, delivering pages and restore events.
func fuzzModel(t *testing.T, data []byte) {
	keys := fuzzKeys()
	m := New(Options{Client: &fakeBin{}, Restorer: api.NewEngine(instantRestorer{}, api.EngineOptions{}),
		Styles: asciiStyles(), Library: "fuzz\x1b[31mlib", PageSize: 7,
		Now: func() time.Time { return testNow }, Clipboard: func(string) error { return nil }})
	in := &fuzzInput{b: data}
	m.Init()
	checkModel(t, m, "start")
	for step := 0; in.more() && step < 400; step++ {
		var msg tea.Msg
		switch op := in.next() % 13; {
		case op < 6:
			msg = keyMsg(keys[in.next()%len(keys)])
		case op == 6:
			msg = fuzzSize(in)
		case op == 7 || op == 8:
			msg = fuzzPage(m, in)
		case op == 9:
			msg = fuzzBurst(m, in)
		case op == 10:
			text := keys[in.next()%len(keys)] + fuzzNames[in.next()%len(fuzzNames)]
			if in.next()%2 == 0 {
				msg = tea.PasteMsg{Content: text}
			} else {
				msg = tea.KeyPressMsg{Code: tea.KeyExtended, Text: text} // a grapheme cluster
			}
		case op == 11:
			msg = fuzzMouse(in)
		default:
			msg = [...]tea.Msg{spinner.TickMsg{}, statusMsg{text: fuzzNames[in.next()%len(fuzzNames)], err: true}, nil}[in.next()%3]
		}
		if msg == nil {
			continue
		}
		m.Update(msg)
		checkModel(t, m, strconv.Itoa(step))
	}
}

// fuzzMouse is a click, wheel notch, release or motion anywhere, off the
// screen too (an SSH client may send any coordinates).
func fuzzMouse(in *fuzzInput) tea.Msg {
	ms := tea.Mouse{X: in.next() - 16, Y: in.next()%80 - 8,
		Button: [...]tea.MouseButton{tea.MouseLeft, tea.MouseRight, tea.MouseWheelUp, tea.MouseWheelDown}[in.next()%4]}
	if in.next() > 250 {
		ms.X, ms.Y = 1<<30, -1<<30
	}
	switch in.next() % 4 {
	case 0:
		return tea.MouseClickMsg(ms)
	case 1:
		return tea.MouseWheelMsg(ms)
	case 2:
		return tea.MouseReleaseMsg(ms)
	}
	return tea.MouseMotionMsg(ms)
}

func fuzzSize(in *fuzzInput) tea.WindowSizeMsg {
	if n := in.next(); n < 200 {
		sz := fuzzSizes[n%len(fuzzSizes)]
		return tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}
	}
	return tea.WindowSizeMsg{Width: in.next(), Height: in.next() % 64}
}

// fuzzPage is a page of the listing in progress (when one is awaited) or
// of a stale generation, with random items, sizes and errors.
func fuzzPage(m *Model, in *fuzzInput) pageLoadedMsg {
	gen := m.gen
	if !m.loading || in.next()%5 == 0 {
		gen -= 1 + in.next()%3
	}
	msg := pageLoadedMsg{gen: gen, marker: api.Marker(strconv.Itoa(in.next()))}
	switch in.next() % 6 {
	case 0:
		msg.err = [...]error{
			&api.APIError{Status: 403, Code: "InvalidAccessToken", RequestID: "r\x1b[1m"},
			context.DeadlineExceeded,
			errors.New("dial tcp: \x1b[31mconnection refused\u202e"),
		}[in.next()%3]
		return msg
	}
	n := in.next() % 40
	msg.page.TotalNum = int64(in.next() * 3)
	if in.next()%3 != 0 {
		msg.page.NextMarker = api.Marker("m" + strconv.Itoa(in.next()))
	}
	for range n {
		name := fuzzNames[in.next()%len(fuzzNames)]
		it := api.Item{
			ID: int64(1 + in.next()%120), Name: name, OriginalPath: []string{fuzzNames[in.next()%len(fuzzNames)], name},
			Size: uint64(in.next()) << (in.next() % 64), Type: "file", RemainingDays: int64(in.next()%40) - 5,
			RemovalTime: testNow.Add(-time.Duration(in.next()) * time.Hour),
		}
		if f := in.next(); f%3 != 0 {
			it.HasAuthority, it.Authority.CanRestore = true, f%3 == 1
		}
		msg.page.Items = append(msg.page.Items, it)
	}
	return msg
}

// fuzzBurst is a burst of restore events for the run in progress (or a
// stale one), about loaded items and strangers alike.
func fuzzBurst(m *Model, in *fuzzInput) tea.Msg {
	if m.rr == nil {
		return nil
	}
	msg := restoreEventsMsg{run: m.rr.id, closed: in.next()%4 == 0}
	if m.rr.done || in.next()%6 == 0 {
		msg.run = m.rr.id - 1
	}
	for range in.next() % 9 {
		id := int64(in.next())
		if len(m.data.Items()) > 0 && id%4 != 0 {
			id = m.data.Items()[int(id)%len(m.data.Items())].ID
		}
		ev := api.Event{ID: id, Kind: api.EventKind(in.next() % 7), Code: fuzzCodes[in.next()%len(fuzzCodes)],
			Message: fuzzNames[in.next()%len(fuzzNames)], TaskID: strconv.Itoa(in.next() % 3)}
		if ev.Kind == api.Restored && in.next()%2 == 0 {
			ev.Path = []string{"docs", fuzzNames[in.next()%len(fuzzNames)]}
		}
		msg.events = append(msg.events, ev)
	}
	return msg
}

// checkModel asserts what must hold after any message: the cursor and the
// scroll offset inside the view, marks only on loaded restorable items with
// exact totals, and a frame that fits the terminal without escape bytes.
func checkModel(t *testing.T, m *Model, when string) {
	t.Helper()
	n := len(m.data.View())
	if (n == 0 && m.table.Cursor() != 0) || (n > 0 && (m.table.Cursor() < 0 || m.table.Cursor() >= n)) {
		t.Fatalf("%s: cursor %d outside a view of %d", when, m.table.Cursor(), n)
	}
	rows := max(m.layout().rows, 1)
	if m.table.Offset() < 0 || m.table.Offset() > m.table.Cursor() || m.table.Cursor() >= m.table.Offset()+rows || (n > 0 && m.table.Offset() >= n) {
		t.Fatalf("%s: offset %d with cursor %d, %d rows, view %d", when, m.table.Offset(), m.table.Cursor(), rows, n)
	}
	count, sum := 0, uint64(0)
	for idx := range int32(m.data.Len()) {
		if !m.data.Marked(idx) {
			continue
		}
		if !m.data.Item(idx).Restorable() {
			t.Fatalf("%s: unrestorable item %d is marked", when, m.data.Item(idx).ID)
		}
		count++
		sum += m.data.Item(idx).Size
	}
	if count != m.data.MarkCount() || sum != m.data.MarkBytes() {
		t.Fatalf("%s: markCount %d markBytes %d, recomputed %d and %d", when, m.data.MarkCount(), m.data.MarkBytes(), count, sum)
	}
	if m.rr != nil && (m.rr.unknown < 0 || m.rr.failedCount < 0) {
		t.Fatalf("%s: run counters went negative: %+v", when, *m.rr)
	}
	checkFrame(t, m.render(), m.width, m.height, when)
	// The summary and the status line are checked whole as well, since the
	// frame may cut them short before a hostile code or message.
	if m.rr != nil {
		checkInert(t, m.summary(), when+" summary")
	}
	checkInert(t, m.statusLine(), when+" status line")
}

// stripAttrs removes the attributes the styles keep without colour
// (reverse video on the cursor row, underlined range rows).
func stripAttrs(v string) string {
	st := asciiStyles()
	for _, p := range []theme.Paint{st.Cursor, st.Range} {
		v = strings.ReplaceAll(strings.ReplaceAll(v, p.On, ""), p.Off, "")
	}
	return strings.ReplaceAll(v, "\x1b[0m", "") // an overlay cutting a painted row resets it
}

// checkInert asserts that no line of s holds anything the sanitizer would
// rewrite (C0, C1, DEL, bidi controls and other invisible format
// characters): every server string on screen must have passed through it.
// safe.Text is idempotent, so a sanitized line is its own image.
func checkInert(t *testing.T, s, when string) {
	t.Helper()
	for _, l := range strings.Split(s, "\n") {
		if safe.Text(l) != l {
			t.Fatalf("%s: unescaped text reached the screen: %q", when, l)
		}
	}
}

// checkFrame asserts a frame fits w×h and holds no escape byte but the
// attributes kept without colour (the tests render with the ASCII
// profile, so any other ESC came from data).
func checkFrame(t *testing.T, v string, w, h int, when string) {
	t.Helper()
	v = stripAttrs(v)
	if strings.ContainsRune(v, '\x1b') {
		t.Fatalf("%s: an escape byte reached the %dx%d screen:\n%q", when, w, h, v)
	}
	checkInert(t, v, when)
	lines := strings.Split(v, "\n")
	if len(lines) > max(h, 1) {
		t.Fatalf("%s: %d lines for a %dx%d terminal", when, len(lines), w, h)
	}
	if w < 20 || h < 5 {
		return
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s: line %d is %d cells on a %dx%d terminal: %q", when, i, lw, w, h, l)
		}
	}
}

// seedKey encodes a key press for fuzzModel.
func seedKey(tb testing.TB, k string) []byte {
	tb.Helper()
	for i, x := range fuzzKeys() {
		if x == k {
			return []byte{0, byte(i)}
		}
	}
	tb.Fatalf("seedKey: no key %q", k)
	return nil
}

// seedPage encodes a page of n items for the listing in progress, the
// last one when more is false.
func seedPage(n int, more bool, first byte) []byte {
	b := []byte{7, 1, 0, 1, byte(n), 90, 0}
	if more {
		b[6], b = 1, append(b, first)
	}
	for i := range n {
		b = append(b, byte(i), first+byte(i), byte(i+1), byte(i*37), byte(i%20), byte(i), byte(i), byte(i))
	}
	return b
}

// seedBurst encodes a burst of events (byte pairs kind, code) about the
// loaded items, closing the run when closed is set.
func seedBurst(closed bool, evs ...[2]byte) []byte {
	c := byte(1)
	if closed {
		c = 0
	}
	b := []byte{9, c, 1, byte(len(evs))}
	for i, ev := range evs {
		b = append(b, byte(4*i+1), ev[0], ev[1], 0, 0)
	}
	return b
}

func seedOf(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// FuzzModelUpdate feeds the root model random sequences of keys, window
// sizes (0×0 and 1×1 included), pages (current and stale, with errors) and
// restore event bursts, checking the model's invariants after every step.
func FuzzModelUpdate(f *testing.F) {
	size := func(i int) []byte { return []byte{6, byte(i)} }
	f.Add([]byte{})
	f.Add(seedOf(size(0), seedPage(5, false, 1), size(1), seedKey(f, "down"), size(2)))
	f.Add(seedOf(seedPage(7, true, 1), seedKey(f, "space"), seedKey(f, "space"), seedPage(7, false, 20), seedKey(f, "G"), seedKey(f, "v"),
		seedKey(f, "k"), seedKey(f, "k"), seedKey(f, "v"), size(7), seedKey(f, "tab"), seedKey(f, "S")))
	f.Add(seedOf(seedPage(7, false, 1), seedKey(f, "a"), seedKey(f, "r"), seedKey(f, "t"), seedKey(f, "y"),
		seedBurst(false, [2]byte{0, 0}, [2]byte{5, 4}, [2]byte{3, 0}), seedBurst(true, [2]byte{4, 1}, [2]byte{6, 5}),
		seedKey(f, "R"), seedKey(f, "enter"), seedKey(f, "x"), seedKey(f, "y"), size(3), seedKey(f, "?")))
	f.Add(seedOf(seedPage(7, true, 1), seedKey(f, "/"), seedKey(f, "e"), []byte{10, 1, 2, 0}, seedKey(f, "backspace"),
		seedKey(f, "enter"), seedKey(f, "ctrl+r"), seedPage(3, false, 50), seedKey(f, "i"), seedKey(f, "u"), size(0), seedKey(f, "G")))
	f.Add(seedOf(seedPage(7, true, 1), []byte{7, 1, 0, 0, 0}, seedKey(f, "ctrl+t"), seedPage(7, false, 9), size(8)))
	f.Fuzz(fuzzModel)
}

// TestWrapClustersKeepsClustersWhole: the details pane's wrap never leaves
// a grapheme cluster's marks at the start of a line (found by the fuzzer:
// a keycap name made the pane a cell wider than the terminal).
func TestWrapClustersKeepsClustersWhole(t *testing.T) {
	for _, v := range []string{"/report.pdf/1\ufe0f\u20e3👨\u200d👩\u200d👧", "/aaaaaaaaaaaa1\ufe0f\u20e3x", "/cafe\u0301/🇯🇵🇯🇵🇯🇵/x", "/写真/京都旅行の写真.heic"} {
		for w := 1; w <= 16; w++ {
			lines := wrapClusters(v, w)
			for i := 1; i < len(lines); i++ {
				prev, next := lines[i-1], lines[i]
				if next == "" || prev == "" {
					continue
				}
				c, _ := ansi.FirstGraphemeCluster(next, ansi.GraphemeWidth)
				if whole, _ := ansi.FirstGraphemeCluster(lastCluster(prev)+next, ansi.GraphemeWidth); len(whole) > len(lastCluster(prev)) || c == "" {
					t.Fatalf("%q at %d: line %d %q continues a cluster of %q", v, w, i, next, prev)
				}
			}
			if strings.Join(lines, "") != v {
				t.Fatalf("%q at %d: wrapped into %q, losing text", v, w, lines)
			}
		}
	}
}

func lastCluster(s string) string {
	last := ""
	for s != "" {
		c, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if c == "" {
			break
		}
		last, s = c, s[len(c):]
	}
	return last
}

// TestRestoreSummaryEscapesServerCodes: codes and messages from the server
// (here with a bidi override, a C1 CSI and an ESC) reach the restore
// summary, the rows and the status line only through the sanitizer. The
// fuzz target checks the same after every step; this pins the case down.
func TestRestoreSummaryEscapesServerCodes(t *testing.T) {
	m := New(Options{Client: &fakeBin{}, Restorer: api.NewEngine(instantRestorer{}, api.EngineOptions{}),
		Styles: asciiStyles(), Library: "lib", PageSize: 7,
		Now: func() time.Time { return testNow }, Clipboard: func(string) error { return nil }})
	m.Init()
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 30})
	m.Update(pageLoadedMsg{gen: m.gen, page: api.Page{TotalNum: 3, Items: []api.Item{
		{ID: 1, Name: "a", Type: "file"}, {ID: 2, Name: "b", Type: "file"}, {ID: 3, Name: "c", Type: "file"}}}})
	for _, k := range []string{"a", "r", "y"} {
		m.Update(keyMsg(k))
	}
	if m.rr == nil {
		t.Fatal("no restore run started")
	}
	m.Update(restoreEventsMsg{run: m.rr.id, closed: true, events: []api.Event{
		{ID: 1, Kind: api.Failed, Code: "Evil\u202eedoC", Message: "\x1b]52;c;aGk=\x07"},
		{ID: 2, Kind: api.Skipped, Code: "\u009b2J"},
		{ID: 3, Kind: api.Unknown, Code: api.CodeNotConfirmed, Message: "not confirmed \u2066x"},
	}})
	checkModel(t, m, "after the run")
	if s := m.summary(); !strings.Contains(s, `Evil\u202eedoC`) || !strings.Contains(s, `\u009b2J`) {
		t.Errorf("summary %q does not show the codes escaped", s)
	}
}
