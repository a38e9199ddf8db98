// Package config is smhbin's one table of settings: each setting's flag,
// environment variable, config file key, typed value, default and help.
// The command line's flags, the environment, the TOML file, shell
// completion, `config init`'s template and the README's table all come
// from it. It knows nothing of cobra: the CLI registers the flags it
// lists on a pflag.FlagSet and asks Resolve for the result.
package config

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"smhbin/api"
	"smhbin/termimg"
)

// Environment variables the table names.
const (
	EnvEndpoint = "SMH_ENDPOINT"
	EnvLibrary  = "SMH_LIBRARY_ID"
	EnvSpace    = "SMH_SPACE_ID"
	EnvToken    = "SMH_ACCESS_TOKEN" // read by Resolve; no flag ever holds the token
	EnvUserID   = "SMH_USER_ID"
	EnvNoColor  = "NO_COLOR" // https://no-color.org: any value turns colour off
	EnvPreview  = "SMH_PREVIEW"
)

// Limits and defaults.
const (
	MaxPageSize = 1000
	// A gap under a second would split one clean-up into a batch per file,
	// one over a day would merge a week's clean-ups into one.
	MinBatchGap         = time.Second
	MaxBatchGap         = 24 * time.Hour
	MaxExpiringDays     = 365 // items stay in the bin for at most a year or so
	DefaultBatchGap     = time.Minute
	DefaultExpiringDays = 3
	defaultSpace        = "-" // the SpaceId of a single-tenant library
)

// Command is a set of smhbin's commands: a setting's scope. Its flag is
// registered on those commands only, so that each command's --help lists
// what it uses and nothing it would ignore.
type Command uint8

// The commands that take settings.
const (
	TUI       Command = 1 << iota // the root command: the terminal UI
	Serve                         // serve: the terminal UI over SSH
	List                          // list
	Restore                       // restore
	ConfigCmd                     // config init and config path
	Delete                        // delete
	Empty                         // empty
)

// Scopes of the table's rows.
const (
	connects = TUI | Serve | List | Restore | Delete | Empty // every command that talks to a library
	deletes  = Delete | Empty
	lists    = TUI | Serve | List
	restores = TUI | Serve | Restore
	ui       = TUI | Serve
)

// commandNames name the commands in Command's bit order.
var commandNames = []string{"smhbin", "serve", "list", "restore", "config", "delete", "empty"}

