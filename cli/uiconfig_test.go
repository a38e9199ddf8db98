package cli

import (
	"strings"
	"testing"
	"time"

	"smhbin/config"
	"smhbin/sshserve/sshtest"
	"smhbin/ui"
)

// The whole command refuses bad values with exit code 2 and one sentence,
// from the command line and from the file.
func TestBatchGapAndExpiringDaysExit2(t *testing.T) {
	env := map[string]string{envLibrary: "smh1", envEndpoint: "http://127.0.0.1:1"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--batch-gap", "soon", "serve"}, "smhbin: --batch-gap must be a duration such as \"90s\" or \"2m\", not \"soon\"\n"},
		{[]string{"--batch-gap", "0", "serve"}, "smhbin: --batch-gap must be between 1s and 24h, not \"0\"\n"},
		{[]string{"--expiring-days", "many", "serve"}, "smhbin: --expiring-days must be a whole number between 1 and 365, not \"many\"\n"},
		{[]string{"--expiring-days", "400", "serve"}, "smhbin: --expiring-days must be between 1 and 365, not 400\n"},
	} {
		r := runCLI(t, env, "", c.args...)
		if r.code != exitUsage || r.stderr != c.want || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
	fileEnv, path := writeConfig(t, "# team settings\nlibrary = \"smh1\"\nbatch_gap = \"soon\"\n")
	r := runCLI(t, copyEnv(fileEnv, envEndpoint, "http://127.0.0.1:1"), "", "list")
	want := "smhbin: in config file " + path + `, line 3: batch_gap must be a duration such as "90s" or "2m", not "soon"` + "\n"
	if r.code != exitUsage || r.stderr != want {
		t.Errorf("exit %d\nstderr %q\nwant   %q", r.code, r.stderr, want)
	}
}

// uiOptions hands the resolved values to the UI, and leaves them zero (the
// UI's own defaults) for a Config that was not resolved.
func TestUIOptionsCarryBatchGapAndExpiringDays(t *testing.T) {
	env, _ := writeConfig(t, "batch_gap = \"2m30s\"\nexpiring_days = 14\n")
	cfg := resolveConfig(t, env)
	o := uiOptions(t.Context(), cfg, nil, &strings.Builder{}, getenvFrom(nil))
	if o.BatchGap != 150*time.Second || o.ExpiringDays != 14 {
		t.Errorf("uiOptions: BatchGap %v, ExpiringDays %d; want 2m30s, 14", o.BatchGap, o.ExpiringDays)
	}
	o = uiOptions(t.Context(), Config{}, nil, &strings.Builder{}, getenvFrom(nil))
	if o.BatchGap != 0 || o.ExpiringDays != 0 {
		t.Errorf("uiOptions of a zero Config: BatchGap %v, ExpiringDays %d; want zero", o.BatchGap, o.ExpiringDays)
	}
}

// An SSH session's UI is built by uiOptions too, so it honours the
// server's --expiring-days.
func TestServeSessionUsesExpiringDays(t *testing.T) {
	rs := startServe(t, nil, "--insecure-demo", "--expiring-days", "9")
	c, err := sshtest.Dial(t, rs.addr, rs.hostKey, "alice", sshtest.NewClientKey(t))
	if err != nil {
		t.Fatal(err)
	}
	term := sshtest.OpenTerminal(t, c, 120, 40)
	term.Out.WaitFor(t, 0, "NAME")
	mark := term.Out.Mark()
	term.Press(t, "e")
	term.Out.WaitFor(t, mark, "showing items with ≤9d left")
	term.Press(t, "q")
	if err := term.WaitEnd(t); err != nil {
		t.Errorf("q should end the session with status 0, got %v", err)
	}
}

// The UI falls back to its own defaults for a zero option; they must be
// the table's, or a TUI started without the CLI would behave differently.
func TestUIDefaultsAreTheTables(t *testing.T) {
	if ui.DefaultBatchGap != config.DefaultBatchGap || ui.DefaultExpiringDays != config.DefaultExpiringDays {
		t.Errorf("ui defaults %v, %d; config's %v, %d", ui.DefaultBatchGap, ui.DefaultExpiringDays, config.DefaultBatchGap, config.DefaultExpiringDays)
	}
}
