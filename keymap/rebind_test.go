package keymap

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// snake turns a Go field name into its action name: RetryPage → retry_page.
func snake(s string) string {
	var b strings.Builder
	prev := 'A'
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
		prev = r
	}
	return b.String()
}

func TestActionsNameEveryBinding(t *testing.T) {
	km := Default()
	typ := reflect.TypeOf(km)
	var fields []string
	for i := range typ.NumField() {
		if typ.Field(i).Type == reflect.TypeOf(key.Binding{}) {
			fields = append(fields, snake(typ.Field(i).Name))
		}
	}
	if got := Actions(); !slices.Equal(got, fields) {
		t.Fatalf("Actions() = %v\nwant the KeyMap fields %v", got, fields)
	}
	for i, name := range fields {
		b, ok := km.Binding(name)
		want := reflect.ValueOf(km).Field(i).Interface().(key.Binding)
		if !ok || !slices.Equal(b.Keys(), want.Keys()) || b.Help() != want.Help() {
			t.Errorf("Binding(%q) = %v, %t; want the %s field", name, b.Keys(), ok, typ.Field(i).Name)
		}
	}
	if _, ok := km.Binding("nope"); ok {
		t.Error("Binding of an unknown action should report false")
	}
}

func TestRebindUpdatesKeysAndHelp(t *testing.T) {
	def := Default()
	km, err := Rebind(def, map[string][]string{
		"restore":        {"ctrl+r"},
		"reload":         {"F5"},
		"mark":           {"space", "m"},
		"bottom":         {"G", "End"},
		"quit":           {"alt+Q"},
		"cancel_restore": {"x", "ctrl+c"}, // as the default: help stays "x"
	})
	if err != nil {
		t.Fatalf("Rebind: %v", err)
	}
	tests := []struct {
		name     string
		b        key.Binding
		keys     []string
		helpKey  string
		helpDesc string
	}{
		{"restore", km.Restore, []string{"ctrl+r"}, "ctrl+r", "restore"},
		{"reload", km.Reload, []string{"f5"}, "f5", "reload"},
		{"mark", km.Mark, []string{"space", "m"}, "space/m", "mark"},
		{"bottom", km.Bottom, []string{"G", "end"}, "G/end", "last row"},
		{"page down", km.PageDown, []string{"pgdown"}, "pgdn", "page down"},
		{"quit", km.Quit, []string{"alt+shift+q"}, "alt+shift+q", "quit"},
		{"untouched", km.Up, []string{"up", "k"}, "↑/k", "up"},
		{"rebound as before", km.CancelRestore, []string{"x", "ctrl+c"}, "x", "cancel restore"},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.b.Keys(), tt.keys) || tt.b.Help().Key != tt.helpKey || tt.b.Help().Desc != tt.helpDesc {
			t.Errorf("%s: keys %q help %q/%q, want %q help %q/%q", tt.name, tt.b.Keys(), tt.b.Help().Key, tt.b.Help().Desc, tt.keys, tt.helpKey, tt.helpDesc)
		}
	}
	if !key.Matches(keyMsg("ctrl+r"), km.Restore) || key.Matches(keyMsg("r"), km.Restore) {
		t.Error("restore should answer ctrl+r and no longer r")
	}
	if !slices.Equal(def.Restore.Keys(), []string{"r"}) {
		t.Errorf("Rebind changed its argument: restore keys %q", def.Restore.Keys())
	}
}

func TestRebindErrors(t *testing.T) {
	tests := []struct {
		name   string
		m      map[string][]string
		action string
		want   string
	}{
		{"unknown action", map[string][]string{"resotre": {"x"}}, "resotre", `"resotre" is not an action (did you mean restore?)`},
		{"unknown action far from any", map[string][]string{"launch": {"x"}}, "launch", `"launch" is not an action; smhbin config init`},
		{"empty list", map[string][]string{"quit": {}}, "quit", "quit needs at least one key"},
		{"bad key name", map[string][]string{"quit": {"ctrl+alt+q"}}, "quit", `"ctrl+alt+q" is not a key name`},
		{"control character", map[string][]string{"quit": {"\x1b"}}, "quit", "is not a key name"},
		{"taken by a default in browse mode", map[string][]string{"restore": {"ctrl+r"}}, "restore", "restore: ctrl+r is also bound to reload in browsing; rebind reload too"},
		{"two rebound actions", map[string][]string{"restore": {"z"}, "sort": {"z"}}, "restore", "restore: z is also bound to sort in browsing"},
		{"alias of a taken key", map[string][]string{"top": {"PgDn"}}, "top", "top: pgdn is also bound to page_down in browsing"},
		{"taken in dialogs", map[string][]string{"confirm": {"n"}}, "confirm", "confirm: n is also bound to deny in dialogs"},
		{"taken in the help screen", map[string][]string{"help": {"n"}}, "help", "help: n is also bound to deny in the help screen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km, err := Rebind(Default(), tt.m)
			var re *RebindError
			if !asRebindError(err, &re) || re.Action != tt.action || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a RebindError for %q containing %q", err, tt.action, tt.want)
			}
			if !slices.Equal(km.Restore.Keys(), []string{"r"}) || !slices.Equal(km.Quit.Keys(), []string{"q", "ctrl+c"}) {
				t.Error("a failed Rebind should return the keymap unchanged")
			}
		})
	}
}

func asRebindError(err error, re **RebindError) bool {
	e, ok := err.(*RebindError)
	*re = e
	return ok
}

