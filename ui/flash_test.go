package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"smhbin/keymap"
)

// TestPassingMessagesFade: a message about the last key fades on its
// tick or at the next key, and no tick is asked for while the status
// line is quiet.
func TestPassingMessagesFade(t *testing.T) {
	bin := &fakeBin{items: makeItems(20)}
	m := loaded(t, bin, 100, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "down", "down", "down", "down", "down", "down", "down", "down", "down", " ") // row 9 is locked
	if !strings.Contains(m.status, "cannot be restored") || !m.flash.ticking {
		t.Fatalf("status %q, fade scheduled %v", m.status, m.flash.ticking)
	}
	press(t, m, "down")
	if m.status != "" {
		t.Fatalf("the message outlived the next key: %q", m.status)
	}
	m.Update(statusMsg{text: "copied id 1 to the clipboard"})
	m.Update(flashTickMsg{seq: m.flash.seq - 1}) // a stale tick
	if m.status == "" {
		t.Fatal("a tick for an older message cleared the new one")
	}
	_, cmd := m.Update(flashTickMsg{seq: m.flash.seq})
	if m.status != "" || m.flash.ticking || cmd != nil {
		t.Fatalf("after its tick: status %q, ticking %v, cmd %v", m.status, m.flash.ticking, cmd != nil)
	}
}

// TestStayingMessagesStay: the range prompt stays while the range is
// open, whatever keys and ticks come.
func TestStayingMessagesStay(t *testing.T) {
	bin := &fakeBin{items: makeItems(20)}
	m := loaded(t, bin, 100, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "v", "down", "down")
	m.Update(flashTickMsg{seq: m.flash.seq})
	if !strings.Contains(m.status, "range starts here") {
		t.Fatalf("status %q", m.status)
	}
	press(t, m, "v")
	mustContain(t, plain(m), "marked 3 in range")
}

// TestDisabledKeysSayWhy: keys that cannot act now say why.
func TestDisabledKeysSayWhy(t *testing.T) {
	bin := &fakeBin{items: makeItems(20)}
	m := loaded(t, bin, 120, 24, func(o *Options) { o.ReadOnly = true })
	for k, want := range map[string]string{
		"r":      "read-only: restoring is disabled",
		"R":      "read-only: restoring is disabled",
		"x":      "no restore is running",
		"ctrl+t": "nothing to retry: no page failed",
	} {
		press(t, m, k)
		if m.status != want {
			t.Errorf("%s: status %q, want %q", k, m.status, want)
		}
	}
	m = loaded(t, bin, 120, 24, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "R")
	if m.status != "nothing to retry: no item failed" {
		t.Errorf("R: status %q", m.status)
	}
}

// TestGoldenReboundKeymap: with the README's rebinding (restore on
// ctrl+r, reload on f5) every key named on screen is the rebound one.
func TestGoldenReboundKeymap(t *testing.T) {
	km, err := keymap.Rebind(keymap.Default(), map[string][]string{"restore": {"ctrl+r"}, "reload": {"f5"}})
	if err != nil {
		t.Fatal(err)
	}
	bin := &fakeBin{items: goldenItems()}
	m := loaded(t, bin, 100, 24, func(o *Options) { o.Restorer = nopRestorer{}; o.KeyMap = km })
	press(t, m, " ", "ctrl+r")
	m.rr = &restoreRun{id: 1, done: true, unknown: 1, total: 1}
	m.showAdvice(m.rr)
	view := m.render()
	if !strings.Contains(view, "f5 reloads") || strings.Contains(view, "ctrl+r reload") {
		t.Fatalf("the status line names a default key:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))
}
