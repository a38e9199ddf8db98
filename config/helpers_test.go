package config

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"
)

// resolve parses args as smhbin's flags and resolves them against env.
func resolve(t *testing.T, args []string, env map[string]string, stdin io.Reader) (Config, []string, error) {
	t.Helper()
	s := New()
	fs := pflag.NewFlagSet("smhbin", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	s.AddFlags(fs, TUI|Serve|List|Restore|ConfigCmd)
	if err := fs.Parse(args); err != nil {
		if fe, ok := FlagError(err); ok {
			return Config{}, nil, fe
		}
		t.Fatalf("flags %q: %v", args, err)
	}
	return s.Resolve(fs.Changed, getenvFrom(env), stdin)
}

func getenvFrom(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

func copyEnv(env map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(env)+len(kv)/2)
	for k, v := range env {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// writeConfig writes text as the config file under a fresh
// XDG_CONFIG_HOME and returns that environment and the file's path.
func writeConfig(t *testing.T, text string) (map[string]string, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "smhbin", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{EnvXDGConfigHome: dir}, path
}