// String names the commands in c, as the README's table does.
func (c Command) String() string {
	var names []string
	for i, n := range commandNames {
		if c&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// Setting is one row of the table.
type Setting struct {
	Flag    string  // command-line flag, without the dashes
	Scope   Command // the commands that take the flag
	Env     string  // environment variable; "" for none
	Key     string  // config file key; "" for none
	Value   Value   // typed value, holding the default until resolved
	Help    string  // the flag's usage line; a `WORD` names its argument
	Name    string  // what it is, for the README's table
	Doc     string  // the comment above the key in config init's template
	Example string  // the template's value when it is not the default
}

// values are the typed values of one invocation.
type values struct {
	endpoint, library, space, tokenFile, userID Text
	orderBy, order, restorePath, preview        Enum
	pageSize, expiringDays, seed                Int
	batchGap                                    Duration
	readOnly, noColor, demo                     Bool
	config, log                                 Text
	publicRead                                  Bool // lets a command browse without a token
}

func newValues() *values {
	return &values{
		endpoint: Text{v: api.DefaultEndpoint, check: checkEndpoint, norm: trimSlash},
		space: Text{v: defaultSpace, check: func(s string) string {
			if s == "" {
				return `must not be empty: use "-" for a single-tenant library`
			}
			return ""
		}},
		orderBy:      Enum{v: api.OrderByRemovalTime, choices: []string{api.OrderByName, api.OrderByModificationTime, api.OrderBySize, api.OrderByRemovalTime, api.OrderByRemainingTime}},
		order:        Enum{v: api.OrderDesc, choices: []string{api.OrderAsc, api.OrderDesc}},
		restorePath:  Enum{v: string(api.OriginalPath), choices: []string{string(api.OriginalPath), string(api.FallbackToRoot)}},
		pageSize:     Int{v: 100, min: 1, max: MaxPageSize},
		expiringDays: Int{v: DefaultExpiringDays, min: 1, max: MaxExpiringDays},
		seed:         Int{v: 1, min: math.MinInt64, max: math.MaxInt64},
		batchGap:     Duration{v: DefaultBatchGap, min: MinBatchGap, max: MaxBatchGap},
		preview:      Enum{v: string(termimg.ModeAuto), choices: termimg.Modes()},
	}
}

// checkEndpoint accepts http(s) URLs with a host; plain http is warned
// about later, when the endpoint is really used.
func checkEndpoint(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Sprintf("must be an http(s) URL such as %s, not %q", api.DefaultEndpoint, s)
	}
	return ""
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// table binds the rows to v. The file keys come in the template's order.
func table(v *values) []Setting {
	return []Setting{
		{Flag: "endpoint", Scope: connects, Env: EnvEndpoint, Key: "endpoint", Value: &v.endpoint, Name: "API base URL",
			Help: "SMH API base URL (env " + EnvEndpoint + ")",
			Doc:  "SMH API base URL, or your library's own domain (env " + EnvEndpoint + ")."},
		{Flag: "library", Scope: connects, Env: EnvLibrary, Key: "library", Value: &v.library, Name: "library",
			Help: "library id (env " + EnvLibrary + "); none means the demo library",
			Doc:  "Media library id (env " + EnvLibrary + "); without one smhbin opens its demo library."},
		{Flag: "space", Scope: connects, Env: EnvSpace, Key: "space", Value: &v.space, Name: "space",
			Help: "space id, - for a single-tenant library (env " + EnvSpace + ")",
			Doc:  "Tenant space; \"-\" for a single-tenant library (env " + EnvSpace + ")."},
		// Env names the token's own variable, which beats token_file and
		// loses to --token-file; Resolve reads both by hand, never as a value.
		{Flag: "token-file", Scope: connects, Env: EnvToken, Key: "token_file", Value: &v.tokenFile, Name: "access token (the flag and the key name a file that holds it)",
			Help: "read the access token from `PATH`, or from stdin for - (else env " + EnvToken + ")",
			Doc: "File that holds the access token, mode 0600 (env " + EnvToken + " wins over it).\n" +
				"\"~/\" is your home folder; a relative path is relative to this file's folder.\n" +
				"The token itself is never accepted in this file.",
			Example: "token"},
		{Flag: "user-id", Scope: connects, Env: EnvUserID, Key: "user_id", Value: &v.userID, Name: "acting user",
			Help: "acting user for an admin token (env " + EnvUserID + ")",
			Doc:  "Acting user, for an admin token issued without one (env " + EnvUserID + ")."},
		// Restoring is never a read call, so restore does not take it.
		{Flag: "public-read", Scope: lists, Key: "public_read", Value: &v.publicRead, Name: "browse a public-read library without a token",
			Help: "the library is public-read: browse it without an access token (read-only)",
			Doc: "The library is public-read: list and browse it without an access token.\n" +
				"Without one, the terminal UI is read-only and restore refuses to run."},
		{Flag: "page-size", Scope: lists, Key: "page_size", Value: &v.pageSize, Name: "items per list request",
			Help: fmt.Sprintf("items per list request (1-%d)", MaxPageSize),
			Doc:  fmt.Sprintf("Items per list request, 1-%d.", MaxPageSize)},
		{Flag: "order-by", Scope: lists, Key: "order_by", Value: &v.orderBy, Name: "sort",
			Help: "sort by " + choices(&v.orderBy, "|"),
			Doc:  "Sort: " + choices(&v.orderBy, ", ") + "."},
		{Flag: "order", Scope: lists, Key: "order", Value: &v.order, Name: "sort direction",
			Help: "sort direction " + choices(&v.order, "|"),
			Doc:  "Sort direction: " + choices(&v.order, ", ") + "."},
		{Flag: "restore-path", Scope: restores, Key: "restore_path", Value: &v.restorePath, Name: "when the original folder is gone",
			Help: "where restores go when the original folder is gone: originalPath (fail) or fallbackToRoot",
			Doc:  "When an item's folder is gone: originalPath (fail) or fallbackToRoot (restore into the space root)."},
		{Flag: "read-only", Scope: restores | deletes, Key: "read_only", Value: &v.readOnly, Name: "never restore or delete",
			Help: "never restore or delete anything", Doc: "Never restore or delete anything."},
		{Flag: "no-color", Scope: ui, Env: EnvNoColor, Key: "no_color", Value: &v.noColor, Name: "no colours",
			Help: "no colours (also env " + EnvNoColor + ")",
			Doc:  "No colours (the environment's " + EnvNoColor + " does the same, but this file wins over it)."},
		{Flag: "batch-gap", Scope: ui, Key: "batch_gap", Value: &v.batchGap, Name: "pause that starts a new deletion batch (`b`)",
			Help: fmt.Sprintf("terminal UI: a pause of more than `DURATION` (such as 90s, 2m) between two removals starts a new deletion batch (%s-%s)", ShortDuration(MinBatchGap), ShortDuration(MaxBatchGap)),
			Doc: "Terminal UI, batch view (b): a pause of more than this between two removals\n" +
				"starts a new deletion batch. A duration such as \"90s\", \"2m\" or \"1h\",\n" +
				fmt.Sprintf("%s-%s (no environment variable).", ShortDuration(MinBatchGap), ShortDuration(MaxBatchGap))},
		{Flag: "expiring-days", Scope: ui, Key: "expiring_days", Value: &v.expiringDays, Name: "days left that count as expiring (`e`)",
			Help: fmt.Sprintf("terminal UI: the expiring filter (e) keeps items with at most `N` days left (1-%d)", MaxExpiringDays),
			Doc: "Terminal UI, expiring filter (e) and \"expire soon\" counts: items with at\n" +
				fmt.Sprintf("most this many days left, 1-%d (no environment variable).", MaxExpiringDays)},
		{Flag: "preview", Scope: ui, Env: EnvPreview, Key: "preview", Value: &v.preview, Name: "image previews in the details pane",
			Help: "terminal UI: draw image previews with " + choices(&v.preview, "|") + " (env " + EnvPreview + ")",
			Doc: "Terminal UI: how the details pane draws image and video thumbnails:\n" +
				"auto (detect), kitty, iterm2, sixel, blocks (half-blocks, works everywhere)\n" +
				"or off (env " + EnvPreview + "). TERM=dumb always means off."},
		{Flag: "demo", Scope: connects, Value: &v.demo, Name: "demo library (also used when no library is set)", Help: "use the embedded emulator with demo data"},
		{Flag: "seed", Scope: connects, Value: &v.seed, Name: "demo data seed", Help: "demo data seed"},
		{Flag: "config", Scope: connects | ConfigCmd, Value: &v.config, Name: "config file",
			Help: "read settings from `PATH` (default $XDG_CONFIG_HOME/smhbin/config.toml or ~/.config/smhbin/config.toml)"},
		{Flag: "log", Scope: connects, Value: &v.log, Name: "debug log", Help: "append a debug log (requests, page loads, restores; never the token) to `FILE`"},
	}
}

func choices(e *Enum, sep string) string {
	s := ""
	for i, c := range e.choices {
		if i > 0 {
			s += sep
		}
		s += c
	}
	return s
}

// Set is one invocation's settings: the table bound to its own values.
type Set struct {
	v    *values
	rows []Setting
	// forced are flags a command sets for itself (serve --insecure-demo
	// forces demo and read-only): they win like flags the user gave.
	forced map[string]bool
}

// New returns the settings at their defaults.
func New() *Set {
	v := newValues()
	return &Set{v: v, rows: table(v)}
}

// Settings are the rows of the table, in the template's order.
func (s *Set) Settings() []Setting { return s.rows }

// AddFlags registers on fs, with its default, the flag of every setting
// whose scope includes one of cmds.
func (s *Set) AddFlags(fs *pflag.FlagSet, cmds Command) {
	for _, r := range s.rows {
		if r.Scope&cmds == 0 {
			continue
		}
		f := fs.VarPF(r.Value, r.Flag, "", r.Help)
		if _, ok := r.Value.(*Bool); ok {
			f.NoOptDefVal = "true"
		}
	}
}

// ForceDemoReadOnly makes Resolve serve the demo library read-only,
// whatever the flags, environment or file say.
func (s *Set) ForceDemoReadOnly() {
	s.v.demo.v, s.v.readOnly.v = true, true
	s.forced = map[string]bool{"demo": true, "read-only": true}
}

// ConfigFlag is the --config value: "" for the default place.
func (s *Set) ConfigFlag() string { return s.v.config.v }

// TokenFileFlag is the --token-file value: "-" is stdin.
func (s *Set) TokenFileFlag() string { return s.v.tokenFile.v }
