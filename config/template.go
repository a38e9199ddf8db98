package config

import (
	"fmt"
	"strings"

	"smhbin/keymap"
	"smhbin/theme"
)

// Template is the file config init writes: every setting of the table,
// commented out at its default, with what it means; then [theme] and
// [keys] at theirs.
func Template() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("# smhbin configuration (TOML).")
	line("#")
	line("# Every setting is shown commented out at its default: delete the leading")
	line("# \"# \" to change one. Command-line flags beat environment variables, which")
	line("# beat this file, which beats the defaults. \"smhbin config path\" checks it.")
	for _, r := range New().Settings() {
		if r.Key == "" {
			continue
		}
		line("")
		for _, doc := range strings.Split(r.Doc, "\n") {
			line("# %s", doc)
		}
		line("# %s = %s", r.Key, tomlValue(r))
	}
	line("")
	line("# Colours by role: \"#RRGGBB\", or { light = \"#RRGGBB\", dark = \"#RRGGBB\" } for")
	line("# light and dark terminal backgrounds. Uncomment the [theme] line too.")
	line("# [theme]")
	pal := theme.DefaultPalette()
	for _, role := range theme.Roles() {
		c, _ := pal.Role(role)
		line("# %s = { light = %s, dark = %s }", role, tomlQuote(c.Light), tomlQuote(c.Dark))
	}
	line("")
	line("# Key bindings: action = [keys]. Keys are named as \"r\", \"R\", \"ctrl+r\", \"alt+r\",")
	line("# \"enter\", \"esc\", \"tab\", \"space\", \"up\", \"pgdown\", \"home\", \"f5\"... A key may")
	line("# serve only one action in each mode (browsing, filter prompt, dialogs, help).")
	line("# Uncomment the [keys] line too.")
	line("# [keys]")
	km := keymap.Default()
	for _, action := range keymap.Actions() {
		bnd, _ := km.Binding(action)
		keys := make([]string, len(bnd.Keys()))
		for i, k := range bnd.Keys() {
			if k == " " {
				k = "space"
			}
			keys[i] = tomlQuote(k)
		}
		entry := fmt.Sprintf("%s = [%s]", action, strings.Join(keys, ", "))
		line("# %-36s # %s", entry, bnd.Help().Desc)
	}
	return b.String()
}

// tomlValue writes r's default (or example) as TOML.
func tomlValue(r Setting) string {
	switch v := r.Value.(type) {
	case *Int, *Bool:
		return v.String()
	}
	if r.Example != "" {
		return tomlQuote(r.Example)
	}
	return tomlQuote(r.Value.String())
}

// tomlQuote writes s as a TOML basic string; the values quoted here are
// printable ASCII, so escaping \ and " is enough.
func tomlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// MarkdownTable is the README's table of settings, one row a setting.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| setting | flag | environment | config file | default | commands |\n|---|---|---|---|---|---|\n")
	code := func(s string) string {
		if s == "" {
			return ""
		}
		return "`" + s + "`"
	}
	for _, r := range New().Settings() {
		def := code(r.Value.String())
		switch {
		case r.Value.String() == "":
			def = "none"
		case len(r.Value.Completions()) > 0:
			def += " (one of " + strings.Join(wrap(r.Value.Completions(), "`"), ", ") + ")"
		}
		if i, ok := r.Value.(*Int); ok && i.bounded() {
			def += fmt.Sprintf(" (%d–%d)", i.min, i.max)
		}
		if d, ok := r.Value.(*Duration); ok {
			def += fmt.Sprintf(" (%s–%s)", ShortDuration(d.min), ShortDuration(d.max))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.Name, code("--"+r.Flag), code(r.Env), code(r.Key), def, r.Scope)
	}
	b.WriteString("| colours | | | `[theme]` | the built-in palette | smhbin, serve |\n")
	b.WriteString("| key bindings | | | `[keys]` | see [Keys](#keys) | smhbin, serve |\n")
	return b.String()
}

func wrap(ss []string, q string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = q + s + q
	}
	return out
}
