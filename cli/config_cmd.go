package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"smhbin/config"
	"smhbin/safe"
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
		// Runnable, so that a mistyped subcommand (config inti) is
		// refused with a suggestion rather than answered with help.
		Args:                       noArgs,
		RunE:                       func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		SuggestionsMinimumDistance: 2, // cobra sets it on the root command only
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
		RunE: func(cmd *cobra.Command, _ []string) error { return a.configInit(cmd, force) },
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
		RunE: a.configPath,
	}
	cmd.AddCommand(initCmd, pathCmd)
	return cmd
}

// configFilePath is the config file for this invocation, or a usage
// error when there is nowhere to look.
func (a *app) configFilePath(cmd *cobra.Command) (string, error) {
	path := config.Path(a.settings.ConfigFlag(), a.getenv)
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
		return configErrorf("%s already exists: edit it, or give --force to replace it with the defaults", safe.Text(path))
	}
	if err != nil {
		return configErrorf("cannot write the config file: %v", describePathError(err))
	}
	_, werr := f.WriteString(config.Template())
	cerr := f.Chmod(0o600) // an overwritten file keeps its old mode otherwise
	if err := errors.Join(werr, cerr, f.Close()); err != nil {
		return configErrorf("cannot write the config file %s: %v", safe.Text(path), err)
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
	if _, err := config.Load(path, a.getenv); err != nil {
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
			c.Example = `  source <(smhbin completion bash)                                 # bash (needs bash-completion), this shell
  smhbin completion zsh > "${fpath[1]}/_smhbin"                    # zsh
  smhbin completion fish > ~/.config/fish/completions/smhbin.fish  # fish`
			for _, sh := range c.Commands() {
				sh.Example = "  smhbin completion " + sh.Name() + " --help   # how to install it"
			}
		}
	}
}

// describePathError keeps an *os.PathError's operation and reason, without
// any file content; the key and log files use it as the config file does.
func describePathError(err error) string { return config.DescribePathError(err) }
