package cli

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"smhbin/api/fakesmh"
)

func readLog(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLogRecordsRequestsWithoutTheToken(t *testing.T) {
	srv, env := emulator(t, fakesmh.Options{Items: 250, Seed: 2})
	logPath := filepath.Join(t.TempDir(), "smhbin.log")

	r := runCLI(t, env, "", "--log", logPath, "--page-size", "100", "list")
	if r.code != exitOK {
		t.Fatalf("list: exit %d, stderr %q", r.code, r.stderr)
	}
	assertMode(t, logPath, 0o600)
	log := readLog(t, logPath)
	header := regexp.MustCompile(`(?m)^\S+ INFO +smhbin \S+ smhbin list: endpoint=http://127\.0\.0\.1:\d+ library=smhtest space=- user= token=set demo=false config=""$`)
	if !header.MatchString(log) {
		t.Errorf("no header line naming the command and settings in\n%s", log)
	}
	get := regexp.MustCompile(`(?m)^\S+ DEBUG http: GET /api/v1/recycled/smhtest/- 200 \d\S*s request=\S+$`)
	if n := len(get.FindAllString(log, -1)); n != 3 {
		t.Errorf("%d GET lines with status, duration and request id, want 3 (250 items, pages of 100):\n%s", n, log)
	}

	// A restore appends its requests to the same file.
	ids := srv.IDs()[:2]
	r = runCLI(t, env, "", "--log", logPath, "restore", strconv.FormatInt(ids[0], 10), strconv.FormatInt(ids[1], 10))
	if r.code == exitUsage || !strings.Contains(r.stderr, "of 2") { // an item may lack the authority: exit 1
		t.Fatalf("restore: exit %d, stderr %q", r.code, r.stderr)
	}
	log = readLog(t, logPath)
	if !regexp.MustCompile(`(?m)^\S+ DEBUG http: POST /api/v1/recycled/smhtest/- 20[07] \d\S*s request=`).MatchString(log) || !strings.Contains(log, "smhbin restore:") {
		t.Errorf("no restore request in the log:\n%s", log)
	}
	for _, id := range ids { // each item's outcome is logged
		if !regexp.MustCompile(`restore: ` + strconv.FormatInt(id, 10) + ` (restored to|failed)`).MatchString(log) {
			t.Errorf("no outcome for %d in the log:\n%s", id, log)
		}
	}
	for _, secret := range []string{testToken, "access_token"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log contains %q:\n%s", secret, log)
		}
	}
}

func TestLogFileProblems(t *testing.T) {
	_, env := emulator(t, fakesmh.Options{Items: 1})
	r := runCLI(t, env, "", "--log", filepath.Join(t.TempDir(), "no", "such", "dir", "x.log"), "list")
	if r.code != exitUsage || !strings.Contains(r.stderr, "cannot open the log file") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	shared := filepath.Join(t.TempDir(), "shared.log")
	if err := os.WriteFile(shared, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, env, "", "--log", shared, "list")
	if r.code != exitOK || !strings.Contains(r.stderr, "log file "+shared+" is readable by others") {
		t.Fatalf("exit %d, stderr %q: want a warning", r.code, r.stderr)
	}
}

func TestScrubWriter(t *testing.T) {
	var b strings.Builder
	w := &scrubWriter{w: &b}
	w.hide("abc") // too short to hide safely: ignored
	w.hide("acctk-secret-token")
	line := "GET /x error: token acctk-secret-token refused, name \x1b[2Jevil\u202e\n"
	n, err := w.Write([]byte(line))
	if err != nil || n != len(line) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	want := "GET /x error: token [token] refused, name \\x1b[2Jevil\\u202e\n"
	if b.String() != want {
		t.Fatalf("wrote %q, want %q", b.String(), want)
	}
}

func TestNilDebugLogIsSilent(t *testing.T) {
	var d *debugLog
	d.hide("x")
	d.printf("x")
	if d.logf("http") != nil || d.Close() != nil {
		t.Fatal("a nil log should give a nil Logf and close cleanly")
	}
}

// TestAsyncLogWritesAfterCloseDrains: queued UI lines reach the file by
// Close, and logging after Close neither blocks nor panics.
func TestAsyncLogWritesAfterCloseDrains(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ui.log")
	d, _, err := openDebugLog(path)
	if err != nil {
		t.Fatal(err)
	}
	logf := d.asyncLogf("ui")
	for i := range 50 {
		logf("page %d loaded", i)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	logf("after close")
	if err := d.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		t.Fatal(err)
	}
	got := readLog(t, path)
	if !strings.Contains(got, "page 49 loaded") || strings.Contains(got, "after close") {
		t.Fatalf("log:\n%s", got)
	}
}
