package keymap

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"charm.land/bubbles/v2/key"

	"smhbin/internal/suggest"
)

// action ties a config-file action name to its binding in a KeyMap.
type action struct {
	name string
	b    *key.Binding
}

// actions lists every binding of k under its action name: the KeyMap
// field's name in lower_snake case, in field order.
func (k *KeyMap) actions() []action {
	return []action{
		{"up", &k.Up}, {"down", &k.Down}, {"page_up", &k.PageUp}, {"page_down", &k.PageDown},
		{"half_up", &k.HalfUp}, {"half_down", &k.HalfDown}, {"top", &k.Top}, {"bottom", &k.Bottom},
		{"mark", &k.Mark}, {"range_mark", &k.RangeMark}, {"mark_all", &k.MarkAll},
		{"invert", &k.Invert}, {"clear_marks", &k.ClearMarks},
		{"filter", &k.Filter}, {"sort", &k.Sort}, {"sort_reverse", &k.SortReverse},
		{"details", &k.Details}, {"toggle_time", &k.ToggleTime}, {"reload", &k.Reload},
		{"retry_page", &k.RetryPage}, {"copy_path", &k.CopyPath}, {"copy_id", &k.CopyID},
		{"raw_fields", &k.RawFields}, {"details_down", &k.DetailsDown}, {"details_up", &k.DetailsUp},
		{"view_batches", &k.ViewBatches}, {"view_folders", &k.ViewFolders}, {"expiring", &k.Expiring},
		{"export", &k.Export}, {"expand", &k.Expand}, {"collapse", &k.Collapse},
		{"restore", &k.Restore}, {"retry_failed", &k.RetryFailed}, {"cancel_restore", &k.CancelRestore},
		{"delete", &k.Delete}, {"empty_bin", &k.EmptyBin},
		{"sort_by_name", &k.SortByName}, {"sort_by_size", &k.SortBySize}, {"sort_by_deleted", &k.SortByDeleted},
		{"sort_by_left", &k.SortByLeft}, {"sort_menu_close", &k.SortMenuClose},
		{"filter_apply", &k.FilterApply}, {"filter_clear", &k.FilterClear},
		{"confirm", &k.Confirm}, {"deny", &k.Deny}, {"toggle_strategy", &k.ToggleStrategy},
		{"help", &k.Help}, {"quit", &k.Quit}, {"force_quit", &k.ForceQuit},
	}
}

// Actions returns the names a config file may rebind, in KeyMap order.
func Actions() []string {
	var k KeyMap
	acts := k.actions()
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = a.name
	}
	return out
}

// Binding returns the binding of the named action.
func (k KeyMap) Binding(name string) (key.Binding, bool) {
	for _, a := range k.actions() {
		if a.name == name {
			return *a.b, true
		}
	}
	return key.Binding{}, false
}

// RebindError is a mistake in a rebinding, naming the action whose entry
// is wrong so that a config file reader can point at its line.
type RebindError struct {
	Action string // as spelled in the rebinding
	Msg    string // what is wrong, a sentence that names the action
}

func (e *RebindError) Error() string { return e.Msg }

// Rebind returns km with the keys of each action named in m replaced by
// the keys given, and its help key updated to show them. Key names are
// those of key.WithKeys ("r", "ctrl+r", "pgdown", "space" for the space
// bar), and Bubble Tea v1's spellings of them (" ", "ctrl+@"). It refuses unknown actions, unknown key names, empty lists and a
// key that would answer two actions in one mode, since one of them would
// then be unreachable; on error km is returned unchanged.
func Rebind(km KeyMap, m map[string][]string) (KeyMap, error) {
	orig := km
	acts := km.actions()
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names) // deterministic errors
	for _, name := range names {
		i := slices.IndexFunc(acts, func(a action) bool { return a.name == name })
		if i < 0 {
			msg := fmt.Sprintf("%q is not an action", name)
			if s := suggest.Closest(name, Actions()); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			return orig, &RebindError{Action: name, Msg: msg + "; smhbin config init lists them all"}
		}
		keys, err := normalizeKeys(name, m[name])
		if err != nil {
			return orig, err
		}
		if b := acts[i].b; !slices.Equal(b.Keys(), keys) {
			// Same keys keep their hand-written help (quit's "q" hides
			// the ctrl+c it shares with cancel_restore).
			b.SetKeys(keys...)
			b.SetHelp(helpKey(keys), b.Help().Desc)
		}
	}
	if err := checkConflicts(km, m); err != nil {
		return orig, err
	}
	return km, nil
}

