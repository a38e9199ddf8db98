package config

import (
	"testing"
	"time"
)

// batch_gap and expiring_days follow the other settings: a flag beats the
// file, which beats the default. No environment variable sets them.
func TestResolveBatchGapAndExpiringDays(t *testing.T) {
	fileEnv, _ := writeConfig(t, "batch_gap = \" 90s \"\nexpiring_days = 10\n")
	edgesEnv, _ := writeConfig(t, "batch_gap = \"24h\"\nexpiring_days = 365\n")
	noFile := map[string]string{EnvXDGConfigHome: t.TempDir()}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantGap  time.Duration
		wantDays int64
	}{
		{"defaults", nil, noFile, time.Minute, 3},
		{"the file beats the defaults", nil, fileEnv, 90 * time.Second, 10},
		{"the file's limits are allowed", nil, edgesEnv, 24 * time.Hour, 365},
		{"flags beat the file", []string{"--batch-gap", "2h", "--expiring-days", "30"}, fileEnv, 2 * time.Hour, 30},
		{"flags beat the file even when they repeat the default", []string{"--batch-gap", "1m", "--expiring-days", "3"}, fileEnv, time.Minute, 3},
		{"one flag, the other from the file", []string{"--expiring-days", "1"}, fileEnv, 90 * time.Second, 1},
		{"the flags' limits are allowed", []string{"--batch-gap", "1s", "--expiring-days", "1"}, noFile, time.Second, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := resolve(t, tt.args, copyEnv(tt.env, EnvLibrary, "smh1"), nil)
			if err != nil {
				t.Fatalf("resolve: %v", err)
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
		args []string
		want string
	}{
		{"gap 0", []string{"--batch-gap", "0s"}, `--batch-gap must be between 1s and 24h, not "0s"`},
		{"gap under a second", []string{"--batch-gap", "999ms"}, `--batch-gap must be between 1s and 24h, not "999ms"`},
		{"gap negative", []string{"--batch-gap=-1m"}, `--batch-gap must be between 1s and 24h, not "-1m"`},
		{"gap over a day", []string{"--batch-gap", "25h"}, `--batch-gap must be between 1s and 24h, not "25h"`},
		{"gap not a duration", []string{"--batch-gap", "soon"}, `--batch-gap must be a duration such as "90s" or "2m", not "soon"`},
		{"days 0", []string{"--expiring-days", "0"}, "--expiring-days must be between 1 and 365, not 0"},
		{"days 366", []string{"--expiring-days", "366"}, "--expiring-days must be between 1 and 365, not 366"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := resolve(t, tt.args, map[string]string{EnvLibrary: "smh1"}, nil)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second: "1s", time.Minute: "1m", 90 * time.Second: "1m30s", 24 * time.Hour: "24h",
		time.Hour + 30*time.Second: "1h0m30s", 90 * time.Minute: "1h30m", 999 * time.Millisecond: "999ms", 0: "0s",
	} {
		if got := ShortDuration(d); got != want {
			t.Errorf("ShortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
