package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"smhbin/api"
	"smhbin/termimg"
	"smhbin/theme"
)

// fileSettings sets every scalar; token_file is relative to the file.
const fileSettings = `# a team's settings
endpoint = "https://file.example.com"
library = "smhfile"
space = "spacefile"
token_file = "token"
user_id = "userfile"
page_size = 250
order_by = "size"
order = "asc"
restore_path = "fallbackToRoot"
read_only = true
no_color = true
batch_gap = "5m"
expiring_days = 7
preview = "blocks"
`

func TestResolvePrecedenceWithConfigFile(t *testing.T) {
	env, path := writeConfig(t, fileSettings)
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "token"), []byte("file-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile := Config{Endpoint: "https://file.example.com", LibraryID: "smhfile", SpaceID: "spacefile", Token: "file-token",
		UserID: "userfile", PageSize: 250, OrderBy: "size", Order: "asc", Seed: 1, NoColor: true, ReadOnly: true,
		RestorePath: api.FallbackToRoot, BatchGap: 5 * time.Minute, ExpiringDays: 7, Preview: termimg.ModeBlocks, ConfigFile: path,
		TokenFile: filepath.Join(filepath.Dir(path), "token")}
	envVars := copyEnv(env, EnvEndpoint, "https://env.example.com", EnvLibrary, "smhenv", EnvSpace, "spaceenv",
		EnvToken, "env-token", EnvUserID, "userenv", EnvNoColor, "1", EnvPreview, "off")
	allFlags := []string{"--endpoint", "https://api.tencentsmh.cn", "--library", "smhflag", "--space", "spaceflag",
		"--user-id", "userflag", "--page-size", "100", "--order-by", "removalTime", "--order", "desc",
		"--restore-path", "originalPath", "--read-only=false", "--no-color=false", "--batch-gap", "1m", "--expiring-days", "3", "--preview", "auto"}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want Config
	}{
		{
			name: "defaults without a file",

			env: map[string]string{EnvXDGConfigHome: t.TempDir(), EnvLibrary: "smh1"},
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smh1", SpaceID: "-", PageSize: 100,
				OrderBy: "removalTime", Order: "desc", Seed: 1, RestorePath: api.OriginalPath, BatchGap: time.Minute, ExpiringDays: 3, Preview: termimg.ModeAuto},
		},
		{
			name: "the file beats defaults",

			env:  env,
			want: fromFile,
		},
		{
			name: "the environment beats the file, but the file's no_color beats NO_COLOR",

			env: envVars,
			want: Config{Endpoint: "https://env.example.com", LibraryID: "smhenv", SpaceID: "spaceenv", Token: "env-token",
				UserID: "userenv", PageSize: 250, OrderBy: "size", Order: "asc", Seed: 1, NoColor: true, ReadOnly: true,
				RestorePath: api.FallbackToRoot, BatchGap: 5 * time.Minute, ExpiringDays: 7, Preview: termimg.ModeOff, ConfigFile: path},
		},
		{
			name: "flags beat the environment and the file, even when they repeat the default",
			args: allFlags,
			env:  envVars,
			want: Config{Endpoint: api.DefaultEndpoint, LibraryID: "smhflag", SpaceID: "spaceflag", Token: "env-token",
				UserID: "userflag", PageSize: 100, OrderBy: "removalTime", Order: "desc", Seed: 1,
				RestorePath: api.OriginalPath, BatchGap: time.Minute, ExpiringDays: 3, Preview: termimg.ModeAuto, ConfigFile: path},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := resolve(t, tt.args, tt.env, nil)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if got != tt.want {
				t.Errorf("Resolve =\n %#v\nwant\n %#v (token equal: %t)", got, tt.want, got.Token == tt.want.Token)
			}
		})
	}
}

func TestConfigFileNoColorFalseBeatsNoColorEnv(t *testing.T) {
	env, _ := writeConfig(t, "no_color = false\n")
	cfg, _, err := resolve(t, nil, copyEnv(env, EnvNoColor, "1"), nil)
	if err != nil || cfg.NoColor {
		t.Fatalf("NoColor %t, err %v: no-color.org lets a config file override NO_COLOR", cfg.NoColor, err)
	}
	cfg, _, _ = resolve(t, nil, map[string]string{EnvNoColor: "1"}, nil)
	if !cfg.NoColor {
		t.Fatal("without a file, NO_COLOR turns colour off")
	}
}

