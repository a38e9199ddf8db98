package termimg

import "testing"

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestDetect(t *testing.T) {
	cases := []struct {
		name string
		env  func(string) string
		want Protocol
	}{
		{"dumb", env("TERM", "dumb", "KITTY_WINDOW_ID", "1"), Off},
		{"kitty", env("TERM", "xterm-kitty", "KITTY_WINDOW_ID", "1"), Kitty},
		{"kitty window id only", env("TERM", "xterm-256color", "KITTY_WINDOW_ID", "3"), Kitty},
		{"ghostty", env("TERM", "xterm-ghostty", "TERM_PROGRAM", "ghostty"), Kitty},
		{"iTerm2", env("TERM", "xterm-256color", "TERM_PROGRAM", "iTerm.app"), ITerm2},
		{"WezTerm", env("TERM", "xterm-256color", "TERM_PROGRAM", "WezTerm"), ITerm2},
		{"iTerm2 over ssh", env("TERM", "xterm-256color", "LC_TERMINAL", "iTerm2"), ITerm2},
		{"foot", env("TERM", "foot"), Sixel},
		{"tmux in kitty", env("TERM", "tmux-256color", "TMUX", "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID", "1"), Blocks},
		{"tmux in iTerm2, no truecolor", env("TERM", "screen-256color", "TMUX", "x", "TERM_PROGRAM", "tmux"), Blocks256},
		{"tmux with COLORTERM", env("TERM", "tmux-256color", "TMUX", "x", "COLORTERM", "truecolor"), Blocks},
		{"screen", env("TERM", "screen", "STY", "1.pts-0"), Blocks256},
		{"truecolor xterm", env("TERM", "xterm-256color", "COLORTERM", "truecolor"), Blocks},
		{"xterm-direct", env("TERM", "xterm-direct"), Blocks},
		{"plain xterm", env("TERM", "xterm-256color"), Blocks256},
		{"serve session", env("TERM", "xterm-256color", "COLORTERM", "24bit"), Blocks},
		{"no TERM", env(), Blocks256},
	}
	for _, c := range cases {
		if got := Detect(c.env); got != c.want {
			t.Errorf("%s: Detect = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	kitty := env("TERM", "xterm-kitty", "KITTY_WINDOW_ID", "1")
	cases := []struct {
		mode Mode
		env  func(string) string
		want Protocol
	}{
		{ModeAuto, kitty, Kitty},
		{ModeOff, kitty, Off},
		{ModeBlocks, kitty, Blocks},
		{ModeBlocks, env("TERM", "xterm"), Blocks256},
		{ModeSixel, kitty, Sixel},
		{ModeITerm2, kitty, ITerm2},
		{ModeKitty, env("TERM", "tmux-256color", "TMUX", "x"), Kitty}, // the user knows passthrough is on
		{ModeKitty, env("TERM", "dumb"), Off},
		{ModeBlocks, env("TERM", "DUMB"), Off},
	}
	for _, c := range cases {
		if got := Resolve(c.mode, c.env); got != c.want {
			t.Errorf("Resolve(%s) = %s, want %s", c.mode, got, c.want)
		}
	}
}

func TestParseMode(t *testing.T) {
	for _, s := range Modes() {
		if m, err := ParseMode(s); err != nil || string(m) != s {
			t.Errorf("ParseMode(%q) = %q, %v", s, m, err)
		}
	}
	if m, err := ParseMode(" Kitty "); err != nil || m != ModeKitty {
		t.Errorf("ParseMode(Kitty) = %q, %v", m, err)
	}
	for _, bad := range []string{"", "png", "blocks256", "on"} {
		if _, err := ParseMode(bad); err == nil {
			t.Errorf("ParseMode(%q) accepted", bad)
		}
	}
}
