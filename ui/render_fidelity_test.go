package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// cjkBin is a bin of CJK names in CJK folders (no emoji: terminals agree
// on the width of every cell), so every table row holds wide cells.
func cjkBin() []fakesmh.Record {
	names := []string{"季度汇报", "产品发布会", "年会合影", "设计终稿", "预算表", "会议纪要", "活动海报", "市场调研"}
	var recs []fakesmh.Record
	for i := range 120 {
		r := fakesmh.NewRecord("项目", "2026", "市场部", fmt.Sprintf("%s-%03d.docx", names[i%len(names)], i))
		r.ID = int64(1000 + i)
		r.Size = uint64(1000 * (i + 1))
		r.RemovalTime = testNow.Add(-time.Duration(i) * time.Minute)
		recs = append(recs, r)
	}
	return recs
}

// renderRun is a real program whose output is replayed into a terminal
// emulator, with the frame the model rendered beside it.
type renderRun struct {
	p     *tea.Program
	out   *syncOutput
	frame *atomic.Pointer[string]
	emu   *vt.Emulator
	fed   int
}

// quiet waits until the program has written nothing for a few frame
// periods, then replays what it wrote into the emulator and returns how
// many bytes that was.
func (r *renderRun) quiet(t *testing.T) int {
	t.Helper()
	last, since := -1, time.Now()
	for deadline := time.Now().Add(30 * time.Second); ; {
		if n := len(r.out.String()); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) > 150*time.Millisecond {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the program never stopped writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	all := r.out.String()
	chunk := all[r.fed:]
	r.fed = len(all)
	// The output is not a tty here, so the renderer relies on the line
	// discipline's onlcr for "\n"; do what a cooked tty would.
	_, _ = r.emu.Write(bytes.ReplaceAll([]byte(chunk), []byte("\n"), []byte("\r\n")))
	return len(chunk)
}

// check waits until the emulated screen equals the last frame, and fails
// with the first differing row if it never does. Waiting, not comparing
// once: on a loaded machine the renderer can flush a frame well after the
// model drew it, and a frame that is late is not a wrong screen. A wrong
// screen stays wrong, since nothing is redrawn while no key is pressed.
func (r *renderRun) check(t *testing.T, step string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		y, g, w := r.diff()
		if y < 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s, screen row %d is\n%q\nbut the frame has\n%q", step, y, g, w)
		}
		time.Sleep(20 * time.Millisecond)
		r.quiet(t)
	}
}

// diff returns the first row where the screen and the frame differ, and
// both versions of it; -1 when they agree.
func (r *renderRun) diff() (int, string, string) {
	want := strings.Split(ansi.Strip(*r.frame.Load()), "\n")
	got := strings.Split(r.emu.String(), "\n")
	for y := range max(len(want), len(got)) {
		var w, g string
		if y < len(want) {
			w = strings.TrimRight(want[y], " ")
		}
		if y < len(got) {
			g = strings.TrimRight(got[y], " ")
		}
		if w != g {
			return y, g, w
		}
	}
	return -1, "", ""
}

// TestRendererKeepsCJKScreensExact replays everything the real program
// writes at 120×40, in colour, over a bin of CJK rows, into a terminal
// emulator, and checks the screen equals the rendered frame after moves,
// scrolls, page jumps, the pane toggling and a filter. It also holds the
// renderer patch in third_party/ultraviolet to its purpose: a cursor move
// inside the window costs under 1 KB with the pane closed (the unpatched
// renderer repaints every row that holds a wide character: ≈ 7 KB).
func TestRendererKeepsCJKScreensExact(t *testing.T) {
	e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
	e.srv.Add(cjkBin()...)
	runFidelity(t, e, 120, 40, "130 items", true)
}

// TestRendererKeepsMixedScreensExact is the same over the emulator's own
// seeded bin (CJK, kana, Latin, emoji in names and folders) at 80×24 and
// 120×40: emoji rows are still repainted whole, CJK rows diffed.
func TestRendererKeepsMixedScreensExact(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(sizeName(sz), func(t *testing.T) {
			e := newEmu(t, fakesmh.Options{}, api.EngineOptions{})
			seeded := fakesmh.New(fakesmh.Options{Items: 300, Now: testNow, LibraryID: "x", Token: "y"})
			for _, id := range seeded.IDs() {
				rec, _ := seeded.Item(id)
				e.srv.Add(rec)
			}
			runFidelity(t, e, sz[0], sz[1], "310 items", false)
		})
	}
}

// runFidelity drives the program through moves, scrolls, page jumps, the
// pane and a filter, checking the emulated screen after each step.
func runFidelity(t *testing.T, e *emu, w, h int, loadedText string, budget bool) {
	getenv := func(k string) string {
		return map[string]string{"TERM": "xterm-256color", "COLORTERM": "truecolor"}[k]
	}
	m := New(Options{Client: e.client, Restorer: e.engine, Styles: StylesFor(getenv, false), Library: "testlib",
		Now: func() time.Time { return testNow }})
	r := &renderRun{out: &syncOutput{}, frame: new(atomic.Pointer[string]), emu: vt.NewEmulator(w, h)}
	go func() { _, _ = io.Copy(io.Discard, r.emu) }()
	t.Cleanup(func() {
		if c, ok := r.emu.InputPipe().(io.Closer); ok {
			_ = c.Close()
		}
	})
	r.p = tea.NewProgram(frameTap{inner: m, frame: r.frame}, tea.WithInput(nil), tea.WithOutput(r.out),
		tea.WithoutSignals(), tea.WithWindowSize(w, h), tea.WithColorProfile(colorprofile.TrueColor),
		tea.WithEnvironment([]string{"TERM=xterm-256color", "COLORTERM=truecolor"}))
	done := make(chan error, 1)
	go func() { _, err := r.p.Run(); done <- err }()
	waitFrame(t, r.frame, loadedText)
	r.quiet(t)
	r.check(t, "loading")

	r.p.Send(keyMsg("d")) // the pane opens by itself at 120 columns
	r.quiet(t)
	r.check(t, "toggling the pane")
	for i := range 5 {
		r.p.Send(keyMsg("j"))
		if n := r.quiet(t); budget && n >= 1000 {
			t.Errorf("cursor move %d over CJK rows wrote %d bytes, want < 1000", i+1, n)
		}
		r.check(t, fmt.Sprintf("j #%d", i+1))
	}
	for _, step := range [][]string{
		{"G"}, {"g"}, {"pgdown"}, {"j", "j", "j"}, {"d"}, {"j"}, {"pgdown"}, {"k"},
		{"/", "会", "议"}, {"enter"}, {"j"}, {"esc"}, {"G"}, {"k", "k"},
	} {
		for _, k := range step {
			r.p.Send(keyMsg(k))
		}
		r.quiet(t)
		r.check(t, strings.Join(step, " "))
	}
	r.p.Send(keyMsg("q"))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
