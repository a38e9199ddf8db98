package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// startupTimeout bounds how long the emulator may take to print its address.
const startupTimeout = 15 * time.Second

// emulator is a running `smhbin fake-server` process.
type emulator struct {
	endpoint, library, token string
	items                    int // the item count it reports
	bin                      string
}

// syncBuffer is a bytes.Buffer safe for a writer goroutine (os/exec's
// copier) and a reading test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var (
	exportLine = regexp.MustCompile(`(?m)^export SMH_ENDPOINT=(\S+) SMH_LIBRARY_ID=(\S+) SMH_ACCESS_TOKEN=(\S+)$`)
	itemsLine  = regexp.MustCompile(`(?m)^\s+items\s+(\d+) \(seed`)
)

// startEmulator runs fake-server on a port the kernel picks and reads the
// endpoint, library and token it prints. Cleanup interrupts it and checks
// that it stops cleanly.
func startEmulator(t *testing.T, bin string, args ...string) *emulator {
	t.Helper()
	var stdout, stderr syncBuffer
	cmd := exec.Command(bin, append([]string{"fake-server", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = cleanEnv()
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start fake-server: %v", err)
	}
	done := make(chan struct{})
	var waitErr error // written before done is closed
	go func() { waitErr = cmd.Wait(); close(done) }()
	startupFailed := false
	t.Cleanup(func() {
		select {
		case <-done:
			if !startupFailed {
				t.Errorf("fake-server exited before the test ended: %v\n%s", waitErr, stderr.String())
			}
			return
		default:
		}
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Errorf("interrupt fake-server: %v", err)
		}
		select {
		case <-done:
			if waitErr != nil {
				t.Errorf("fake-server did not stop cleanly on interrupt: %v\n%s", waitErr, stderr.String())
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			t.Errorf("fake-server ignored the interrupt for 10s\n%s", stderr.String())
		}
	})

	deadline := time.Now().Add(startupTimeout)
	for {
		out := stdout.String()
		if m := exportLine.FindStringSubmatch(out); m != nil {
			e := &emulator{endpoint: m[1], library: m[2], token: m[3], bin: bin}
			n := itemsLine.FindStringSubmatch(out)
			if n == nil {
				t.Fatalf("fake-server printed no item count:\n%s", out)
			}
			e.items, _ = strconv.Atoi(n[1])
			if !strings.HasPrefix(e.endpoint, "http://127.0.0.1:") || strings.HasSuffix(e.endpoint, ":0") {
				t.Fatalf("fake-server endpoint %q is not a real loopback address", e.endpoint)
			}
			return e
		}
		select {
		case <-done:
			startupFailed = true
			t.Fatalf("fake-server exited at startup: %v\nstdout:\n%s\nstderr:\n%s", waitErr, out, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("fake-server printed no endpoint within %v:\n%s\n%s", startupTimeout, out, stderr.String())
		}
	}
}

// vars are the variables that point smhbin at the emulator.
func (e *emulator) vars() []string {
	return []string{
		"SMH_ENDPOINT=" + e.endpoint,
		"SMH_LIBRARY_ID=" + e.library,
		"SMH_ACCESS_TOKEN=" + e.token,
	}
}

// env is a clean environment plus vars.
func (e *emulator) env() []string { return append(cleanEnv(), e.vars()...) }

// binItem is the part of a listed item the tests look at.
type binItem struct {
	ID           int64    `json:"recycledItemId"`
	Name         string   `json:"name"`
	OriginalPath []string `json:"originalPath"`
	Size         uint64   `json:"size,string"`
	Authority    struct {
		CanRestore bool `json:"canRestore"`
	} `json:"authorityList"`
}

// haystack is what the UI's filter matches an item against: its original
// path (which ends with its name), or the name for an item at the root.
func (it binItem) haystack() string {
	if len(it.OriginalPath) == 0 {
		return strings.ToLower(it.Name)
	}
	return strings.ToLower(strings.Join(it.OriginalPath, "/"))
}

// list asks the emulator for the whole bin through `smhbin list --json`,
// in the default order the TUI also uses (removal time, newest first).
func (e *emulator) list(t *testing.T) []binItem {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(e.bin, "list", "--json")
	cmd.Env = e.env()
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("smhbin list --json: %v\n%s", err, stderr.String())
	}
	if strings.Contains(string(out), e.token) || strings.Contains(stderr.String(), e.token) {
		t.Errorf("smhbin list printed the access token")
	}
	var items []binItem
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatalf("smhbin list --json printed invalid JSON: %v", err)
	}
	return items
}