// Keys the UI never enables together may share a key; so may modes that
// are never active at once.
func TestRebindAllowsSharingAcrossModesAndExclusiveActions(t *testing.T) {
	for _, m := range []map[string][]string{
		{"cancel_restore": {"q"}},              // quit is disabled while a restore runs
		{"filter_apply": {"r"}},                // the filter prompt is its own mode
		{"confirm": {"r"}, "deny": {"ctrl+g"}}, // so are dialogs
	} {
		if _, err := Rebind(Default(), m); err != nil {
			t.Errorf("Rebind(%v): %v", m, err)
		}
	}
}

// TestNamedKeysAreBubbleTeaNames keeps the list of key names in step
// with the names Bubble Tea gives key presses: each is what tea.Key's
// String returns for the key it names.
func TestNamedKeysAreBubbleTeaNames(t *testing.T) {
	for _, n := range namedKeys() {
		k, ok := parseKeyName(n)
		if !ok || k.String() != n {
			t.Errorf("%q is not a Bubble Tea key name (parsed %v: %q)", n, ok, k.String())
		}
	}
	for alias, n := range keyAliases {
		if k, ok := parseKeyName(n); !ok || k.String() != n {
			t.Errorf("alias %q maps to %q, not a Bubble Tea key name", alias, n)
		}
	}
}

// v1Names are key names of Bubble Tea v1 (which a config file could
// use), with their v2 spelling, and an action they may be bound to.
var v1Names = []struct{ action, old, want string }{
	{"mark", " ", "space"}, {"details", "ctrl+@", "ctrl+space"}, {"details", "alt+Q", "alt+shift+q"},
	{"details", "alt+ ", "alt+space"}, {"page_down", "pgdown", "pgdown"}, {"force_quit", "ctrl+\\", "ctrl+\\"},
	{"details", "ctrl+^", "ctrl+^"}, {"details", "ctrl+_", "ctrl+_"}, {"details", "shift+tab", "shift+tab"},
}

// A config file written for Bubble Tea v1's key names still loads, and
// each name now matches the key press it meant.
func TestRebindAcceptsV1KeyNames(t *testing.T) {
	for _, tc := range v1Names {
		km, err := Rebind(Default(), map[string][]string{tc.action: {tc.old}})
		if err != nil {
			t.Errorf("Rebind(%s = %q): %v", tc.action, tc.old, err)
			continue
		}
		b, _ := km.Binding(tc.action)
		if got := b.Keys(); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%q became %q, want %q", tc.old, got, tc.want)
		}
		k, _ := parseKeyName(tc.want)
		if !key.Matches(tea.KeyPressMsg(k), b) {
			t.Errorf("the key %q names does not trigger %s", tc.old, tc.action)
		}
	}
	// Every named key of v1 (its whole list) is still a name.
	for _, n := range []string{"ctrl+@", "tab", "enter", "esc", "backspace", "ctrl+\\", "ctrl+]", "ctrl+^", "ctrl+_",
		"up", "down", "right", "left", "shift+tab", "home", "end", "ctrl+home", "ctrl+end", "shift+home", "shift+end",
		"ctrl+shift+home", "ctrl+shift+end", "pgup", "pgdown", "ctrl+pgup", "ctrl+pgdown", "delete", "insert",
		"ctrl+up", "ctrl+down", "ctrl+right", "ctrl+left", "shift+up", "shift+down", "shift+right", "shift+left",
		"ctrl+shift+up", "ctrl+shift+down", "ctrl+shift+left", "ctrl+shift+right", "ctrl+a", "ctrl+z", "f1", "f20"} {
		if _, ok := normalizeKey(n); !ok {
			t.Errorf("v1 key name %q no longer loads", n)
		}
	}
}

// parseKeyName builds the key press a name describes: modifiers, then a
// Bubble Tea key name or one character.
func parseKeyName(n string) (tea.Key, bool) {
	var k tea.Key
	parts := strings.Split(n, "+")
	if strings.HasSuffix(n, "+") { // "ctrl++"
		parts = append(parts[:len(parts)-2], "+")
	}
	for _, p := range parts[:len(parts)-1] {
		switch p {
		case "ctrl":
			k.Mod |= tea.ModCtrl
		case "alt":
			k.Mod |= tea.ModAlt
		case "shift":
			k.Mod |= tea.ModShift
		default:
			return k, false
		}
	}
	base := parts[len(parts)-1]
	codes := map[string]rune{}
	for _, c := range []rune{tea.KeyEnter, tea.KeyTab, tea.KeyBackspace, tea.KeyEscape, tea.KeySpace} {
		codes[tea.Key{Code: c}.String()] = c
	}
	for c := tea.KeyUp; c <= tea.KeyF20; c++ {
		codes[tea.Key{Code: c}.String()] = c
	}
	if c, ok := codes[base]; ok {
		k.Code = c
	} else if r := []rune(base); len(r) == 1 {
		k.Code = r[0]
		if k.Mod == 0 {
			k.Text = base
		}
	} else {
		return k, false
	}
	return k, true
}

// TestRebindDeleteKeys: D and ctrl+x are rebindable like every action,
// and never onto a key another browse action uses.
func TestRebindDeleteKeys(t *testing.T) {
	km, err := Rebind(Default(), map[string][]string{"delete": {"ctrl+k"}, "empty_bin": {"ctrl+e"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := km.Delete.Keys(); len(got) != 1 || got[0] != "ctrl+k" || km.Delete.Help().Key != "ctrl+k" {
		t.Fatalf("delete is bound to %v (help %q)", got, km.Delete.Help().Key)
	}
	if _, ok := km.Binding("empty_bin"); !ok {
		t.Fatal("empty_bin is not a rebindable action")
	}
	if _, err := Rebind(Default(), map[string][]string{"delete": {"r"}}); err == nil {
		t.Fatal("delete was bound onto restore's key")
	}
}