func TestConfigFileLocation(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name string
		flag string
		env  map[string]string
		want string
	}{
		{"--config wins", "/etc/smhbin.toml", map[string]string{EnvXDGConfigHome: "/x", EnvHome: home}, "/etc/smhbin.toml"},
		{"XDG_CONFIG_HOME", "", map[string]string{EnvXDGConfigHome: "/x", EnvHome: home}, "/x/smhbin/config.toml"},
		{"a relative XDG_CONFIG_HOME is ignored", "", map[string]string{EnvXDGConfigHome: "rel", EnvHome: home}, filepath.Join(home, ".config/smhbin/config.toml")},
		{"HOME", "", map[string]string{EnvHome: home}, filepath.Join(home, ".config/smhbin/config.toml")},
		{"nowhere", "", nil, ""},
	}
	for _, tt := range tests {
		if got := Path(tt.flag, getenvFrom(tt.env)); got != tt.want {
			t.Errorf("%s: Path = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestConfigFileMissing(t *testing.T) {
	env := map[string]string{EnvHome: t.TempDir(), EnvLibrary: "smh1"}
	if _, _, err := resolve(t, nil, env, nil); err != nil {
		t.Fatalf("a missing default file should be no error: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "nope.toml")
	_, _, err := resolve(t, []string{"--config", missing}, env, nil)
	if err == nil || !strings.Contains(err.Error(), "cannot read the config file") || !strings.Contains(err.Error(), missing) {
		t.Fatalf("err = %v, want one naming the missing --config file", err)
	}
	if ce := (*Error)(nil); !errors.As(err, &ce) {
		t.Errorf("err %T, want an *Error (exit code 2)", err)
	}
}

func TestConfigFileTokenFilePaths(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "tok"), []byte("home-token"), 0o600); err != nil {
		t.Fatal(err)
	}
	env, _ := writeConfig(t, "library = \"smh1\"\ntoken_file = \"~/tok\"\n")
	env[EnvHome] = home
	cfg, _, err := resolve(t, nil, env, nil)
	if err != nil || cfg.Token != "home-token" {
		t.Fatalf("token %q, err %v: ~/ should be the home folder", cfg.Token, err)
	}
	// --token-file beats the environment, which beats the file.
	env[EnvToken] = "env-token"
	if cfg, _, _ = resolve(t, nil, env, nil); cfg.Token != "env-token" {
		t.Errorf("token %q, want SMH_ACCESS_TOKEN over token_file", cfg.Token)
	}
	if cfg, _, _ = resolve(t, []string{"--token-file", "-"}, env, strings.NewReader("stdin-token")); cfg.Token != "stdin-token" {
		t.Errorf("token %q, want --token-file over everything", cfg.Token)
	}
}

func TestConfigFileThemeAndKeys(t *testing.T) {
	env, _ := writeConfig(t, `
[theme]
primary = "#FF0000"
bar = { light = "#EEEEEE", dark = "#111111" }

[keys]
restore = ["ctrl+r"]
reload = ["f5"]
quit = "Q"
`)
	cfg, _, err := resolve(t, nil, env, nil)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	want := theme.DefaultPalette()
	want.Primary.Light, want.Primary.Dark = "#FF0000", "#FF0000"
	want.Bar.Light, want.Bar.Dark = "#EEEEEE", "#111111"
	if cfg.Palette == nil || *cfg.Palette != want {
		t.Errorf("palette %+v, want %+v", cfg.Palette, want)
	}
	if cfg.KeyMap == nil {
		t.Fatal("no keymap from [keys]")
	}
	for _, c := range []struct {
		action string
		keys   []string
	}{{"restore", []string{"ctrl+r"}}, {"reload", []string{"f5"}}, {"quit", []string{"Q"}}, {"up", []string{"up", "k"}}} {
		if b, _ := cfg.KeyMap.Binding(c.action); !slices.Equal(b.Keys(), c.keys) {
			t.Errorf("%s keys %q, want %q", c.action, b.Keys(), c.keys)
		}
	}
}

func TestConfigFileErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"syntax", "library = \"smh1\"\npage_size = \n", `line 2: `},
		{"unknown key", "library = \"smh1\"\n\npagesize = 50\n", `line 3: unknown key "pagesize" (did you mean page_size?)`},
		{"an action outside [keys]", "restore = [\"r\"]\n", `line 1: unknown key "restore" (key bindings go under [keys])`},
		{"a role outside [theme]", "library = \"x\"\nwarn = \"#000000\"\n", `line 2: unknown key "warn" (colours go under [theme])`},
		{"unknown table", "library = \"x\"\n[server]\nport = 22\n", `line 2: unknown key "server"`},
		{"unknown key in an inline colour", "[theme]\nwarn = \"#FFAA00\"\nprimary = { light = \"#000000\", mid = \"#111111\" }\n", `line 3: unknown key "theme.primary.mid"`},
		{"token", "library = \"smh1\"\ntoken = \"acctk-secret-123\"\n", `line 2: the access token must not be in the config file (it is easy to share or commit by mistake): name a file that holds it with token_file, or set SMH_ACCESS_TOKEN`},
		{"order_by", "\n\norder_by = \"colour\"\n", `line 3: order_by must be one of name, modificationTime, size, removalTime, remainingTime, not "colour"`},
		{"order", "order = \"up\"\n", `line 1: order must be one of asc, desc, not "up"`},
		{"restore_path", "# c\nrestore_path = \"home\"\n", `line 2: restore_path must be one of originalPath, fallbackToRoot, not "home"`},
		{"page_size range", "page_size = 0\n", `line 1: page_size must be between 1 and 1000, not 0`},
		{"page_size type", "page_size = \"100\"\n", `line 1: page_size must be a whole number between 1 and 1000`},
		{"batch_gap not a duration", "library = \"x\"\n\nbatch_gap = \"soon\"\n", `line 3: batch_gap must be a duration such as "90s" or "2m", not "soon"`},
		{"batch_gap without a unit", "batch_gap = \"60\"\n", `line 1: batch_gap must be a duration such as "90s" or "2m", not "60"`},
		{"batch_gap a number", "# c\nbatch_gap = 60\n", `line 2: batch_gap must be a duration in double quotes, such as "90s" or "2m"`},
		{"batch_gap too short", "batch_gap = \"500ms\"\n", `line 1: batch_gap must be between 1s and 24h, not "500ms"`},
		{"batch_gap too long", "batch_gap = \"48h\"\n", `line 1: batch_gap must be between 1s and 24h, not "48h"`},
		{"expiring_days 0", "\nexpiring_days = 0\n", `line 2: expiring_days must be between 1 and 365, not 0`},
		{"expiring_days 366", "expiring_days = 366\n", `line 1: expiring_days must be between 1 and 365, not 366`},
		{"expiring_days type", "expiring_days = \"3\"\n", `line 1: expiring_days must be a whole number between 1 and 365`},
		{"expiring_days misspelt", "expiring_day = 3\n", `line 1: unknown key "expiring_day" (did you mean expiring_days?)`},
		{"bool type", "\nread_only = \"yes\"\n", `line 2: read_only must be true or false, without quotes`},
		{"string type", "library = 12\n", `line 1: library must be a string in double quotes`},
		{"endpoint", "endpoint = \"ftp://x\"\n", `line 1: endpoint must be an http(s) URL such as https://api.tencentsmh.cn, not "ftp://x"`},
		{"empty space", "space = \"\"\n", `line 1: space must not be empty`},
		{"token_file stdin", "token_file = \"-\"\n", `line 1: token_file must name a file`},
		{"bad colour", "[theme]\nprimary = \"#5A56E0\"\nwarn = \"orange\"\n", `line 3: [theme] warn: "orange" is not a colour; write it as "#RRGGBB"`},
		{"bad colour, dotted key", "library = \"x\"\ntheme.danger = { dark = \"#12\" }\n", `line 2: [theme] danger: "#12" is not a colour`},
		{"unknown role", "[theme]\naccent = \"#000000\"\n", `line 2: [theme] "accent" is not a colour role`},
		{"colour type", "[theme]\ntext = 7\n", `line 2: theme.text must be a colour such as "#5A56E0"`},
		{"unknown action", "[keys]\nquit = [\"q\"]\nresotre = [\"x\"]\n", `line 3: [keys] "resotre" is not an action (did you mean restore?)`},
		{"key bound twice", "[keys]\n\nrestore = [\"ctrl+r\"]\n", `line 3: [keys] restore: ctrl+r is also bound to reload in browsing; rebind reload too`},
		{"two actions, one key", "[keys]\nsort = [\"z\"]\nrestore = [\"z\"]\n", `line 3: [keys] restore: z is also bound to sort in browsing`},
		{"bad key name", "[keys]\nquit = [\"ctrl+alt+q\"]\n", `line 2: [keys] quit: "ctrl+alt+q" is not a key name`},
		{"keys type", "[keys]\nquit = 5\n", `line 2: keys.quit must be a list of key names`},
		{"keys not a table", "keys = \"vim\"\n", `line 1: keys must be a table of actions`},
		{"theme as an array of tables", "[[theme]]\nprimary = \"#000000\"\n", `line 1: theme must be a table of colours`},
		{"the first problem in file order", "order = \"up\"\npagesize = 1\n", `line 1: order must be one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, path := writeConfig(t, tt.text)
			_, _, err := resolve(t, nil, copyEnv(env, EnvLibrary, "smh1"), nil)
			prefix := "in config file " + path + ", "
			if err == nil || !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant %q…%q", err, prefix, tt.want)
			}
			if ce := (*Error)(nil); !errors.As(err, &ce) {
				t.Errorf("err %T, want an *Error (exit code 2)", err)
			}
			if strings.Contains(err.Error(), "acctk-secret-123") {
				t.Error("the error shows the token from the file")
			}
		})
	}
}
