package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/termimg"
)

func TestResolvePrecedence(t *testing.T) {
	env := map[string]string{
		EnvEndpoint: "https://env.example.com/",
		EnvLibrary:  "smhenv",
		EnvSpace:    "spaceenv",
		EnvToken:    "  env-token \n",
		EnvUserID:   "userenv",
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want Config
	}{
		{
			name: "defaults",

			env: map[string]string{EnvLibrary: "smh1"},
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smh1", SpaceID: "-", PageSize: 100,
				OrderBy: "removalTime", Order: "desc", Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath, Preview: termimg.ModeAuto},
		},
		{
			name: "environment beats defaults",

			env: env,
			want: Config{Endpoint: "https://env.example.com", LibraryID: "smhenv", SpaceID: "spaceenv", Token: "env-token",
				UserID: "userenv", PageSize: 100, OrderBy: "removalTime", Order: "desc", Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath, Preview: termimg.ModeAuto},
		},
		{
			name: "flags beat environment, even when they repeat the default",
			args: []string{"--endpoint", "https://api.tencentsmh.cn", "--library", "smhflag", "--space", "-", "--user-id", "userflag",
				"--page-size", "1000", "--order-by", "size", "--order", "asc", "--restore-path", "fallbackToRoot"},
			env: env,
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smhflag", SpaceID: "-", Token: "env-token", UserID: "userflag",
				PageSize: 1000, OrderBy: "size", Order: "asc", Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.FallbackToRoot, Preview: termimg.ModeAuto},
		},
		{
			name: "no library means demo, and no token is read",

			env: map[string]string{EnvToken: "tok"},
			want: Config{Endpoint: api.DefaultEndpoint, SpaceID: "-", PageSize: 100, OrderBy: "removalTime", Order: "desc",
				Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath, Demo: true, Preview: termimg.ModeAuto},
		},
		{
			name: "--demo wins over a configured library; NO_COLOR is honoured",
			args: []string{"--demo", "--seed", "7"},
			env:  map[string]string{EnvLibrary: "smh1", EnvToken: "tok", EnvNoColor: "1"},
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smh1", SpaceID: "-", PageSize: 100, OrderBy: "removalTime",
				Order: "desc", Seed: 7, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath, Demo: true, NoColor: true, Preview: termimg.ModeAuto},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := resolve(t, tt.args, tt.env, nil)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if got != tt.want {
				t.Errorf("Resolve =\n %#v\nwant\n %#v (token equal: %t)", got, tt.want, got.Token == tt.want.Token)
			}
			if len(warnings) != 0 {
				t.Errorf("unexpected warnings %q", warnings)
			}
		})
	}
}

