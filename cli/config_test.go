package cli

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"smhbin/config"
)

// The environment variables the tests set.
const (
	envEndpoint      = config.EnvEndpoint
	envLibrary       = config.EnvLibrary
	envToken         = config.EnvToken
	envNoColor       = config.EnvNoColor
	envXDGConfigHome = config.EnvXDGConfigHome
	envHome          = config.EnvHome
)

// resolveConfig resolves the configuration from args and env as a command
// does, for tests that build a piece of the program by hand.
func resolveConfig(t *testing.T, env map[string]string, args ...string) Config {
	t.Helper()
	a := newApp(getenvFrom(env), nil, io.Discard, io.Discard)
	fs := pflag.NewFlagSet("smhbin", pflag.ContinueOnError)
	a.settings.AddFlags(fs, config.TUI)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	c, _, err := a.settings.Resolve(fs.Changed, a.getenv, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Config{Config: c}
}

// Bad flag values reach the user as one sentence and exit code 2, without
// cobra's usage dump.
func TestConfigErrorsExit2(t *testing.T) {
	tests := [][]string{
		{"--page-size", "0", "list"},
		{"list", "--order-by", "colour"},
		{"--order", "sideways", "list"},
		{"restore", "--restore-path", "home", "1"},
		{"list", "--no-such-flag"},
		{"lsit"},
		{"restore"},
		{"restore", "12x"},
		{"restore", "--chunk", "0", "1"},
		{"list", "--limit", "-1"},
		{"fake-server", "--marker-style", "roman"},
		{"--token-file", "-", "restore", "-"},
		{"restore", "--concurrency", "33", "1"},
		{"--batch-gap", "soon", "list"},
		{"--endpoint", "ftp://x", "list"},
		{"config", "init", "extra"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, map[string]string{envLibrary: "smh1", envEndpoint: "http://127.0.0.1:1", envToken: testToken}, "", args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "smhbin: ") || strings.Contains(r.stderr, "Flags:") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("stderr should be one sentence without usage dump: %q", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}
