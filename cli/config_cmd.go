package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/keymap"
	"smhbin/theme"
)

func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Create or locate the config file",
		Long: `smhbin reads settings from a TOML file at $XDG_CONFIG_HOME/smhbin/config.toml
(or ~/.config/smhbin/config.toml), or from the file named by --config.
Command-line flags beat environment variables, which beat the file, which
beats the defaults. The file holds the endpoint, library, space, the path of
a token file (never the token itself), list and restore settings, colours by
role ([theme]), key bindings ([keys]) and the terminal UI's batch gap and
expiring-days limit.

config init writes a file with every setting commented out at its default;
config path says which file is read and checks it.`,
		Example: `  smhbin config init
  smhbin config path
  smhbin --config ./team.toml config init --force
  $EDITOR "$(smhbin config path)"`,
		Args: cobra.NoArgs,
	}
	var force bool
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented config file with every default",
		Long: `init writes the config file with every setting commented out at its
default value, creating its folder (mode 0700) and the file (mode 0600),
and prints the file's path. It refuses to overwrite an existing file
unless --force is given.`,
		Example: `  smhbin config init
  smhbin config init --force                   # start over from the defaults
  smhbin --config ~/work/smhbin.toml config init`,
		Args: cobra.NoArgs,
		RunE: a.runE(func(cmd *cobra.Command, _ []string) error { return a.configInit(cmd, force) }),
	}
	initCmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	pathCmd := &cobra.Command{
		Use:   "path",
		Short: "Print the config file's path and check it",
		Long: `path prints the path of the config file smhbin reads on stdout, and on
stderr whether it exists and whether its settings are valid. A file with
a mistake makes it exit with code 2 and say which line is wrong.`,
		Example: `  smhbin config path
  smhbin --config ./team.toml config path`,
		Args: cobra.NoArgs,
		RunE: a.runE(a.configPath),
	}
	cmd.AddCommand(initCmd, pathCmd)
	return cmd
}

// configFilePath is the config file for this invocation, or a usage
// error when there is nowhere to look.
func (a *app) configFilePath(cmd *cobra.Command) (string, error) {
	path := configPath(a.flags.Config, a.getenv)
	if path == "" {
		return "", &usageError{msg: "neither XDG_CONFIG_HOME nor HOME is set: name the config file with --config PATH", cmdPath: cmd.CommandPath()}
	}
	return path, nil
}

func (a *app) configInit(cmd *cobra.Command, force bool) error {
	path, err := a.configFilePath(cmd)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return configErrorf("cannot create the config folder: %v", describePathError(err))
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return configErrorf("%s already exists: edit it, or give --force to replace it with the defaults", cleanText(path))
	}
	if err != nil {
		return configErrorf("cannot write the config file: %v", describePathError(err))
	}
	_, werr := f.WriteString(defaultConfigText())
	cerr := f.Chmod(0o600) // an overwritten file keeps its old mode otherwise
	if err := errors.Join(werr, cerr, f.Close()); err != nil {
		return configErrorf("cannot write the config file %s: %v", cleanText(path), err)
	}
	fmt.Fprintln(a.stdout, path)
	fmt.Fprintln(a.stderr, "smhbin: wrote a config file with every setting commented out at its default; uncomment a line to change it")
	return nil
}

func (a *app) configPath(cmd *cobra.Command, _ []string) error {
	path, err := a.configFilePath(cmd)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, path)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(a.stderr, "smhbin: the file does not exist, so the defaults apply; smhbin config init creates it")
		return nil
	}
	if _, err := loadConfigFile(path, a.getenv); err != nil {
		return err
	}
	fmt.Fprintln(a.stderr, "smhbin: the file exists and its settings are valid")
	return nil
}

// documentBuiltins gives cobra's own help and completion commands
// examples, like every other command.
func documentBuiltins(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = "  smhbin help restore\n  smhbin help config init"
		case "completion":
			c.Example = `  source <(smhbin completion bash)                                 # bash, this shell
  smhbin completion zsh > "${fpath[1]}/_smhbin"                    # zsh
  smhbin completion fish > ~/.config/fish/completions/smhbin.fish  # fish`
			for _, sh := range c.Commands() {
				sh.Example = "  smhbin completion " + sh.Name() + " --help   # how to install it"
			}
		}
	}
}

// defaultConfigText is the file config init writes: every setting,
// commented out at its default, with what it means.
func defaultConfigText() string {
	d := defaultFlags()
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("# smhbin configuration (TOML).")
	line("#")
	line("# Every setting is shown commented out at its default: delete the leading")
	line("# \"# \" to change one. Command-line flags beat environment variables, which")
	line("# beat this file, which beats the defaults. \"smhbin config path\" checks it.")
	line("")
	line("# SMH API base URL, or your library's own domain (env %s).", envEndpoint)
	line("# endpoint = %s", tomlQuote(d.Endpoint))
	line("")
	line("# Media library id (env %s); without one smhbin opens its demo library.", envLibrary)
	line("# library = \"\"")
	line("")
	line("# Tenant space; \"-\" for a single-tenant library (env %s).", envSpace)
	line("# space = %s", tomlQuote(d.Space))
	line("")
	line("# File that holds the access token, mode 0600 (env %s wins over it).", envToken)
	line("# \"~/\" is your home folder; a relative path is relative to this file's folder.")
	line("# The token itself is never accepted in this file.")
	line("# token_file = \"token\"")
	line("")
	line("# Acting user, for an admin token issued without one (env %s).", envUserID)
	line("# user_id = \"\"")
	line("")
	line("# Items per list request, 1-%d.", maxPageSize)
	line("# page_size = %d", d.PageSize)
	line("")
	line("# Sort: %s, %s, %s, %s or %s.", api.OrderByName, api.OrderByModificationTime, api.OrderBySize, api.OrderByRemovalTime, api.OrderByRemainingTime)
	line("# order_by = %s", tomlQuote(d.OrderBy))
	line("")
	line("# Sort direction: %s or %s.", api.OrderAsc, api.OrderDesc)
	line("# order = %s", tomlQuote(d.Order))
	line("")
	line("# When an item's folder is gone: %s (fail) or %s (restore into the space root).", api.OriginalPath, api.FallbackToRoot)
	line("# restore_path = %s", tomlQuote(d.RestorePath))
	line("")
	line("# Never restore anything.")
	line("# read_only = false")
	line("")
	line("# No colours (the environment's NO_COLOR does the same, but this file wins over it).")
	line("# no_color = false")
	line("")
	line("# Terminal UI, batch view (b): a pause of more than this between two removals")
	line("# starts a new deletion batch. A duration such as \"90s\", \"2m\" or \"1h\",")
	line("# %s-%s (no environment variable).", shortDuration(minBatchGap), shortDuration(maxBatchGap))
	line("# batch_gap = %s", tomlQuote(shortDuration(d.BatchGap)))
	line("")
	line("# Terminal UI, expiring filter (e) and \"expire soon\" counts: items with at")
	line("# most this many days left, 1-%d (no environment variable).", maxExpiringDays)
	line("# expiring_days = %d", d.ExpiringDays)
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

// tomlQuote writes s as a TOML basic string; the values quoted here are
// printable ASCII, so escaping \ and " is enough.
func tomlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
