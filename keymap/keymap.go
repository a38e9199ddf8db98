// Package keymap holds smhbin's key bindings as data: a KeyMap of
// key.Binding values built by Default, grouped for help. Bindings that do
// not apply at the moment are disabled (SetEnabled) by the UI so that the
// hint bar and the help screen only show keys that work.
package keymap

import "charm.land/bubbles/v2/key"

// KeyMap is every binding of the program. The UI matches keys with
// key.Matches against these fields only; nothing is hard-coded elsewhere.
type KeyMap struct {
	// Moving around the table.
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom key.Binding

	// Selection.
	Mark, RangeMark, MarkAll, Invert, ClearMarks key.Binding

	// Views and listing.
	Filter, Sort, SortReverse, Details, ToggleTime, Reload, RetryPage key.Binding
	CopyPath, CopyID                                                  key.Binding
	RawFields                                                         key.Binding // every field in the details pane
	DetailsDown, DetailsUp                                            key.Binding // scroll the details pane without a mouse

	// Grouped views (deletion batches, original folders), the expiring
	// filter and CSV export.
	ViewBatches, ViewFolders, Expiring, Export, Expand, Collapse key.Binding

	// Restoring.
	Restore, RetryFailed, CancelRestore key.Binding

	// Deleting for good: the marked items (Delete) or the whole bin
	// (EmptyBin). Both open a dialog that wants a typed confirmation.
	Delete, EmptyBin key.Binding

	// The sort menu: one letter per column.
	SortByName, SortBySize, SortByDeleted, SortByLeft, SortMenuClose key.Binding

	// The filter prompt.
	FilterApply, FilterClear key.Binding

	// The confirm dialogs.
	Confirm, Deny, ToggleStrategy key.Binding

	// Program.
	Help, Quit, ForceQuit key.Binding
}

