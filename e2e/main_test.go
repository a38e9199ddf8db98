package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// built is the smhbin binary shared by every test of the package. TestMain
// fills it once, before any test runs, and nothing writes it afterwards.
var built struct {
	path string // the binary; empty when it was not built
	err  error  // why it was not built
}

// TestMain builds the binary once into a temporary directory. A build
// failure is not fatal here: each test reports it, so `go test` says which
// tests could not run and why.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "smhbin-e2e-bin")
	if err != nil {
		built.err = err
	} else {
		defer os.RemoveAll(dir)
		scratch = dir
		if _, terr := exec.LookPath("tmux"); terr != nil && !inCI() {
			built.err = errNoTmux // the tests skip; no point in building
		} else {
			built.path, built.err = buildBinary(dir)
		}
	}
	// Since Go 1.15 the exit code of m.Run is used when TestMain returns.
	m.Run()
}

var errNoTmux = errors.New("tmux is not installed")

// inCI reports whether the tests run in CI, where a missing tmux is a
// broken setup (.ci/run installs it) rather than a reason to skip.
func inCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "false" && v != "0"
}

// buildBinary compiles the module's main package (the repository root is
// the parent of this package's directory) into dir.
func buildBinary(dir string) (string, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(root, "main.go")); err != nil {
		return "", fmt.Errorf("repository root not found from the test's directory: %w", err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go tool is needed to build smhbin: %w", err)
	}
	out := filepath.Join(dir, "smhbin")
	args := []string{"build", "-o", out}
	if raceBuild {
		args = append(args, "-race")
	}
	cmd := exec.Command(goTool, append(args, ".")...)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, b)
	}
	return out, nil
}

// needBinary returns the binary and the tmux executable, skipping the test
// when tmux is missing outside CI and failing it in CI.
func needBinary(t *testing.T) (bin, tmux string) {
	t.Helper()
	tmux, err := exec.LookPath("tmux")
	switch {
	case err != nil && inCI():
		t.Fatalf("tmux is required in CI (CI=%q) but was not found: %v", os.Getenv("CI"), err)
	case err != nil:
		t.Skip("tmux is not installed; the end-to-end tests need it")
	case built.err != nil:
		t.Fatalf("cannot build smhbin: %v", built.err)
	}
	return built.path, tmux
}

// cleanEnv is the test process's environment without anything that could
// change what the program under test does: SMH_* settings, NO_COLOR, the
// variables of a tmux the tests may themselves be running in, and the
// user's config file and remembered view (each run gets empty config and
// state directories of its own, so no run sees what another saved).
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "SMH_"), name == "NO_COLOR", name == "TMUX", name == "TMUX_PANE",
			name == "XDG_CONFIG_HOME", name == "XDG_STATE_HOME":
			continue
		}
		env = append(env, kv)
	}
	home, err := os.MkdirTemp(scratch, "home")
	if err != nil {
		panic(err) // the scratch directory is ours; nothing to run without it
	}
	return append(env, "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_STATE_HOME="+filepath.Join(home, "state"))
}

// scratch holds the config and state directories of every run; TestMain
// removes it.
var scratch = os.TempDir()
