// Command idlecpu measures the CPU time smhbin's terminal UI uses while
// nobody touches it, beside a minimal Bubble Tea program (this command
// itself, run with -minimal) on the same version: the framework's own
// frame timer is the floor. Each runs under a pty of 120×40; after a
// settling time (the demo bin loads), the CPU time (user + system, from
// /proc) over the window is printed.
//
//	go build -o /tmp/smhbin . && go run ./bench/idlecpu -bin /tmp/smhbin
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/creack/pty"
)

func main() {
	bin := flag.String("bin", "smhbin", "the smhbin binary to measure")
	settle := flag.Duration("settle", 8*time.Second, "time to load before measuring")
	window := flag.Duration("window", 20*time.Second, "how long to measure")
	minimal := flag.Bool("minimal", false, "run as the minimal Bubble Tea program")
	flag.Parse()
	if *minimal {
		if _, err := tea.NewProgram(quiet{}).Run(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	for _, p := range []struct {
		name string
		argv []string
	}{{"a minimal Bubble Tea program", []string{self, "-minimal"}}, {"smhbin --demo", []string{*bin, "--demo"}}} {
		ms, err := idle(p.argv, *settle, *window)
		if err != nil {
			fail(err)
		}
		fmt.Printf("%-30s %6.0f ms of CPU in %v idle\n", p.name, ms, *window)
	}
}

// quiet is the minimal program: one line, in the alternate screen as
// smhbin's, quitting on q.
type quiet struct{}

func (quiet) Init() tea.Cmd { return nil }

func (q quiet) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
		return q, tea.Quit
	}
	return q, nil
}

func (quiet) View() tea.View {
	v := tea.NewView("idle")
	v.AltScreen = true
	return v
}

// idle runs argv under a pty and returns the CPU milliseconds it used
// during window, after settle.
func idle(argv []string, settle, window time.Duration) (float64, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		return 0, err
	}
	defer tty.Close()
	go func() { _, _ = io.Copy(io.Discard, tty) }() // the terminal reads everything
	time.Sleep(settle)
	before, err := cpuTime(cmd.Process.Pid)
	if err != nil {
		return 0, err
	}
	time.Sleep(window)
	after, err := cpuTime(cmd.Process.Pid)
	if err != nil {
		return 0, err
	}
	_, _ = tty.WriteString("q")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
	return after - before, nil
}

// cpuTime is the user and system time of pid in milliseconds (Linux).
func cpuTime(pid int) (float64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc stat: %q", b)
	}
	utime, err1 := strconv.ParseFloat(f[11], 64)
	stime, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unexpected /proc stat: %q", b)
	}
	const clkTck = 100 // USER_HZ on Linux
	return (utime + stime) * 1000 / clkTck, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "idlecpu:", err)
	os.Exit(1)
}
