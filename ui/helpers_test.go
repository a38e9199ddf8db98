package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/theme"
)

// testNow is the fixed clock of UI tests.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// fakeBin serves items in pages; markers are offsets. It records queries
// and can fail chosen pages.
type fakeBin struct {
	mu      sync.Mutex
	items   []api.Item
	queries []api.ListQuery
	failAt  map[api.Marker]error // marker → error to return once
}

func (f *fakeBin) List(_ context.Context, q api.ListQuery) (api.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	if err, ok := f.failAt[q.Marker]; ok {
		delete(f.failAt, q.Marker)
		return api.Page{}, err
	}
	off := 0
	if q.Marker != "" {
		off, _ = strconv.Atoi(string(q.Marker))
	}
	end := min(off+q.Limit, len(f.items))
	p := api.Page{TotalNum: int64(len(f.items)), Items: append([]api.Item(nil), f.items[off:end]...)}
	if end < len(f.items) {
		p.NextMarker = api.Marker(strconv.Itoa(end))
	}
	return p, nil
}

func (f *fakeBin) queryLog() []api.ListQuery {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]api.ListQuery(nil), f.queries...)
}

// makeItems builds n items with varied names, sizes and times; every
// 10th cannot be restored.
func makeItems(n int) []api.Item {
	out := make([]api.Item, n)
	folders := [][]string{{"projects", "2024"}, {"写真", "京都旅行"}, {"Marketing", "Spring"}, nil}
	for i := range out {
		name := fmt.Sprintf("file-%05d.jpg", i)
		if i%7 == 3 {
			name = fmt.Sprintf("報告書-%d.docx", i)
		}
		path := append(append([]string(nil), folders[i%len(folders)]...), name)
		out[i] = api.Item{
			ID: int64(1000 + i), Name: name, OriginalPath: path, SpaceID: "-",
			Size: uint64((i*7919)%5000000 + 1), Type: "file", FileType: "image",
			RemovalTime:   testNow.Add(-time.Duration(i) * time.Minute),
			RemainingDays: int64(30 - i%31), HasAuthority: true,
			Authority: api.Authority{CanRestore: i%10 != 9, CanDelete: true},
		}
	}
	return out
}

func asciiStyles() theme.Styles {
	return theme.New(theme.DefaultPalette(), theme.Target{Dark: true, NoColor: true})
}

// newTestModel builds a model over a fakeBin and sizes it.
func newTestModel(t testing.TB, bin Bin, w, h int, mod func(*Options)) *Model {
	t.Helper()
	o := Options{Client: bin, Styles: asciiStyles(), Library: "testlib", PageSize: 50,
		Now: func() time.Time { return testNow }}
	if mod != nil {
		mod(&o)
	}
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// run executes cmd and feeds resulting messages back into m until no
// command is left. Commands run concurrently, as in the real program;
// spinner ticks are dropped (they only animate) and timer-only commands
// are abandoned after a while.
func run(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	runWith(t, m, cmd, nil)
}

// runWith is run, calling after (when not nil) after each Update with the
// message and the time its Update started.
func runWith(t testing.TB, m *Model, cmd tea.Cmd, after func(msg tea.Msg, started time.Time)) {
	t.Helper()
	results := make(chan tea.Msg, 64)
	inflight := 0
	start := func(c tea.Cmd) {
		if c != nil {
			inflight++
			go func() { results <- execCmd(c) }()
		}
	}
	start(cmd)
	for steps := 0; inflight > 0; steps++ {
		if steps > 100000 {
			t.Fatal("command loop did not settle")
		}
		msg := <-results
		inflight--
		switch msg := msg.(type) {
		case nil, spinner.TickMsg:
		case tea.BatchMsg:
			for _, c := range msg {
				start(c)
			}
		case tea.QuitMsg:
		default:
			started := time.Now()
			_, next := m.Update(msg)
			if after != nil {
				after(msg, started)
			}
			start(next)
		}
	}
}

// execCmd runs a command, giving up on ones that only wait on a timer.
func init() {
	// Status messages fade on a timer, and the screen is redrawn each
	// minute; tests deliver flashTickMsg and minuteMsg themselves rather
	// than wait on the clock.
	fadeAfter = func(time.Duration, int) tea.Cmd { return nil }
	minuteTimer = func(context.Context, time.Duration) tea.Cmd { return nil }
}

func execCmd(c tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(5 * time.Second): // generous: CI machines are slow
		return nil
	}
}

// press sends keys (names as in key.WithKeys) through Update and runs
// the resulting commands.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(t, m, cmd)
	}
}

// keyMsg builds the key press whose String() is k, as Bubble Tea v2's
// decoder would report it: "ctrl+r", "pgdown", "space", "G" (shift+g).
func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"delete": tea.KeyDelete, "f5": tea.KeyF5}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if k == " " || k == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok && len(rest) > 0 {
		m := keyMsg(rest)
		m.Mod |= tea.ModCtrl
		m.Text = ""
		return m
	}
	if rest, ok := strings.CutPrefix(k, "alt+"); ok && len(rest) > 0 {
		m := keyMsg(rest)
		m.Mod |= tea.ModAlt
		m.Text = ""
		return m
	}
	r := []rune(k)
	if len(r) != 1 {
		return tea.KeyPressMsg{Code: tea.KeyExtended, Text: k}
	}
	if unicode.IsUpper(r[0]) {
		return tea.KeyPressMsg{Code: unicode.ToLower(r[0]), ShiftedCode: r[0], Mod: tea.ModShift, Text: k}
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// loaded returns a model with every page of bin loaded.
func loaded(t testing.TB, bin Bin, w, h int, mod func(*Options)) *Model {
	m := newTestModel(t, bin, w, h, mod)
	run(t, m, m.Init())
	return m
}

// tea_batch combines commands for run().
func tea_batch(cmds ...tea.Cmd) tea.Cmd { return tea.Batch(cmds...) }

type contextT = context.Context
