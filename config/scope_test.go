package config

import (
	"io"
	"testing"

	"github.com/spf13/pflag"
)

// Every setting applies to some command, and AddFlags registers a flag on
// exactly the commands of its scope.
func TestAddFlagsFollowsTheScope(t *testing.T) {
	for _, cmd := range []Command{TUI, Serve, List, Restore, ConfigCmd} {
		s := New()
		fs := pflag.NewFlagSet(cmd.String(), pflag.ContinueOnError)
		fs.SetOutput(io.Discard)
		s.AddFlags(fs, cmd)
		for _, r := range s.Settings() {
			if r.Scope == 0 {
				t.Errorf("--%s applies to no command", r.Flag)
			}
			if got, want := fs.Lookup(r.Flag) != nil, r.Scope&cmd != 0; got != want {
				t.Errorf("%s: --%s registered %t, want %t (scope %s)", cmd, r.Flag, got, want, r.Scope)
			}
		}
	}
	if got := (TUI | List | ConfigCmd).String(); got != "smhbin, list, config" {
		t.Errorf("Command.String() = %q", got)
	}
}
