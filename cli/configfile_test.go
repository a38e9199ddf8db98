package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"smhbin/theme"
)

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
	return map[string]string{envXDGConfigHome: dir}, path
}

// The file's [theme] and [keys] (checked in package config) reach the UI.
func TestConfigFileThemeAndKeysReachTheUI(t *testing.T) {
	env, _ := writeConfig(t, "theme.primary = \"#FF0000\"\nkeys.restore = [\"ctrl+r\"]\nkeys.reload = [\"f5\"]\n")
	want := theme.DefaultPalette()
	want.Primary.Light, want.Primary.Dark = "#FF0000", "#FF0000"
	o := uiOptions(t.Context(), resolveConfig(t, env), nil, &strings.Builder{}, getenvFrom(map[string]string{"TERM": "xterm-256color"}))
	if o.KeyMap.Restore.Help().Key != "ctrl+r" || o.Styles.Palette != want {
		t.Errorf("uiOptions: restore help %q, palette %+v", o.KeyMap.Restore.Help().Key, o.Styles.Palette)
	}
	// Without a file they are the defaults (a zero KeyMap is keymap.Default() to ui.New).
	o = uiOptions(t.Context(), Config{}, nil, &strings.Builder{}, getenvFrom(nil))
	if len(o.KeyMap.Quit.Keys()) != 0 || o.Styles.Palette != theme.DefaultPalette() || o.Logf != nil {
		t.Error("uiOptions without a config file or log should leave keys, palette and Logf at their defaults")
	}
}

// The whole command exits 2 with the sentence and nothing else.
func TestConfigFileErrorExits2(t *testing.T) {
	env, path := writeConfig(t, "[keys]\nrestore = [\"ctrl+r\"]\n")
	r := runCLI(t, env, "", "list")
	want := "smhbin: in config file " + path + ", line 2: [keys] restore: ctrl+r is also bound to reload in browsing; rebind reload too\n"
	if r.code != exitUsage || r.stderr != want || r.stdout != "" {
		t.Fatalf("exit %d\nstderr %q\nwant   %q\nstdout %q", r.code, r.stderr, want, r.stdout)
	}
}

// A config file far larger than a real one, or with a key no real file
// has, is refused at once: exit 2 and a sentence naming the file (and the
// line, for the key), without echoing the file back.
func TestHostileConfigFileExits2(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"100 KB", "library = \"smh1\"\n" + strings.Repeat("# padding padding padding\n", 4000), "is larger than 16 KiB"},
		{"a long key", "library = \"smh1\"\n\n" + strings.Repeat("k", 500) + " = 1\n", ", line 3: a key is longer than 64 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			env, path := writeConfig(t, c.text)
			r := runCLI(t, env, "", "config", "path")
			if r.code != exitUsage || !strings.Contains(r.stderr, "in config file "+path) && !strings.Contains(r.stderr, "the config file "+path) ||
				!strings.Contains(r.stderr, c.want) || len(r.stderr) > 300 {
				t.Fatalf("exit %d, stderr %q; want 2 naming %s and %q", r.code, r.stderr, path, c.want)
			}
		})
	}
}
