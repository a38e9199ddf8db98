package ui

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"smhbin/api"
	"smhbin/api/fakesmh"
	"smhbin/keymap"
)

// TestRebindingShowsInHelpAndWorks: keys rebound by a config file are the
// ones the help screen and hint bar show, and the only ones that act.
func TestRebindingShowsInHelpAndWorks(t *testing.T) {
	km, err := keymap.Rebind(keymap.Default(), map[string][]string{"restore": {"ctrl+r"}, "reload": {"f5"}, "help": {"h"}})
	if err != nil {
		t.Fatal(err)
	}
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{})
	m := e.model(t, 120, 30, func(o *Options) { o.KeyMap = km })

	mustContain(t, plain(m), "ctrl+r restore", "h help")
	press(t, m, "h")
	if m.mode != modeHelp {
		t.Fatal("h should open the help screen")
	}
	help := plain(m)
	for _, re := range []string{`ctrl\+r\s+restore`, `f5\s+reload`, `h\s+help`} {
		if !regexp.MustCompile(re).MatchString(help) {
			t.Errorf("help lacks %s:\n%s", re, help)
		}
	}
	for _, re := range []string{`(^|\s)r\s+restore`, `ctrl\+r\s+reload`, `\?\s+help`} {
		if regexp.MustCompile(re).MatchString(help) {
			t.Errorf("help still shows the default %s:\n%s", re, help)
		}
	}
	press(t, m, "h")
	press(t, m, " ")
	press(t, m, "r")
	if m.mode != modeBrowse {
		t.Fatal("r should do nothing once restore is rebound")
	}
	press(t, m, "ctrl+r")
	if m.mode != modeDialog {
		t.Fatal("ctrl+r should open the restore dialog")
	}
}

// lineLog collects Logf lines.
type lineLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *lineLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *lineLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func TestLogfRecordsPagesAndRestores(t *testing.T) {
	var log lineLog
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1}, api.EngineOptions{})
	m := e.model(t, 120, 30, func(o *Options) { o.Logf, o.PageSize = log.logf, 6 })
	press(t, m, " ", " ", "r", "y") // a.txt restores; c.txt's folder is gone
	got := log.text()
	for _, want := range []string{
		"page 1 loaded: 6 items, 6 of 10 loaded",
		"page 2 loaded: 4 items, 10 of 10 loaded",
		"restore run 1 started: 2 items, restore path originalPath",
		"restore run 1: item 501 failed: DirectoryNotFound",
		"restore run 1 finished: 1 of 2 restored, 1 failed, 0 skipped, 0 unknown",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "emu-secret-token") {
		t.Errorf("the log shows the token:\n%s", got)
	}

	var failLog lineLog
	bin := &fakeBin{items: makeItems(3), failAt: map[api.Marker]error{"": errors.New("connection refused")}}
	loaded(t, bin, 80, 24, func(o *Options) { o.Logf = failLog.logf })
	if want := `page 1 failed (marker ""): connection refused`; !strings.Contains(failLog.text(), want) {
		t.Errorf("log lacks %q:\n%s", want, failLog.text())
	}
}