func TestResolveTokenFile(t *testing.T) {
	dir := t.TempDir()
	private := filepath.Join(dir, "private")
	shared := filepath.Join(dir, "shared")
	if err := os.WriteFile(private, []byte("file-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shared, []byte("shared-token-value"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvLibrary: "smh1", EnvToken: "env-token"}
	tests := []struct {
		file, stdin, want string
		warn              bool
	}{
		{file: private, want: "file-token"},
		{file: shared, want: "shared-token-value", warn: true},
		{file: "-", stdin: "  stdin-token\n", want: "stdin-token"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			cfg, warnings, err := resolve(t, []string{"--token-file", tt.file}, env, strings.NewReader(tt.stdin))
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if cfg.Token != tt.want {
				t.Errorf("token %q, want %q (the file beats SMH_ACCESS_TOKEN)", cfg.Token, tt.want)
			}
			if got := len(warnings) == 1 && strings.Contains(warnings[0], "readable by others"); got != tt.warn {
				t.Errorf("warnings %q, want a permission warning: %t", warnings, tt.warn)
			}
			for _, w := range warnings {
				if strings.Contains(w, tt.want) {
					t.Errorf("warning %q shows the token", w)
				}
			}
		})
	}
}

func TestConfigStringHidesToken(t *testing.T) {
	cfg := Config{Endpoint: "https://x", LibraryID: "smh1", Token: "very-secret-token"}
	for _, s := range []string{cfg.String(), cfg.GoString()} {
		if strings.Contains(s, cfg.Token) || !strings.Contains(s, "token=set") {
			t.Errorf("%q: want token=set and no token text", s)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte(" \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"page size 0", []string{"--page-size", "0"}, nil, "--page-size must be between 1 and 1000, not 0"},
		{"page size 1001", []string{"--page-size=1001"}, nil, "--page-size must be between 1 and 1000"},
		{"page size a word", []string{"--page-size", "many"}, nil, `--page-size must be a whole number between 1 and 1000, not "many"`},
		{"order by", []string{"--order-by", "colour"}, nil, `--order-by must be one of name, modificationTime, size, removalTime, remainingTime, not "colour"`},
		{"order", []string{"--order", "up"}, nil, "--order must be one of asc, desc"},
		{"restore path", []string{"--restore-path", "home"}, nil, "--restore-path must be one of"},
		{"preview", []string{"--preview", "png"}, nil, `--preview must be one of auto, kitty, iterm2, sixel, blocks, off, not "png"`},
		{"preview from the environment", nil, map[string]string{EnvPreview: "on"}, `SMH_PREVIEW must be one of auto`},
		{"empty space", []string{"--space", ""}, nil, "--space must not be empty"},
		{"endpoint flag", []string{"--endpoint", "ftp://x"}, nil, `--endpoint must be an http(s) URL such as https://api.tencentsmh.cn, not "ftp://x"`},
		{"endpoint scheme", nil, map[string]string{EnvEndpoint: "ftp://x"}, "SMH_ENDPOINT must be an http(s) URL"},
		{"space from the environment", nil, map[string]string{EnvSpace: " "}, ""},
		{"missing token file", []string{"--token-file", filepath.Join(dir, "nope")}, nil, "cannot read the token file"},
		{"empty token file", []string{"--token-file", empty}, nil, "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := copyEnv(tt.env, EnvLibrary, "smh1")
			_, _, err := resolve(t, tt.args, env, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want an *Error containing %q", err, tt.want)
			}
		})
	}
}

func TestPlainHTTPWarningNeedsARealLoopback(t *testing.T) {
	for host, warn := range map[string]bool{
		"127.0.0.1": false, "localhost": false, "[::1]": false,
		"127.attacker.example": true, "example.com": true,
	} {
		_, w, err := resolve(t, []string{"--endpoint", "http://" + host + ":8080"}, map[string]string{EnvLibrary: "smh1"}, nil)
		if err != nil || (len(w) > 0) != warn {
			t.Errorf("%s: warnings %q, err %v; want warning=%v", host, w, err, warn)
		}
	}
}

// The token is a secret: no setting of the table takes it (only
// SMH_ACCESS_TOKEN or a token file), and no mistake repeats it.
func TestTokenIsNoSettingAndNeverInErrors(t *testing.T) {
	const secret = "acctk-very-secret-42"
	for _, r := range New().Settings() {
		if r.Flag == "token" || r.Key == "token" || (r.Env == EnvToken && r.Flag != "token-file") {
			t.Errorf("setting %+v carries the token itself", r.Flag)
		}
	}
	tokenFile := filepath.Join(t.TempDir(), "tok")
	if err := os.WriteFile(tokenFile, []byte(secret+" "+secret), 0o600); err != nil {
		t.Fatal(err)
	}
	fileEnv, _ := writeConfig(t, "token = \""+secret+"\"\n")
	for _, c := range []struct {
		args []string
		env  map[string]string
	}{
		{[]string{"--page-size", "0"}, map[string]string{EnvToken: secret}},
		{[]string{"--order", "up"}, map[string]string{EnvToken: secret}},
		{[]string{"--token-file", tokenFile}, nil},
		{nil, fileEnv},
	} {
		_, _, err := resolve(t, c.args, copyEnv(c.env, EnvLibrary, "smh1"), nil)
		if err == nil {
			t.Errorf("%q: no error", c.args)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%q: the error shows the token: %v", c.args, err)
		}
	}
}
