package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"smhbin/api"
)

func flagsWith(changed map[string]bool, edit func(*Flags)) Flags {
	f := defaultFlags()
	if edit != nil {
		edit(&f)
	}
	f.Changed = changed
	return f
}

func TestResolvePrecedence(t *testing.T) {
	env := map[string]string{
		envEndpoint: "https://env.example.com/",
		envLibrary:  "smhenv",
		envSpace:    "spaceenv",
		envToken:    "  env-token \n",
		envUserID:   "userenv",
	}
	tests := []struct {
		name  string
		flags Flags
		env   map[string]string
		want  Config
	}{
		{
			name:  "defaults",
			flags: flagsWith(nil, nil),
			env:   map[string]string{envLibrary: "smh1"},
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smh1", SpaceID: "-", PageSize: 100,
				OrderBy: "removalTime", Order: "desc", Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath},
		},
		{
			name:  "environment beats defaults",
			flags: flagsWith(nil, nil),
			env:   env,
			want: Config{Endpoint: "https://env.example.com", LibraryID: "smhenv", SpaceID: "spaceenv", Token: "env-token",
				UserID: "userenv", PageSize: 100, OrderBy: "removalTime", Order: "desc", Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath},
		},
		{
			name: "flags beat environment, even when they repeat the default",
			flags: flagsWith(map[string]bool{"endpoint": true, "library": true, "space": true, "user-id": true, "page-size": true, "order-by": true, "order": true, "restore-path": true},
				func(f *Flags) {
					f.Library, f.UserID, f.PageSize, f.OrderBy, f.Order, f.RestorePath = "smhflag", "userflag", 1000, "size", "asc", "fallbackToRoot"
				}),
			env: env,
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smhflag", SpaceID: "-", Token: "env-token", UserID: "userflag",
				PageSize: 1000, OrderBy: "size", Order: "asc", Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.FallbackToRoot},
		},
		{
			name:  "no library means demo, and no token is read",
			flags: flagsWith(nil, nil),
			env:   map[string]string{envToken: "tok"},
			want: Config{Endpoint: api.DefaultEndpoint, SpaceID: "-", PageSize: 100, OrderBy: "removalTime", Order: "desc",
				Seed: 1, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath, Demo: true},
		},
		{
			name:  "--demo wins over a configured library; NO_COLOR is honoured",
			flags: flagsWith(map[string]bool{"demo": true, "seed": true}, func(f *Flags) { f.Demo, f.Seed = true, 7 }),
			env:   map[string]string{envLibrary: "smh1", envToken: "tok", envNoColor: "1"},
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smh1", SpaceID: "-", PageSize: 100, OrderBy: "removalTime",
				Order: "desc", Seed: 7, BatchGap: time.Minute, ExpiringDays: 3, RestorePath: api.OriginalPath, Demo: true, NoColor: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Resolve(tt.flags, getenvFrom(tt.env), nil)
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
	env := map[string]string{envLibrary: "smh1", envToken: "env-token"}
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
			f := flagsWith(map[string]bool{"token-file": true}, func(f *Flags) { f.TokenFile = tt.file })
			cfg, warnings, err := Resolve(f, getenvFrom(env), strings.NewReader(tt.stdin))
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
		edit func(*Flags)
		env  map[string]string
		want string
	}{
		{"page size 0", func(f *Flags) { f.PageSize = 0 }, nil, "--page-size must be between 1 and 1000"},
		{"page size 1001", func(f *Flags) { f.PageSize = 1001 }, nil, "--page-size must be between 1 and 1000"},
		{"order by", func(f *Flags) { f.OrderBy = "colour" }, nil, "--order-by must be one of"},
		{"order", func(f *Flags) { f.Order = "up" }, nil, "--order must be one of asc, desc"},
		{"restore path", func(f *Flags) { f.RestorePath = "home" }, nil, "--restore-path must be one of"},
		{"empty space", func(f *Flags) { f.Space = "" }, nil, "--space must not be empty"},
		{"endpoint scheme", nil, map[string]string{envEndpoint: "ftp://x"}, "--endpoint must be an http(s) URL"},
		{"missing token file", func(f *Flags) { f.TokenFile = filepath.Join(dir, "nope") }, nil, "cannot read the token file"},
		{"empty token file", func(f *Flags) { f.TokenFile = empty }, nil, "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := copyEnv(tt.env, envLibrary, "smh1")
			f := flagsWith(map[string]bool{"space": true}, tt.edit)
			_, _, err := Resolve(f, getenvFrom(env), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if _, code := describe(err, nil); code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
		})
	}
}

// Bad flag values reach the user as one sentence and exit code 2, without
// cobra's usage dump.
func TestConfigErrorsExit2(t *testing.T) {
	tests := [][]string{
		{"--page-size", "0", "list"},
		{"list", "--order-by", "colour"},
		{"--order", "sideways", "list"},
		{"restore", "--restore-path", "home", "1"},
		{"list", "--no-such-flag"},
		{"lsit"},
		{"restore"},
		{"restore", "12x"},
		{"restore", "--chunk", "0", "1"},
		{"list", "--limit", "-1"},
		{"fake-server", "--marker-style", "roman"},
		{"--token-file", "-", "restore", "-"},
		{"restore", "--concurrency", "33", "1"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, map[string]string{envLibrary: "smh1", envEndpoint: "http://127.0.0.1:1"}, "", args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "smhbin: ") || strings.Contains(r.stderr, "Flags:") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("stderr should be one sentence without usage dump: %q", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}