// Default returns the standard bindings.
func Default() KeyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return KeyMap{
		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   b([]string{"pgup"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		HalfUp:   b([]string{"ctrl+u"}, "ctrl+u", "half page up"),
		HalfDown: b([]string{"ctrl+d"}, "ctrl+d", "half page down"),
		Top:      b([]string{"g", "home"}, "g/home", "first row"),
		Bottom:   b([]string{"G", "end"}, "G/end", "last row"),

		Mark:       b([]string{"space"}, "space", "mark"),
		RangeMark:  b([]string{"v"}, "v", "mark range"),
		MarkAll:    b([]string{"a"}, "a", "mark all shown"),
		Invert:     b([]string{"i"}, "i", "invert marks"),
		ClearMarks: b([]string{"esc", "u"}, "esc/u", "clear filter, then marks"),

		Filter:      b([]string{"/"}, "/", "filter"),
		Sort:        b([]string{"s"}, "s", "sort by…"),
		SortReverse: b([]string{"S"}, "S", "reverse sort"),
		Details:     b([]string{"tab", "d"}, "tab/d", "details"),
		ToggleTime:  b([]string{"T"}, "T", "absolute times"),
		Reload:      b([]string{"ctrl+r"}, "ctrl+r", "reload"),
		RetryPage:   b([]string{"ctrl+t"}, "ctrl+t", "retry failed page"),
		CopyPath:    b([]string{"y"}, "y", "copy path"),
		CopyID:      b([]string{"Y"}, "Y", "copy id"),
		RawFields:   b([]string{"w"}, "w", "all fields in details"),
		DetailsDown: b([]string{"J"}, "J", "scroll details down"),
		DetailsUp:   b([]string{"K"}, "K", "scroll details up"),

		ViewBatches: b([]string{"b"}, "b", "batches"),
		ViewFolders: b([]string{"f"}, "f", "folders"),
		Expiring:    b([]string{"e"}, "e", "expiring soon"),
		Export:      b([]string{"E"}, "E", "export CSV"),
		// No h/l: a config that moved help (or anything) to h must keep working.
		Expand:   b([]string{"enter", "right"}, "enter/→", "expand"), // or collapse: it toggles
		Collapse: b([]string{"left"}, "←", "collapse"),

		Restore:       b([]string{"r"}, "r", "restore"),
		RetryFailed:   b([]string{"R"}, "R", "retry failed"),
		CancelRestore: b([]string{"x", "ctrl+c"}, "x", "cancel restore"),

		Delete:   b([]string{"D"}, "D", "delete for good"),
		EmptyBin: b([]string{"ctrl+x"}, "ctrl+x", "empty the bin"),

		SortByName:    b([]string{"n"}, "n", "name"),
		SortBySize:    b([]string{"s"}, "s", "size"),
		SortByDeleted: b([]string{"d"}, "d", "deleted"),
		SortByLeft:    b([]string{"l"}, "l", "days left"),
		SortMenuClose: b([]string{"esc"}, "esc", "close"),

		FilterApply: b([]string{"enter"}, "enter", "keep filter"),
		FilterClear: b([]string{"esc"}, "esc", "clear filter"),

		Confirm:        b([]string{"y", "enter"}, "y/enter", "confirm"),
		Deny:           b([]string{"n", "esc"}, "n/esc", "cancel"),
		ToggleStrategy: b([]string{"t"}, "t", "toggle destination"),

		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+\\"}, "ctrl+\\", "quit now"),
	}
}

// FilterPrompt is the bindings live while the filter prompt has focus.
func (k KeyMap) FilterPrompt() []key.Binding {
	return []key.Binding{k.FilterApply, k.FilterClear, k.ForceQuit}
}

// Dialog is the bindings live while a confirm dialog is open.
func (k KeyMap) Dialog() []key.Binding {
	return []key.Binding{k.Confirm, k.Deny, k.ToggleStrategy, k.ForceQuit}
}

// SortMenu is the bindings live while the sort menu is open.
func (k KeyMap) SortMenu() []key.Binding {
	return []key.Binding{k.SortByName, k.SortBySize, k.SortByDeleted, k.SortByLeft, k.SortReverse, k.SortMenuClose, k.ForceQuit}
}

// HelpScreen is the bindings live on the help screen.
func (k KeyMap) HelpScreen() []key.Binding {
	return []key.Binding{k.Help, k.Deny, k.Quit, k.ForceQuit, k.Filter,
		k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom}
}

// Browse is the bindings live while browsing, in help order.
func (k KeyMap) Browse() []key.Binding {
	var out []key.Binding
	for _, g := range k.Groups() {
		out = append(out, g.Bindings...)
	}
	return out
}

// Set is a named set of bindings that are live together: no two of them
// may answer the same key.
type Set struct {
	Name     string
	Bindings []key.Binding
}

// Sets is every set of bindings live together, for conflict checks.
func (k KeyMap) Sets() []Set {
	return []Set{{"browsing", k.Browse()}, {"the filter prompt", k.FilterPrompt()},
		{"dialogs", k.Dialog()}, {"the help screen", k.HelpScreen()},
		{"the sort menu", k.SortMenu()}}
}

// Group is a titled set of bindings for the help screen.
type Group struct {
	Title    string
	Bindings []key.Binding
}

// Groups returns the browse-mode bindings grouped by purpose.
func (k KeyMap) Groups() []Group {
	return []Group{
		{"Move", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom}},
		{"Select", []key.Binding{k.Mark, k.RangeMark, k.MarkAll, k.Invert, k.ClearMarks}},
		{"View", []key.Binding{k.Filter, k.Sort, k.SortReverse, k.Details, k.RawFields, k.DetailsDown, k.DetailsUp, k.ToggleTime, k.CopyPath, k.CopyID, k.Reload, k.RetryPage}},
		{"Restore", []key.Binding{k.Restore, k.RetryFailed, k.CancelRestore, k.Delete, k.EmptyBin}},
		{"General", []key.Binding{k.Help, k.Quit, k.ForceQuit}},
		{"Views", []key.Binding{k.ViewBatches, k.ViewFolders, k.Expand, k.Collapse, k.Expiring, k.Export}},
	}
}

// Short returns the few bindings worth a place in the bottom hint bar in
// browse mode, most useful first; the UI drops disabled ones and those that
// do not fit. The grouped views come after help and quit so that they never
// push those two off a narrow terminal.
func (k KeyMap) Short() []key.Binding { return k.AppendShort(nil) }

// AppendShort appends Short's bindings to dst: the hint bar asks for them
// every frame, and a caller that keeps dst allocates nothing.
func (k *KeyMap) AppendShort(dst []key.Binding) []key.Binding {
	return append(dst, k.Mark, k.Restore, k.CancelRestore, k.RetryFailed, k.Expand, k.Filter, k.Sort, k.Details, k.RetryPage, k.Help, k.Quit,
		k.ViewBatches, k.ViewFolders, k.Expiring)
}
