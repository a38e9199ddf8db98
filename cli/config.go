package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"smhbin/config"
)

// Config is the resolved configuration of one invocation (see package
// config) with the debug log the command writes to.
type Config struct {
	config.Config
	Log *debugLog // opened from LogFile; nil: no log
}

// configKey keys the resolved Config in a command's context.
type configKey struct{}

// resolveHook is a PersistentPreRunE: it resolves the configuration once,
// for commands that use it, and hands it to them through the context.
// insecureDemo forces the demo library, read-only (serve --insecure-demo).
func (a *app) resolveHook(insecureDemo *bool) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		if cmd.Annotations[needsConfig] == "" {
			return nil
		}
		if insecureDemo != nil && *insecureDemo {
			// Anyone who can reach the port gets in, so nothing real is
			// shown and nothing can be changed.
			a.settings.ForceDemoReadOnly()
		}
		cfg, err := a.resolve(cmd)
		if err != nil {
			return err
		}
		if err := requireToken(cmd, &cfg); err != nil {
			return err
		}
		cmd.SetContext(context.WithValue(cmd.Context(), configKey{}, &cfg))
		return nil
	}
}

// needsConfig is the annotation of the commands that use the resolved
// configuration; the others (config, fake-server, help, completion) must
// work with a broken one.
const needsConfig = "smhbin/config"

// usesConfig marks cmd as a command that uses the resolved configuration
// and registers the flags of the settings whose scope includes scope.
func (a *app) usesConfig(cmd *cobra.Command, scope config.Command) *cobra.Command {
	a.addSettingFlags(cmd, cmd.Flags(), scope)
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[needsConfig] = "yes"
	return cmd
}

// configOf is the configuration resolved for cmd, or nil.
func configOf(cmd *cobra.Command) *Config {
	if cmd == nil || cmd.Context() == nil {
		return nil
	}
	cfg, _ := cmd.Context().Value(configKey{}).(*Config)
	return cfg
}

// withConfig runs f with the resolved configuration.
func withConfig(f func(cmd *cobra.Command, args []string, cfg Config) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		cfg := configOf(cmd)
		if cfg == nil {
			return fmt.Errorf("%s: the configuration was not resolved", cmd.CommandPath())
		}
		return f(cmd, args, *cfg)
	}
}

// resolve resolves the configuration for cmd, opens the debug log and
// prints any warning.
func (a *app) resolve(cmd *cobra.Command) (Config, error) {
	c, warnings, err := a.settings.Resolve(cmd.Flags().Changed, a.getenv, a.stdin)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{Config: c}
	if cfg.LogFile != "" {
		l, w, err := openDebugLog(cfg.LogFile)
		if err != nil {
			return Config{}, err
		}
		a.log, warnings = l, append(warnings, w...)
		a.log.hide(cfg.Token)
		a.log.printf("smhbin %s %s: %s config=%q", version(), cmd.CommandPath(), cfg.Config, cfg.ConfigFile)
	}
	cfg.Log = a.log
	for _, w := range warnings {
		fmt.Fprintln(a.stderr, "smhbin: "+w)
	}
	return cfg, nil
}

// errNoToken is the sentence for a real library without a token: said
// before any request, rather than the server's InvalidAccessToken.
const errNoToken = "no access token: set SMH_ACCESS_TOKEN or --token-file"

// requireToken refuses to talk to a real library without an access token.
//
// SMH lets a public-read library's read calls omit the token (smh-api.md
// §1.2), so a forgotten token and a public library look alike from here.
// Browsing without one therefore takes an explicit opt-in, public_read
// (--public-read), on the commands that only read (list, the terminal UI
// and serve); the UI is then read-only. Restoring is never a read call:
// restore does not take the flag and always needs a token. A missing
// token exits 4, as a rejected one does, so a script handles both alike.
func requireToken(cmd *cobra.Command, cfg *Config) error {
	if cfg.Demo || cfg.Token != "" {
		return nil
	}
	if cmd.Flags().Lookup("public-read") == nil {
		if cfg.PublicRead {
			return &authError{msg: errNoToken + " (restoring needs one even from a public-read library)"}
		}
		return &authError{msg: errNoToken}
	}
	if !cfg.PublicRead {
		return &authError{msg: errNoToken + " (or --public-read for a public-read library)"}
	}
	cfg.ReadOnly = true
	return nil
}

// configError is a configuration mistake: exit code 2 with its sentence.
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

func configErrorf(format string, args ...any) error {
	return &configError{msg: fmt.Sprintf(format, args...)}
}
