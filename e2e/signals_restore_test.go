package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// restoreSpy is a reverse proxy in front of the emulator that records the
// ids of every batch restore it forwards, so a test can tell whether any
// id was sent twice.
type restoreSpy struct {
	srv  *httptest.Server
	mu   sync.Mutex
	sent map[int64]int // id → restore requests that carried it
	reqs int
}

func newRestoreSpy(t *testing.T, endpoint string) *restoreSpy {
	t.Helper()
	target, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	s := &restoreSpy{sent: map[int64]int{}}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ErrorLog = log.New(io.Discard, "", 0) // requests the program aborts on its way out
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Query().Has("restore") {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var ids []json.Number
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.UseNumber()
			if err := dec.Decode(&ids); err != nil {
				t.Errorf("restore body %q: %v", body, err)
			}
			s.mu.Lock()
			s.reqs++
			for _, n := range ids {
				id, _ := strconv.ParseInt(n.String(), 10, 64)
				s.sent[id]++
			}
			s.mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// requests is how many batch restores went through.
func (s *restoreSpy) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reqs
}

// twice lists the ids that more than one restore request carried.
func (s *restoreSpy) twice() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id, n := range s.sent {
		if n > 1 {
			ids = append(ids, id)
		}
	}
	return ids
}

// interruptedNote is the summary smhbin prints after the terminal UI when
// it ends with a restore not settled.
var interruptedNote = regexp.MustCompile("(?m)^smhbin: restore interrupted: (\\d+) restored, (\\d+) failed, (\\d+) not settled — run `smhbin list` before retrying them$")

// TestSignalMidRestoreSummarises ends the terminal UI in the middle of a
// slow restore of every item, by the force-quit key (the one way a user
// quits while a restore runs), by SIGTERM and by SIGHUP. Each way leaves
// the alternate screen, exits 1 and prints the same interrupted-restore
// summary, whose counts add up to the items marked; no item is ever sent
// in two restore requests.
func TestSignalMidRestoreSummarises(t *testing.T) {
	t.Parallel()
	bin, tmuxPath := needBinary(t)
	ways := []struct {
		name string
		end  func(t *testing.T, tm *term)
	}{
		{"ctrl+\\", func(_ *testing.T, tm *term) { tm.keys(`C-\`) }},
		{"SIGTERM", func(t *testing.T, tm *term) { signalPane(t, tm, syscall.SIGTERM) }},
		{"SIGHUP", func(t *testing.T, tm *term) { signalPane(t, tm, syscall.SIGHUP) }},
	}
	for _, w := range ways {
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			// ≈ 900 restorable items in chunks of 100, four at a time, 400 ms
			// each: the restore takes three rounds, the test ends it in the first.
			emu := startEmulator(t, bin, "--items", "1000", "--seed", "5", "--latency", "400ms")
			spy := newRestoreSpy(t, emu.endpoint)
			vars := []string{"SMH_ENDPOINT=" + spy.srv.URL, "SMH_LIBRARY_ID=" + emu.library, "SMH_ACCESS_TOKEN=" + emu.token}
			tm := newTerm(t, tmuxPath, emu.token, vars, bin, "--page-size", "1000")
			waitLoaded(tm, emu)
			tm.typeText("a")
			markedLine := regexp.MustCompile(`● ([\d,]+) marked · `)
			s := tm.waitFor("every restorable item marked", func(s screen) bool { return markedLine.MatchString(s.status()) })
			marked, _ := strconv.Atoi(strings.ReplaceAll(markedLine.FindStringSubmatch(s.status())[1], ",", ""))
			tm.typeText("r")
			tm.waitFor("the restore dialog", func(s screen) bool { return s.contains("y/enter restore") })
			tm.typeText("y")
			tm.waitFor("the restore under way", func(s screen) bool {
				_, ok := s.progress()
				return ok && spy.requests() > 0
			})
			sent := time.Now()
			w.end(t, tm)
			if code := tm.waitExit(); code != 1 {
				t.Fatalf("exit status %d after %s mid-restore, want 1; screen:\n%s", code, w.name, tm.capture())
			}
			t.Logf("exited %s after %s", time.Since(sent).Round(time.Millisecond), w.name)
			if alt, _ := tm.run("display-message", "-p", "-t", session, "#{alternate_on}"); strings.TrimSpace(alt) != "0" {
				t.Errorf("the terminal was left in the alternate screen")
			}
			joined, err := tm.run("capture-pane", "-p", "-J", "-S", "-", "-t", session) // -J: the summary is wider than the pane; -S -: and above it
			if err != nil {
				t.Fatal(err)
			}
			m := interruptedNote.FindStringSubmatch(joined)
			if m == nil {
				t.Fatalf("no interrupted-restore summary after %s; screen:\n%s", w.name, joined)
			}
			total := 0
			for _, n := range m[1:] {
				v, _ := strconv.Atoi(n)
				total += v
			}
			if total != marked {
				t.Errorf("the summary counts %d items (%s), %d were marked", total, m[0], marked)
			}
			if strings.Contains(joined, emu.token) {
				t.Errorf("the access token appears after exit")
			}
			if ids := spy.twice(); len(ids) > 0 {
				t.Errorf("ids sent in two restore requests: %v", ids)
			}
		})
	}
}

// signalPane sends sig to the program running in the pane.
func signalPane(t *testing.T, tm *term, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(tm.pid(), sig); err != nil {
		t.Fatal(err)
	}
}

// pid is the process id of the program in the pane. The pane's command
// execs env, which execs smhbin: the pane's process is smhbin itself.
func (tm *term) pid() int {
	tm.t.Helper()
	out, err := tm.run("display-message", "-p", "-t", session, "#{pane_pid}")
	if err != nil {
		tm.t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		tm.t.Fatalf("pane_pid %q: %v", out, err)
	}
	return pid
}
