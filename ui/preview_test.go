package ui

import (
	"context"
	"errors"
	"image"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"smhbin/termimg"
)

// previewBin is a fakeBin that also serves thumbnails: a red square, or
// err; it counts the requests.
type previewBin struct {
	*fakeBin
	err   error
	calls atomic.Int32
}

func (p *previewBin) Preview(_ context.Context, _ int64, _, _ int) (image.Image, error) {
	p.calls.Add(1)
	if p.err != nil {
		return nil, p.err
	}
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = []byte{255, 0, 0, 255}[i%4]
	}
	return img, nil
}

// previewModel is a loaded 140×40 model (details beside the table) over n
// items, images when img, drawing half-blocks on a clock the test moves.
func previewModel(t *testing.T, n int, img bool, err error) (*Model, *previewBin, *time.Time) {
	t.Helper()
	items := makeItems(n)
	for i := range items {
		items[i].PreviewByCI = img
	}
	bin := &previewBin{fakeBin: &fakeBin{items: items}, err: err}
	clock := testNow
	m := newTestModel(t, bin, 140, 40, func(o *Options) {
		o.Preview = termimg.Blocks
		o.Now = func() time.Time { return clock }
	})
	// Loaded directly: run would keep feeding the debounce timer
	// while this test's clock stands still.
	m.data.Add(items)
	m.complete, m.total = true, int64(n)
	// The debounce is measured on the test's clock; its timer fires at
	// once, and the policy then tells whether the rest was long enough.
	m.pv.after = func(time.Duration) tea.Cmd { return func() tea.Msg { return previewTickMsg{} } }
	return m, bin, &clock
}

// pump runs cmd and feeds the preview messages it yields back into m,
// handing those hold accepts to the caller instead.
func pump(m *Model, cmd tea.Cmd, hold func(tea.Msg) bool) []tea.Msg {
	var held []tea.Msg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 50; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := execCmd(c).(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case previewTickMsg, previewMsg:
			if hold != nil && hold(msg) {
				held = append(held, msg)
				continue
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return held
}

// rest moves the cursor with key, lets the debounce pass and runs what
// follows.
func rest(m *Model, clock *time.Time, key string, hold func(tea.Msg) bool) []tea.Msg {
	_, cmd := m.Update(keyMsg(key))
	*clock = clock.Add(time.Second)
	return pump(m, cmd, hold)
}

func TestPreviewDrawsHalfBlocksInDetails(t *testing.T) {
	m, bin, clock := previewModel(t, 10, true, nil)
	if !strings.Contains(m.render(), "loading…") {
		t.Fatalf("no loading line before the thumbnail arrives:\n%s", m.render())
	}
	rest(m, clock, "down", nil)
	out := m.render()
	if !strings.Contains(out, "▀") || strings.Contains(out, "loading…") {
		t.Fatalf("no half-block thumbnail in the details pane:\n%s", out)
	}
	if n := bin.calls.Load(); n != 1 {
		t.Fatalf("%d preview requests, want 1", n)
	}
	rest(m, clock, "up", nil)
	rest(m, clock, "down", nil) // cached: no new request
	if n := bin.calls.Load(); n != 2 {
		t.Fatalf("%d preview requests after returning to a drawn row, want 2", n)
	}
}

func TestPreviewForLeftRowIsDropped(t *testing.T) {
	m, _, clock := previewModel(t, 10, true, nil)
	held := rest(m, clock, "down", func(msg tea.Msg) bool { _, ok := msg.(previewMsg); return ok })
	if len(held) != 1 {
		t.Fatalf("%d fetches finished, want 1", len(held))
	}
	m.Update(keyMsg("down")) // the cursor leaves the row
	m.Update(held[0])
	if m.pv.cache.Len() != 0 || strings.Contains(m.render(), "▀") {
		t.Fatalf("a thumbnail for a row the cursor left was kept or drawn:\n%s", m.render())
	}
}

func TestPreviewErrorIsOneLineAndCached(t *testing.T) {
	m, bin, clock := previewModel(t, 10, true, errors.New("preview: image larger than 4 MiB\nsecond line"))
	rest(m, clock, "down", nil)
	out := m.render()
	if !strings.Contains(out, "thumbnail  preview: image larger than 4 MiB") || strings.Contains(out, "second line") {
		t.Fatalf("no one-line reason in the pane:\n%s", out)
	}
	rest(m, clock, "up", nil)
	rest(m, clock, "down", nil)
	if n := bin.calls.Load(); n != 2 {
		t.Fatalf("%d requests: a failed thumbnail was fetched again", n)
	}
}

func TestPreviewNotFetchedForOtherRows(t *testing.T) {
	m, bin, clock := previewModel(t, 10, false, nil)
	for range 3 {
		if held := rest(m, clock, "down", nil); len(held) != 0 {
			t.Fatal("unexpected held messages")
		}
	}
	if n := bin.calls.Load(); n != 0 || strings.Contains(m.render(), "thumbnail") {
		t.Fatalf("%d preview requests for rows without previews", n)
	}
}

// TestPreviewFastScroll holds the down key through 100 image rows (a
// repeat every 30 ms, the debounce timer firing after every key): no
// thumbnail is fetched until the cursor rests, then one.
func TestPreviewFastScroll(t *testing.T) {
	m, bin, clock := previewModel(t, 100, true, nil)
	isTick := func(msg tea.Msg) bool { _, ok := msg.(previewTickMsg); return ok }
	for range 99 {
		_, cmd := m.Update(keyMsg("down"))
		pump(m, cmd, isTick)
		*clock = clock.Add(30 * time.Millisecond)
		_, cmd = m.Update(previewTickMsg{})
		pump(m, cmd, isTick)
	}
	*clock = clock.Add(time.Second)
	_, cmd := m.Update(previewTickMsg{})
	pump(m, cmd, nil)
	if n := bin.calls.Load(); n > 2 || !strings.Contains(m.render(), "▀") {
		t.Fatalf("%d preview requests for a fast scroll through 100 image rows (want ≤ 2, and the last row drawn)", n)
	}
	t.Logf("fast scroll through 100 image rows: %d preview requests", bin.calls.Load())
}
