package config

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"smhbin/keymap"
	"smhbin/theme"
)

// The template sets nothing as written, and exactly the defaults with
// every line uncommented: so it documents every setting truthfully.
func TestTemplateRoundTrips(t *testing.T) {
	text := Template()
	if len(text) > MaxFileSize/2 {
		t.Errorf("the template is %d bytes; keep it well under the %d-byte limit", len(text), MaxFileSize)
	}
	f, err := Parse("/c/config.toml", text, getenvFrom(nil))
	if err != nil {
		t.Fatalf("template as written: %v", err)
	}
	if len(f.set) != 0 || f.KeyMap != nil || f.Palette != nil {
		t.Errorf("the commented template sets something: %v", f.set)
	}

	setting := regexp.MustCompile(`^# (\[[a-z]+\]|[a-z_]+ = .*)$`)
	var lines, keys []string
	for _, l := range strings.Split(text, "\n") {
		if m := setting.FindStringSubmatch(l); m != nil {
			l = m[1]
			keys = append(keys, strings.Fields(l)[0])
		}
		lines = append(lines, l)
	}
	known := fileKeys()
	for _, k := range append(append(slices.Clone(known[:len(known)-2]), "[theme]", "[keys]"), append(theme.Roles(), keymap.Actions()...)...) {
		if !slices.Contains(keys, k) {
			t.Errorf("the template does not show %q", k)
		}
	}
	f, err = Parse("/c/config.toml", strings.Join(lines, "\n"), getenvFrom(nil))
	if err != nil {
		t.Fatalf("template uncommented: %v", err)
	}
	def, fileRows := New().Settings(), table(f.v)
	for i, r := range def {
		if r.Key == "" || r.Key == "token_file" {
			continue // token_file shows an example, not its (empty) default
		}
		if !f.set[r.Key] || fileRows[i].Value.String() != r.Value.String() {
			t.Errorf("uncommented %s = %q (set %t), want the default %q", r.Key, fileRows[i].Value, f.set[r.Key], r.Value)
		}
	}
	if *f.Palette != theme.DefaultPalette() {
		t.Errorf("uncommented [theme] %+v differs from the default palette", *f.Palette)
	}
	km := keymap.Default()
	for _, a := range keymap.Actions() {
		got, _ := f.KeyMap.Binding(a)
		want, _ := km.Binding(a)
		if !slices.Equal(got.Keys(), want.Keys()) || got.Help() != want.Help() {
			t.Errorf("uncommented keys.%s = %q %+v, want %q %+v", a, got.Keys(), got.Help(), want.Keys(), want.Help())
		}
	}
}

// The README's table of settings is MarkdownTable's, so it cannot drift
// from the flags, variables and keys smhbin really reads.
func TestReadmeHasTheSettingsTable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), MarkdownTable()) {
		t.Errorf("README.md's Configuration table differs from config.MarkdownTable(); paste this in:\n%s", MarkdownTable())
	}
}

// Every setting with a fixed list of values completes them, so shell
// completion and the checks agree.
func TestCompletionsAreTheChoices(t *testing.T) {
	want := map[string][]string{
		"order-by":     {"name", "modificationTime", "size", "removalTime", "remainingTime"},
		"order":        {"asc", "desc"},
		"restore-path": {"originalPath", "fallbackToRoot"},
		"preview":      {"auto", "kitty", "iterm2", "sixel", "blocks", "off"},
	}
	for _, r := range New().Settings() {
		if got := r.Value.Completions(); !slices.Equal(got, want[r.Flag]) {
			t.Errorf("--%s completes %q, want %q", r.Flag, got, want[r.Flag])
		}
		for _, c := range r.Value.Completions() {
			if err := r.Value.Set(c); err != nil {
				t.Errorf("--%s refuses its own completion %q: %v", r.Flag, c, err)
			}
		}
	}
}
