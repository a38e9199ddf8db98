package ui

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// msgTap wraps the model and records when each message reached Update.
type msgTap struct {
	inner tea.Model
	log   *msgLog
}

type msgLog struct {
	mu    sync.Mutex
	times []time.Time
	kinds []string
	frame string
}

func (l *msgLog) add(msg tea.Msg) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times = append(l.times, time.Now())
	l.kinds = append(l.kinds, fmt.Sprintf("%T", msg))
}

// since counts the messages of each kind that arrived after t.
func (l *msgLog) since(t time.Time) map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := map[string]int{}
	for i, at := range l.times {
		if at.After(t) {
			n[l.kinds[i]]++
		}
	}
	return n
}

func (l *msgLog) lastFrame() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.frame
}

func (f msgTap) Init() tea.Cmd { return f.inner.Init() }

func (f msgTap) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	f.log.add(msg)
	m, cmd := f.inner.Update(msg)
	return msgTap{inner: m, log: f.log}, cmd
}

func (f msgTap) View() tea.View {
	v := f.inner.View()
	f.log.mu.Lock()
	f.log.frame = ansi.Strip(v.Content)
	f.log.mu.Unlock()
	return v
}

// TestIdleProgramGoesQuiet runs the real program loop over a listing of
// several pages, then leaves it alone: once everything is loaded, no
// message reaches Update for two seconds running (no spinner, fade or
// preview timer of smhbin's keeps ticking; the minute timer is the one
// allowed, and it is recorded rather than run here).
func TestIdleProgramGoesQuiet(t *testing.T) {
	bin := &fakeBin{items: makeItems(300)}
	m := newTestModel(t, bin, 100, 30, nil)
	var minutes []time.Duration
	var mu sync.Mutex
	m.minuteAfter = func(d time.Duration) tea.Cmd {
		mu.Lock()
		minutes = append(minutes, d)
		mu.Unlock()
		return nil
	}
	log := &msgLog{}
	tm := teatest.NewTestModel(t, msgTap{inner: m, log: log}, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })

	deadline := time.Now().Add(30 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("the UI never loaded; last frame:\n%s", log.lastFrame())
		}
		if f := log.lastFrame(); strings.Contains(f, "300 items") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	const quiet = 2 * time.Second
	for {
		if time.Now().After(deadline) {
			t.Fatalf("messages kept reaching Update in the last %v while idle: %s", quiet, kinds(log.since(time.Now().Add(-quiet))))
		}
		if len(log.since(time.Now().Add(-quiet))) == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(minutes) != 1 {
		t.Fatalf("the minute timer was armed %d times (%v), want once", len(minutes), minutes)
	}
}

func kinds(n map[string]int) string {
	var out []string
	for k, c := range n {
		out = append(out, fmt.Sprintf("%s ×%d", k, c))
	}
	sort.Strings(out)
	return fmt.Sprint(out)
}

// TestMinuteTimerRedrawsRelativeTimes: Init arms one timer for the next
// minute boundary, each minute message arms the next one only, and the
// frame drawn after it says how long ago items were removed as of the new
// minute, with no key pressed (the program draws a frame after each
// message, and without this one an idle screen would not be drawn again).
func TestMinuteTimerRedrawsRelativeTimes(t *testing.T) {
	now := testNow.Add(20 * time.Second)
	var armed []time.Duration
	m := newTestModel(t, &fakeBin{items: makeItems(40)}, 120, 30, func(o *Options) {
		o.Now = func() time.Time { return now }
	})
	m.minuteAfter = func(d time.Duration) tea.Cmd { armed = append(armed, d); return nil }
	run(t, m, m.Init())
	if len(armed) != 1 || armed[0] != 40*time.Second {
		t.Fatalf("Init armed %v, want one timer of 40s", armed)
	}
	before := m.render()
	now = now.Add(2*time.Minute + 10*time.Second)
	if _, cmd := m.Update(minuteMsg{}); cmd != nil {
		run(t, m, cmd)
	}
	if len(armed) != 2 || armed[1] != 30*time.Second {
		t.Fatalf("timers armed %v, want a second one of 30s", armed)
	}
	if m.render() == before {
		t.Fatal("the frame after a minute message still shows the old relative times")
	}
	for _, k := range []string{"j", "k", "T", "T"} {
		press(t, m, k)
	}
	if len(armed) != 2 {
		t.Fatalf("keys armed more minute timers: %v", armed)
	}
}
