package cli

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"smhbin/api/fakesmh"
)

// helpFlags are the flags a command's --help lists.
func helpFlags(t *testing.T, env map[string]string, args ...string) []string {
	t.Helper()
	r := runCLI(t, env, "", append(args, "--help")...)
	if r.code != exitOK {
		t.Fatalf("%q --help: exit %d, stderr %q", args, r.code, r.stderr)
	}
	_, flags, _ := strings.Cut(r.stdout, "\nFlags:\n")
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^\s+(?:-\w, )?--([a-z-]+)`).FindAllStringSubmatch(flags, -1) {
		names = append(names, m[1])
	}
	return names
}

// Each command's help lists the settings it uses and none it would ignore:
// the terminal UI's on the root command and serve, the connection's where
// a command connects.
func TestHelpShowsOnlyTheFlagsACommandUses(t *testing.T) {
	connection := []string{"endpoint", "library", "space", "token-file", "user-id", "demo", "seed", "config", "log"}
	tuiOnly := []string{"batch-gap", "expiring-days", "no-color"}
	tests := []struct {
		args      []string
		has, lack []string
	}{
		{nil, append(append([]string{"page-size", "order-by", "order", "restore-path", "read-only", "public-read"}, connection...), tuiOnly...), nil},
		{[]string{"serve"}, append(append([]string{"addr", "authorized-keys", "read-only", "public-read", "order-by"}, connection...), tuiOnly...), nil},
		{[]string{"list"}, append([]string{"page-size", "order-by", "order", "public-read", "json", "limit"}, connection...),
			append([]string{"restore-path", "read-only"}, tuiOnly...)},
		{[]string{"restore"}, append([]string{"restore-path", "read-only", "chunk"}, connection...),
			append([]string{"page-size", "order-by", "order", "public-read"}, tuiOnly...)},
		{[]string{"fake-server"}, []string{"addr", "items", "seed"}, append([]string{"library", "token-file", "config", "log", "demo"}, tuiOnly...)},
		{[]string{"config", "init"}, []string{"force"}, append([]string{"library", "token-file", "log"}, tuiOnly...)},
	}
	for _, tt := range tests {
		flags := helpFlags(t, nil, tt.args...)
		for _, f := range tt.has {
			if !slices.Contains(flags, f) {
				t.Errorf("smhbin %s --help lacks --%s: %q", strings.Join(tt.args, " "), f, flags)
			}
		}
		for _, f := range tt.lack {
			if slices.Contains(flags, f) {
				t.Errorf("smhbin %s --help lists --%s, which it does not use", strings.Join(tt.args, " "), f)
			}
		}
	}
	// config's subcommands take --config, the one setting they read.
	r := runCLI(t, nil, "", "config", "path", "--help")
	if !strings.Contains(r.stdout, "Global Flags:\n      --config PATH") {
		t.Errorf("config path --help:\n%s", r.stdout)
	}
}

// A flag still works before the command's name, as it did when the flags
// were global, and a flag the command does not take is refused.
func TestSettingFlagsBeforeTheCommand(t *testing.T) {
	_, env := emulator(t, fakesmh.Options{Items: 3})
	r := runCLI(t, env, "", "--page-size", "2", "--order-by", "size", "list", "--json")
	if r.code != exitOK || len(decodeList(t, r.stdout)) != 3 {
		t.Errorf("flags before list: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, env, "", "list", "--batch-gap", "2m")
	if r.code != exitUsage || !strings.Contains(r.stderr, "unknown flag: --batch-gap") {
		t.Errorf("list --batch-gap: exit %d, stderr %q; want it refused", r.code, r.stderr)
	}
}

// Help, every command's, fits the width: the terminal's, else COLUMNS,
// else 80, between 40 and 100. Examples are left whole so that they can
// be pasted.
func TestHelpWrapsToTheWidth(t *testing.T) {
	root := newApp(getenvFrom(nil), nil, nil, nil).rootCmd()
	documentBuiltins(root)
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.Hidden || c.Name() == cobra.ShellCompRequestCmd || c.Name() == cobra.ShellCompNoDescRequestCmd {
			return
		}
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(path), sub.Name()))
		}
	}
	walk(root, nil)
	for _, c := range []struct {
		columns string
		width   int
	}{{"", 80}, {"40", 40}, {"60", 60}, {"100", 100}, {"300", 100}, {"12", 40}, {"wide", 80}} {
		env := map[string]string{"COLUMNS": c.columns}
		widest := 0
		for _, path := range paths {
			r := runCLI(t, env, "", append(path, "--help")...)
			if r.code != exitOK {
				t.Fatalf("%q --help: exit %d, stderr %q", path, r.code, r.stderr)
			}
			inExamples := false
			for _, line := range strings.Split(r.stdout, "\n") {
				switch {
				case line == "Examples:":
					inExamples = true
				case inExamples && !strings.HasPrefix(line, " "):
					inExamples = false
				}
				if w := ansi.StringWidth(line); !inExamples {
					widest = max(widest, w)
					if w > c.width {
						t.Errorf("COLUMNS=%s smhbin %s --help: %d columns, want at most %d: %q", c.columns, strings.Join(path, " "), w, c.width, line)
					}
				}
			}
		}
		if widest < c.width-10 {
			t.Errorf("COLUMNS=%s: the widest line has %d columns; want help to use the width %d", c.columns, widest, c.width)
		}
	}
}

func TestReflowKeepsTablesIndented(t *testing.T) {
	text := "A paragraph that is much too long for twenty columns.\n\n  ID  restored  path/to/a/very/long/name.docx\n  ID  failed"
	got := reflow(text, 20)
	want := "A paragraph that is\nmuch too long for\ntwenty columns.\n\n  ID  restored\n  path/to/a/very/\n  long/name.docx\n  ID  failed"
	if got != want {
		t.Errorf("reflow:\n%s\nwant:\n%s", got, want)
	}
	if fits := "short\nlines stay"; reflow(fits, 20) != fits {
		t.Errorf("reflow changed %q: %q", fits, reflow(fits, 20))
	}
}

// A mistyped command gets a suggestion, as git and gh give.
func TestUnknownCommandSuggests(t *testing.T) {
	for args, want := range map[string]string{
		"lsit":        `smhbin: unknown command "lsit" for "smhbin": did you mean "list"?` + "\n",
		"restroe":     `smhbin: unknown command "restroe" for "smhbin": did you mean "restore"?` + "\n",
		"frobnicate":  `smhbin: unknown command "frobnicate" for "smhbin"` + "\n",
		"config inti": `smhbin: unknown command "inti" for "smhbin config": did you mean "init"?` + "\n",
	} {
		r := runCLI(t, nil, "", strings.Fields(args)...)
		if r.code != exitUsage || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
			t.Errorf("smhbin %s: exit %d, stderr %q; want 2 and %q", args, r.code, r.stderr, want)
		}
	}
}

func TestRestoreWithoutIDsSaysWhatItNeeds(t *testing.T) {
	r := runCLI(t, nil, "", "restore")
	want := "smhbin: restore needs at least one id (or - to read ids from stdin)\nRun 'smhbin restore --help' for usage.\n"
	if r.code != exitUsage || r.stderr != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}
}

// The root help documents every exit code, 4 for the token included, and
// at 40 columns keeps each on lines of its own.
func TestHelpDocumentsExitCodes(t *testing.T) {
	for _, cols := range []string{"80", "40"} {
		r := runCLI(t, map[string]string{"COLUMNS": cols}, "", "--help")
		if r.code != exitOK {
			t.Fatalf("exit %d", r.code)
		}
		_, codes, ok := strings.Cut(r.stdout, "Exit codes:\n")
		codes, _, _ = strings.Cut(codes, "\nUsage:")
		for _, c := range []int{exitOK, exitFailure, exitUsage, exitAuth} {
			if !ok || !regexp.MustCompile(`(?m)^  `+strconv.Itoa(c)+`  \S`).MatchString(codes) {
				t.Errorf("COLUMNS=%s: exit code %d not documented:\n%s", cols, c, codes)
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(codes), " "), "no access token, or it was rejected or has expired") {
			t.Errorf("COLUMNS=%s: code 4 not explained:\n%s", cols, codes)
		}
	}
}
