package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"smhbin/config"
)

func TestConfigInitWritesCommentedDefaults(t *testing.T) {
	xdg := filepath.Join(t.TempDir(), "cfg")
	env := map[string]string{envXDGConfigHome: xdg}
	path := filepath.Join(xdg, "smhbin", "config.toml")

	r := runCLI(t, env, "", "config", "init")
	if r.code != exitOK || r.stdout != path+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q: want the path", r.code, r.stdout, r.stderr)
	}
	assertMode(t, filepath.Dir(path), 0o700)
	assertMode(t, path, 0o600)
	b, err := os.ReadFile(path)
	if err != nil || string(b) != config.Template() {
		t.Fatalf("file content differs from the template (err %v)", err)
	}

	// A second init refuses and leaves the file alone.
	if err := os.WriteFile(path, []byte("library = \"mine\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, env, "", "config", "init")
	if r.code != exitUsage || !strings.Contains(r.stderr, "already exists") || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("exit %d, stderr %q: want a refusal naming --force", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != "library = \"mine\"\n" {
		t.Fatal("init without --force changed the file")
	}
	// --force replaces it, and tightens its mode.
	r = runCLI(t, env, "", "config", "init", "--force")
	if b, _ := os.ReadFile(path); r.code != exitOK || string(b) != config.Template() {
		t.Fatalf("init --force: exit %d, stderr %q", r.code, r.stderr)
	}
	assertMode(t, path, 0o600)

	// --config names another file.
	other := filepath.Join(t.TempDir(), "deep", "team.toml")
	r = runCLI(t, env, "", "--config", other, "config", "init")
	if _, err := os.Stat(other); r.code != exitOK || err != nil || r.stdout != other+"\n" {
		t.Fatalf("--config init: exit %d, stdout %q, stat %v", r.code, r.stdout, err)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s: mode %04o, want %04o", path, got, want)
	}
}

func TestConfigPath(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{envHome: home}
	path := filepath.Join(home, ".config", "smhbin", "config.toml")

	r := runCLI(t, env, "", "config", "path")
	if r.code != exitOK || r.stdout != path+"\n" || !strings.Contains(r.stderr, "does not exist") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, env, "", "config", "init"); r.code != exitOK {
		t.Fatalf("init: %q", r.stderr)
	}
	r = runCLI(t, env, "", "config", "path")
	if r.code != exitOK || r.stdout != path+"\n" || !strings.Contains(r.stderr, "exists and its settings are valid") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if err := os.WriteFile(path, []byte("\norder = \"sideways\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, env, "", "config", "path")
	if r.code != exitUsage || !strings.Contains(r.stderr, path+", line 2: order must be one of asc, desc") {
		t.Fatalf("exit %d, stderr %q: want the mistake and its line", r.code, r.stderr)
	}
	// With nowhere to look, it says what to do.
	r = runCLI(t, nil, "", "config", "path")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--config PATH") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// A broken config file must not stop config init from repairing it.
func TestConfigInitIgnoresABrokenFile(t *testing.T) {
	env, path := writeConfig(t, "this is not toml")
	if r := runCLI(t, env, "", "config", "init", "--force"); r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != config.Template() {
		t.Fatal("the file was not replaced")
	}
}

func TestEveryCommandHasExamples(t *testing.T) {
	a := newApp(getenvFrom(nil), nil, &strings.Builder{}, &strings.Builder{})
	root := a.rootCmd()
	documentBuiltins(root)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == cobra.ShellCompRequestCmd || c.Name() == cobra.ShellCompNoDescRequestCmd {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, args := range [][]string{{"--help"}, {"help", "config", "init"}, {"config", "path", "--help"}, {"help", "completion"}} {
		r := runCLI(t, nil, "", args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "Examples:") {
			t.Errorf("smhbin %s: exit %d, no examples in\n%s", strings.Join(args, " "), r.code, r.stdout)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash": "__start_smhbin",
		"zsh":  "#compdef smhbin",
		"fish": "complete -c smhbin",
	} {
		r := runCLI(t, nil, "", "completion", shell)
		if r.code != exitOK || !strings.Contains(r.stdout, marker) {
			t.Errorf("completion %s: exit %d, no %q in %d bytes", shell, r.code, marker, len(r.stdout))
		}
	}
	// The scripts call back into smhbin, which completes flag values.
	r := runCLI(t, nil, "", cobra.ShellCompNoDescRequestCmd, "list", "--order-by", "")
	for _, v := range []string{"name", "size", "removalTime"} {
		if !slices.Contains(strings.Split(r.stdout, "\n"), v) {
			t.Errorf("completing --order-by: no %q in %q", v, r.stdout)
		}
	}
	r = runCLI(t, nil, "", cobra.ShellCompNoDescRequestCmd, "config", "")
	if !strings.Contains(r.stdout, "init\n") || !strings.Contains(r.stdout, "path\n") {
		t.Errorf("completing config: %q", r.stdout)
	}
}
