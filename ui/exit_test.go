package ui

import (
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// startSlowRestore marks everything, confirms, and steps the program
// until rows say "restoring…"; it returns the command still to run.
func startSlowRestore(t *testing.T) (*Model, func()) {
	e := newEmu(t, fakesmh.Options{AsyncThreshold: -1, Latency: 50 * time.Millisecond}, api.EngineOptions{ChunkSize: 2, Concurrency: 1})
	m := e.model(t, 120, 30, nil)
	press(t, m, "a", "r")
	_, cmd := m.Update(keyMsg("y"))
	for cmd != nil && !strings.Contains(plain(m), "restoring…") {
		cmd = step(t, m, cmd)
	}
	return m, func() { run(t, m, cmd) }
}

// TestStopDialogClosesWhenTheRunEnds: a "Stop this restore?" left open
// gives way to the summary once every item has settled.
func TestStopDialogClosesWhenTheRunEnds(t *testing.T) {
	m, finish := startSlowRestore(t)
	m.Update(keyMsg("x"))
	if m.mode != modeDialog {
		t.Fatal("x during a restore must ask to stop it")
	}
	finish()
	if m.mode != modeBrowse || strings.Contains(plain(m), "Stop this restore?") {
		t.Fatalf("the stop dialog outlived the run:\n%s", plain(m))
	}
	mustContain(t, plain(m), "restored 7 of 9")
}

// TestForceQuitMidRestoreExitsNonZero: ctrl+\ with requests in flight
// ends with exit code 1 and names the items not confirmed.
func TestForceQuitMidRestoreExitsNonZero(t *testing.T) {
	m, finish := startSlowRestore(t)
	m.Update(keyMsg("ctrl+\\"))
	note, code := m.ExitNote(), m.ExitCode()
	finish()
	if code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	if !strings.Contains(note, "not settled") || !strings.Contains(note, "not confirmed: id ") {
		t.Fatalf("exit note: %q", note)
	}
	if m.ExitCode() != 0 {
		t.Fatal("a run that settled still asks for a non-zero exit")
	}
}
