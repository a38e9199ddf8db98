// Package ui is smhbin's Bubble Tea program: a browser that pages the SMH
// recycle bin into a windowed, sortable table with a details pane, and the
// restore flow on top of it. It reaches the service only through the small
// interfaces declared here, and does I/O only inside tea.Cmds.
package ui

import (
	"context"
	"time"

	"github.com/charmbracelet/colorprofile"

	"smhbin/api"
	"smhbin/keymap"
	"smhbin/termimg"
	"smhbin/theme"
)

// Bin is what the browser needs from an SMH client: listing only (the
// restore engine does its own look-ups). *api.Client satisfies it.
type Bin interface {
	List(ctx context.Context, q api.ListQuery) (api.Page, error)
}

// Restorer starts restore runs; *api.Engine satisfies it, so the UI never
// re-implements chunking, concurrency or task polling.
type Restorer interface {
	Start(ctx context.Context, ids []int64, ps api.PathStrategy) *api.Run
}

// Deleter deletes items for good and empties the bin; *api.Engine
// satisfies it. Give it the Restorer's engine: one ledger then keeps a
// restore and a delete of the same item from racing.
type Deleter interface {
	StartDelete(ctx context.Context, ids []int64) *api.Run
	Empty(ctx context.Context) error
}

// DefaultBatchGap is Options.BatchGap when none is set: removals less
// than a minute apart are one clean-up.
const DefaultBatchGap = 60 * time.Second

// DefaultExpiringDays is Options.ExpiringDays when none is set.
const DefaultExpiringDays int64 = 3

// Options configure a Model. Client and Styles are required.
type Options struct {
	Context  context.Context // cancelled when the program quits; defaults to Background
	Client   Bin
	Restorer Restorer // nil disables restoring (like ReadOnly)
	// Deleter, when set (and not ReadOnly), enables D (delete for good)
	// and ctrl+x (empty the bin). Off by default: they cannot be undone.
	Deleter Deleter
	// DeleteOff says why deleting is off when Deleter is nil, for the
	// hint bar, help and the status line (e.g. "the server runs without
	// --allow-delete").
	DeleteOff string
	Styles    theme.Styles
	KeyMap    keymap.KeyMap // zero value → keymap.Default()

	Library     string // shown in the title bar
	PageSize    int    // items per list request; default 100
	OrderBy     string // initial order_by (api.OrderBy…); default removalTime
	Order       string // initial order_by_type; default desc
	RestorePath api.PathStrategy
	Demo        bool // show the DEMO badge
	ReadOnly    bool // restore keys disabled, READ-ONLY badge
	NoMouse     bool // no mouse reporting: the terminal keeps its own selection
	// Remembered, when set, is how the UI was left last time (see
	// ParseState; cli reads the file); it beats OrderBy and Order. Never
	// set for SSH sessions.
	Remembered *Remembered
	AbsTime    bool // start with absolute times instead of relative

	// BatchGap is the pause between two removals that starts a new
	// deletion batch in the batch view (b); default DefaultBatchGap.
	BatchGap time.Duration
	// ExpiringDays is the days-left limit of the expiring filter (e) and
	// of the "expire soon" counts; default DefaultExpiringDays.
	ExpiringDays int64
	// Preview is how the details pane draws thumbnails (termimg.Resolve
	// of the preview setting, for this terminal's environment); "" or
	// Off draws none. Thumbnails need a Client that is also a Previewer.
	Preview termimg.Protocol
	// PreviewDebounce is how long the cursor rests on a row before its
	// thumbnail is fetched; default preview.DefaultDebounce.
	PreviewDebounce time.Duration
	// ExportDir is where E writes CSV files; default "." (the current
	// directory). "-" disables export, e.g. for SSH sessions, whose users
	// must not write files on the server.
	ExportDir string

	RequestTimeout time.Duration    // per list request; default 30 s
	Now            func() time.Time // clock, for tests; default time.Now
	// Clipboard copies text to the user's clipboard (OSC 52 to the right
	// terminal, which over SSH is the session's). nil disables y/Y.
	Clipboard func(string) error
	// Logf, when set, receives a line per page load or failure and per
	// restore run start, end and failed item (the --log file). It is
	// called from Update, so it must be quick and safe for concurrent use.
	Logf func(format string, args ...any)
	// ReloadToken, when set, reads the access token again (from
	// --token-file) and swaps it into the client, so a user who refreshed
	// the file after a rejected token need not restart. It runs in a
	// tea.Cmd; the token never reaches the UI, and its error must not
	// hold it. nil when the token came from the environment or stdin.
	ReloadToken func() error
}

// logf writes to Logf when there is one.
func (o *Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}

// StylesWithPalette is StylesFor with palette p instead of the default
// one, for colours set in the config file.
func StylesWithPalette(getenv func(string) string, noColor bool, p theme.Palette) theme.Styles {
	return theme.New(p, theme.Target{
		Dark:    darkFromEnv(getenv),
		NoColor: ProfileFromEnv(getenv, noColor) <= colorprofile.Ascii,
		NoAttrs: dumbTerm(getenv),
	})
}

func (o *Options) defaults() {
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.PageSize <= 0 {
		o.PageSize = 100
	}
	if o.OrderBy == "" {
		o.OrderBy = api.OrderByRemovalTime
	}
	if o.Order == "" {
		o.Order = api.OrderDesc
	}
	if o.RestorePath == "" {
		o.RestorePath = api.OriginalPath
	}
	if o.BatchGap <= 0 {
		o.BatchGap = DefaultBatchGap
	}
	if o.ExpiringDays <= 0 {
		o.ExpiringDays = DefaultExpiringDays
	}
	if o.ExportDir == "" {
		o.ExportDir = "."
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if len(o.KeyMap.Quit.Keys()) == 0 {
		o.KeyMap = keymap.Default()
	}
}
