// Command termbytes measures what every keypress costs an SSH user: the
// bytes the program writes to the terminal per cursor move and per page
// down, with the details pane open and closed, at 120×40 and 80×24.
//
// It runs the real root model in a real Bubble Tea program (the renderer
// included, which is what decides how many bytes a frame costs) over the
// embedded emulator, and counts what reaches the program's output. Frames
// are flushed on the renderer's own clock, so after each key it waits a
// few frame periods before reading the count.
//
//	go run ./bench/termbytes            # the table below
//	go run ./bench/termbytes -moves 100 # more scrolling samples
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"sort"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/api/fakesmh"
	"smhbin/ui"
)

// countingWriter counts bytes written, from any goroutine.
type countingWriter struct {
	n    atomic.Int64
	last atomic.Value // []byte: the latest write, for -dump
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n.Add(int64(len(p)))
	c.last.Store(append([]byte(nil), p...))
	return len(p), nil
}

// scenario is one terminal size and pane state.
type scenario struct {
	name    string
	w, h    int
	details bool
}

var dump = flag.String("dump", "", "write the last frame written after a cursor move to FILE-WxH-details")

func main() {
	moves := flag.Int("moves", 60, "cursor moves sampled per scenario")
	settle := flag.Duration("settle", 60*time.Millisecond, "how long the output must stay quiet after a key before it is counted")
	flag.Parse()

	// The emulator's seeded bin mixes CJK and Latin names, as a real one
	// does; the second bin has only ASCII names and paths, since Bubble
	// Tea v2's renderer repaints a changed frame's rows that hold a wide
	// character whole, and diffs the others cell by cell.
	mixed := httptest.NewServer(fakesmh.New(fakesmh.Options{Items: 3000, LibraryID: "lib", Token: "tok"}))
	defer mixed.Close()
	ascii := fakesmh.New(fakesmh.Options{Items: -1, LibraryID: "lib", Token: "tok"})
	for i := range 3000 {
		ascii.Add(fakesmh.NewRecord("projects", fmt.Sprintf("q%d", i%4+1), fmt.Sprintf("report-%04d.pdf", i)))
	}
	asciiSrv := httptest.NewServer(ascii)
	defer asciiSrv.Close()

	fmt.Printf("%-36s %10s %10s %10s\n", "scenario", "j", "j scroll", "pgdn")
	for _, bin := range []struct{ name, url string }{{"mixed names", mixed.URL}, {"ASCII names", asciiSrv.URL}} {
		for _, sc := range []scenario{
			{"120x40, details open", 120, 40, true},
			{"120x40, details closed", 120, 40, false},
			{"80x24, details open", 80, 24, true},
			{"80x24, details closed", 80, 24, false},
		} {
			j, scroll, pg, err := measure(bin.url, sc, *moves, *settle)
			if err != nil {
				fmt.Fprintln(os.Stderr, "termbytes:", err)
				os.Exit(1)
			}
			fmt.Printf("%-36s %9dB %9dB %9dB\n", bin.name+", "+sc.name, j, scroll, pg)
		}
	}
}

// measure runs one program and returns the median and mean bytes per
// cursor move inside the window, per cursor move that scrolls the table,
// and per page down.
func measure(endpoint string, sc scenario, moves int, settle time.Duration) (jMed, scrollMed, pgMed int64, err error) {
	c, err := api.New(api.Config{Endpoint: endpoint, LibraryID: "lib", Token: "tok"})
	if err != nil {
		return 0, 0, 0, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &countingWriter{}
	getenv := func(k string) string {
		return map[string]string{"TERM": "xterm-256color", "COLORTERM": "truecolor"}[k]
	}
	m := ui.New(ui.Options{Context: ctx, Client: c, Styles: ui.StylesFor(getenv, false), Library: "lib", PageSize: 1000})
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignals(), tea.WithContext(ctx),
		tea.WithWindowSize(sc.w, sc.h), tea.WithColorProfile(ui.ProfileFromEnv(getenv, false)), tea.WithEnvironment([]string{"TERM=xterm-256color", "COLORTERM=truecolor"}))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()

	time.Sleep(500 * time.Millisecond) // the emulator's 3,000 items load
	if sc.details != (sc.w >= 120) {   // the pane opens by itself on wide terminals
		p.Send(key("d"))
		quiet(out, settle)
	}
	sample := func(k tea.KeyPressMsg, n int) []int64 {
		var d []int64
		for i := 0; i < n; i++ {
			before := out.n.Load()
			p.Send(k)
			quiet(out, settle)
			d = append(d, out.n.Load()-before)
		}
		return d
	}
	js := sample(key("j"), 10) // inside the first window: only two rows change
	sample(key("j"), 40)       // to past the window's end
	scroll := sample(key("j"), moves)
	if *dump != "" {
		b, _ := out.last.Load().([]byte)
		_ = os.WriteFile(fmt.Sprintf("%s-%dx%d-%v", *dump, sc.w, sc.h, sc.details), b, 0o644)
	}
	pgs := sample(tea.KeyPressMsg{Code: tea.KeyPgDown}, moves/4+1)
	p.Quit()
	<-done
	return median(js), median(scroll), median(pgs), nil
}

// quiet waits until nothing has been written for the settle period (a few
// frames), so that a slow frame on a loaded machine is counted with the key
// that caused it rather than with the next one.
func quiet(out *countingWriter, settle time.Duration) {
	last, since := out.n.Load(), time.Now()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
		if n := out.n.Load(); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) >= settle {
			return
		}
	}
}

func key(s string) tea.KeyPressMsg {
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func median(v []int64) int64 {
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2]
}
