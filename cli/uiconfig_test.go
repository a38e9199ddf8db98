package cli

import (
	"strings"
	"testing"
	"time"

	"smhbin/sshserve/sshtest"
)

// batch_gap and expiring_days follow the other settings: a flag beats the
// file, which beats the default. No environment variable sets them.
func TestResolveBatchGapAndExpiringDays(t *testing.T) {
	fileEnv, _ := writeConfig(t, "batch_gap = \" 90s \"\nexpiring_days = 10\n")
	edgesEnv, _ := writeConfig(t, "batch_gap = \"24h\"\nexpiring_days = 365\n")
	noFile := map[string]string{envXDGConfigHome: t.TempDir()}
	both := map[string]bool{"batch-gap": true, "expiring-days": true}
	tests := []struct {
		name     string
		flags    Flags
		env      map[string]string
		wantGap  time.Duration
		wantDays int64
	}{
		{"defaults", flagsWith(nil, nil), noFile, time.Minute, 3},
		{"the file beats the defaults", flagsWith(nil, nil), fileEnv, 90 * time.Second, 10},
		{"the file's limits are allowed", flagsWith(nil, nil), edgesEnv, 24 * time.Hour, 365},
		{"flags beat the file", flagsWith(both, func(f *Flags) { f.BatchGap, f.ExpiringDays = 2*time.Hour, 30 }), fileEnv, 2 * time.Hour, 30},
		{"flags beat the file even when they repeat the default", flagsWith(both, nil), fileEnv, time.Minute, 3},
		{"one flag, the other from the file", flagsWith(map[string]bool{"expiring-days": true}, func(f *Flags) { f.ExpiringDays = 1 }), fileEnv, 90 * time.Second, 1},
		{"the flags' limits are allowed", flagsWith(both, func(f *Flags) { f.BatchGap, f.ExpiringDays = time.Second, 1 }), noFile, time.Second, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := Resolve(tt.flags, getenvFrom(copyEnv(tt.env, envLibrary, "smh1")), nil)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if cfg.BatchGap != tt.wantGap || cfg.ExpiringDays != tt.wantDays {
				t.Errorf("BatchGap %v, ExpiringDays %d; want %v, %d", cfg.BatchGap, cfg.ExpiringDays, tt.wantGap, tt.wantDays)
			}
		})
	}
}

func TestResolveBatchGapAndExpiringDaysErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Flags)
		want string
	}{
		{"gap 0", func(f *Flags) { f.BatchGap = 0 }, "--batch-gap must be between 1s and 24h, not 0s"},
		{"gap under a second", func(f *Flags) { f.BatchGap = 999 * time.Millisecond }, "--batch-gap must be between 1s and 24h, not 999ms"},
		{"gap negative", func(f *Flags) { f.BatchGap = -time.Minute }, "--batch-gap must be between 1s and 24h, not -1m"},
		{"gap over a day", func(f *Flags) { f.BatchGap = 25 * time.Hour }, "--batch-gap must be between 1s and 24h, not 25h"},
		{"days 0", func(f *Flags) { f.ExpiringDays = 0 }, "--expiring-days must be between 1 and 365, not 0"},
		{"days 366", func(f *Flags) { f.ExpiringDays = 366 }, "--expiring-days must be between 1 and 365, not 366"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Resolve(flagsWith(map[string]bool{"batch-gap": true, "expiring-days": true}, tt.edit), getenvFrom(map[string]string{envLibrary: "smh1"}), nil)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if _, code := describe(err, nil); code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
		})
	}
}

// The whole command refuses bad values with exit code 2 and one sentence,
// from the command line and from the file.
func TestBatchGapAndExpiringDaysExit2(t *testing.T) {
	env := map[string]string{envLibrary: "smh1", envEndpoint: "http://127.0.0.1:1"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--batch-gap", "soon", "list"}, `invalid argument "soon" for "--batch-gap" flag`},
		{[]string{"--batch-gap", "0", "list"}, "smhbin: --batch-gap must be between 1s and 24h, not 0s\n"},
		{[]string{"--expiring-days", "many", "list"}, `invalid argument "many" for "--expiring-days" flag`},
		{[]string{"--expiring-days", "400", "list"}, "smhbin: --expiring-days must be between 1 and 365, not 400\n"},
	} {
		r := runCLI(t, env, "", c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
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
	cfg, _, err := Resolve(flagsWith(nil, nil), getenvFrom(env), nil)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
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

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second: "1s", time.Minute: "1m", 90 * time.Second: "1m30s", 24 * time.Hour: "24h",
		time.Hour + 30*time.Second: "1h0m30s", 90 * time.Minute: "1h30m", 999 * time.Millisecond: "999ms", 0: "0s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
