package ui

import (
	"io"
	"os"
	"strings"
	"sync"

	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/colorprofile"

	"smhbin/theme"
)

// ProfileFromEnv picks a colour profile from the environment alone —
// NO_COLOR, TERM and COLORTERM — and never by asking the terminal. The
// program is given it (tea.WithColorProfile) and downsamples every
// frame's colours to it; Ascii also turns the styles' colours off.
func ProfileFromEnv(getenv func(string) string, noColor bool) colorprofile.Profile {
	term := strings.ToLower(getenv("TERM"))
	ct := strings.ToLower(getenv("COLORTERM"))
	switch {
	case noColor || getenv("NO_COLOR") != "" || term == "dumb" || term == "":
		return colorprofile.Ascii
	case ct == "truecolor" || ct == "24bit":
		return colorprofile.TrueColor
	case strings.Contains(term, "256color") || strings.Contains(term, "kitty") || strings.Contains(term, "alacritty"):
		return colorprofile.ANSI256
	}
	return colorprofile.ANSI
}

// dumbTerm reports a terminal that takes no escape sequence at all, not
// even the reverse video that marks the cursor row without colour.
func dumbTerm(getenv func(string) string) bool {
	term := strings.ToLower(getenv("TERM"))
	return term == "dumb" || term == ""
}

// darkFromEnv reads COLORFGBG ("15;0": light text on a dark background)
// when the terminal sets it, and assumes dark otherwise.
func darkFromEnv(getenv func(string) string) bool {
	v := getenv("COLORFGBG")
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return true
	}
	switch v[i+1:] {
	case "7", "15":
		return false
	}
	return true
}

// StylesFor builds the styles from the environment, without any terminal
// query.
func StylesFor(getenv func(string) string, noColor bool) theme.Styles {
	return StylesWithPalette(getenv, noColor, theme.DefaultPalette())
}

// LockOutput serialises writes to w so that the clipboard's OSC 52
// sequence never lands in the middle of a frame the renderer is writing.
// A terminal *os.File stays a file (Fd, Read, Close) so that Bubble Tea
// still detects the terminal and its size.
func LockOutput(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok {
		return &lockedFile{File: f}
	}
	return &lockedWriter{w: w}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

type lockedFile struct {
	*os.File
	mu sync.Mutex
}

func (l *lockedFile) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.File.Write(p)
}

// OSC52Clipboard returns a Clipboard func writing an OSC 52 sequence to w,
// wrapped for tmux or screen when the environment says we run inside one.
// It works over SSH because the sequence travels to the user's terminal.
// (Bubble Tea v2's tea.SetClipboard writes the bare sequence, which tmux
// and screen swallow unless it is wrapped as here.)
func OSC52Clipboard(w io.Writer, getenv func(string) string) func(string) error {
	return func(s string) error {
		seq := osc52.New(s)
		switch {
		case getenv("TMUX") != "":
			seq = seq.Tmux()
		case strings.HasPrefix(getenv("TERM"), "screen"):
			seq = seq.Screen()
		}
		_, err := seq.WriteTo(w)
		return err
	}
}
