package ui

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

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
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return theme.New(theme.DefaultPalette(), r)
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
			_, next := m.Update(msg)
			start(next)
		}
	}
}

// execCmd runs a command, giving up on ones that only wait on a timer.
func execCmd(c tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(2 * time.Second):
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

// keyMsg builds the tea.KeyMsg whose String() is k.
func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "ctrl+t":
		return tea.KeyMsg{Type: tea.KeyCtrlT}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+\\":
		return tea.KeyMsg{Type: tea.KeyCtrlBackslash}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
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