// normalizeKeys checks the names and maps aliases to Bubble Tea's
// spelling, dropping repeats.
func normalizeKeys(action string, in []string) ([]string, error) {
	if len(in) == 0 {
		return nil, &RebindError{Action: action, Msg: fmt.Sprintf("%s needs at least one key", action)}
	}
	var out []string
	for _, k := range in {
		n, ok := normalizeKey(k)
		if !ok {
			return nil, &RebindError{Action: action, Msg: fmt.Sprintf("%s: %q is not a key name (examples: \"r\", \"ctrl+r\", \"alt+x\", \"pgdown\", \"f5\", \"space\")", action, k)}
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// keyAliases map other spellings to Bubble Tea's key names: friendlier
// ones, and those of Bubble Tea v1 ("ctrl+@", " "), so that a config file
// written before the move to v2 still loads.
var keyAliases = map[string]string{
	" ": "space", "ctrl+@": "ctrl+space", "escape": "esc", "return": "enter", "pagedown": "pgdown",
	"pgdn": "pgdown", "pageup": "pgup", "del": "delete", "ins": "insert", "bs": "backspace",
}

// normalizeKey returns Bubble Tea's name for k: a single printable
// character (case matters: "g" and "G" differ), a named key such as
// "ctrl+r" or "f5" (any case), either optionally prefixed with "alt+"
// ("alt+G" is "alt+shift+g").
func normalizeKey(k string) (string, bool) {
	alt := ""
	if rest, ok := strings.CutPrefix(strings.ToLower(k), "alt+"); ok && len(rest) > 0 {
		alt, k = "alt+", k[len("alt+"):]
	}
	lower := strings.ToLower(k)
	if a, ok := keyAliases[lower]; ok {
		return alt + a, true
	}
	if r := []rune(k); len(r) == 1 {
		if alt != "" && unicode.IsUpper(r[0]) {
			// Bubble Tea v2 reports alt with a capital as alt+shift+letter:
			// the text of an alt key is dropped.
			return "alt+shift+" + string(unicode.ToLower(r[0])), true
		}
		return alt + k, unicode.IsPrint(r[0])
	}
	if slices.Contains(namedKeys(), lower) {
		return alt + lower, true
	}
	return "", false
}

// namedKeys are the multi-character names Bubble Tea v2 gives key presses
// (tea.Key.String), so that a rebinding can only name keys that exist.
// ctrl+i and ctrl+m are keys of their own where the terminal reports
// keyboard enhancements (elsewhere they arrive as tab and enter). Built on
// first use: only a rebinding in the config file needs them, and every
// start of the program would otherwise pay for them.
var namedKeys = sync.OnceValue(func() []string {
	names := []string{
		"space", "ctrl+space", "tab", "enter", "esc", "backspace", "ctrl+\\", "ctrl+]", "ctrl+^", "ctrl+_",
		"up", "down", "right", "left", "shift+tab", "home", "end", "ctrl+home", "ctrl+end",
		"shift+home", "shift+end", "ctrl+shift+home", "ctrl+shift+end", "pgup", "pgdown",
		"ctrl+pgup", "ctrl+pgdown", "delete", "insert", "ctrl+up", "ctrl+down", "ctrl+right",
		"ctrl+left", "shift+up", "shift+down", "shift+right", "shift+left", "ctrl+shift+up",
		"ctrl+shift+down", "ctrl+shift+left", "ctrl+shift+right",
	}
	for c := 'a'; c <= 'z'; c++ {
		names = append(names, "ctrl+"+string(c))
	}
	for i := 1; i <= 20; i++ {
		names = append(names, fmt.Sprintf("f%d", i))
	}
	return names
})

// helpKey is how the help screen and hint bar show keys.
func helpKey(keys []string) string {
	shown := make([]string, len(keys))
	for i, k := range keys {
		switch k {
		case "up":
			k = "↑"
		case "down":
			k = "↓"
		case "pgdown":
			k = "pgdn"
		}
		shown[i] = k
	}
	return strings.Join(shown, "/")
}

// exclusive are pairs of actions the UI never enables together, so they
// may share a key: ctrl+c cancels a running restore and quits otherwise.
var exclusive = [][2]string{{"cancel_restore", "quit"}}

func isExclusive(a, b string) bool {
	return slices.Contains(exclusive, [2]string{a, b}) || slices.Contains(exclusive, [2]string{b, a})
}

// checkConflicts reports a key that two bindings of one mode answer,
// blaming a rebound action so that the error points at the user's line.
// The sets come from Sets, on a copy whose help descriptions
// are the action names so that each binding can be told apart.
func checkConflicts(km KeyMap, m map[string][]string) error {
	tagged := km
	for _, a := range tagged.actions() {
		a.b.SetHelp(a.b.Help().Key, a.name)
	}
	for _, md := range tagged.Sets() {
		owner := map[string]string{}
		for _, b := range md.Bindings {
			name := b.Help().Desc
			for _, k := range b.Keys() {
				prev, taken := owner[k]
				if !taken || prev == name || isExclusive(prev, name) {
					owner[k] = name
					continue
				}
				blame, other := name, prev
				if _, rebound := m[prev]; rebound {
					if _, also := m[name]; !also {
						blame, other = prev, name
					}
				}
				return &RebindError{Action: blame, Msg: fmt.Sprintf("%s: %s is also bound to %s in %s; rebind %s too", blame, helpKey([]string{k}), other, md.Name, other)}
			}
		}
	}
	return nil
}
