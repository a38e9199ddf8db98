// Package termimg draws images in a terminal: Unicode half-blocks with
// truecolor or 256-colour cells, the kitty graphics protocol (with Unicode
// placeholders, so the image is text a layout engine can move), iTerm2
// inline images and sixel. It picks a protocol from the environment and
// keeps a bounded cache of drawn thumbnails. It imports no Bubble Tea or
// Lip Gloss: the UI places the strings it returns.
package termimg

import (
	"fmt"
	"strings"
)

// Mode is the user's choice, from the preview setting.
type Mode string

// Modes of the preview setting.
const (
	ModeAuto   Mode = "auto"
	ModeKitty  Mode = "kitty"
	ModeITerm2 Mode = "iterm2"
	ModeSixel  Mode = "sixel"
	ModeBlocks Mode = "blocks"
	ModeOff    Mode = "off"
)

// Modes lists every Mode, in the order help shows them.
func Modes() []string {
	return []string{string(ModeAuto), string(ModeKitty), string(ModeITerm2), string(ModeSixel), string(ModeBlocks), string(ModeOff)}
}

// ParseMode reads a preview setting, case-insensitively.
func ParseMode(s string) (Mode, error) {
	m := Mode(strings.ToLower(strings.TrimSpace(s)))
	for _, ok := range Modes() {
		if string(m) == ok {
			return m, nil
		}
	}
	return "", fmt.Errorf("preview mode %q: want one of %s", s, strings.Join(Modes(), ", "))
}

// Protocol is how an image is actually drawn.
type Protocol string

// Protocols.
const (
	Off       Protocol = "off"       // no image
	Blocks    Protocol = "blocks"    // ▀ half-blocks, 24-bit colour
	Blocks256 Protocol = "blocks256" // ▀ half-blocks, the xterm 256-colour palette
	Kitty     Protocol = "kitty"     // kitty graphics protocol, Unicode placeholders
	ITerm2    Protocol = "iterm2"    // iTerm2 inline image (OSC 1337)
	Sixel     Protocol = "sixel"     // DEC sixel graphics
)

// Resolve turns a mode into a protocol for the terminal getenv describes
// (os.Getenv, or an SSH session's environment). TERM=dumb is always Off:
// such a terminal would print the escape sequences as text.
func Resolve(m Mode, getenv func(string) string) Protocol {
	if strings.EqualFold(getenv("TERM"), "dumb") {
		return Off
	}
	switch m {
	case ModeKitty:
		return Kitty
	case ModeITerm2:
		return ITerm2
	case ModeSixel:
		return Sixel
	case ModeBlocks:
		return blocks(getenv)
	case ModeOff:
		return Off
	}
	return Detect(getenv)
}

// Detect picks the best protocol the environment announces. Inside tmux or
// screen it picks half-blocks whatever the outer terminal is: graphics
// sequences need a passthrough that is off by default, and the outer
// terminal's variables (KITTY_WINDOW_ID, TERM_PROGRAM) leak in and would
// mislead. Half-blocks also work over `smhbin serve`, where only TERM and
// COLORTERM usually arrive.
func Detect(getenv func(string) string) Protocol {
	term := strings.ToLower(getenv("TERM"))
	prog := getenv("TERM_PROGRAM")
	switch {
	case term == "dumb":
		return Off
	case getenv("TMUX") != "" || getenv("STY") != "" || strings.HasPrefix(term, "tmux") || strings.HasPrefix(term, "screen"):
		return blocks(getenv)
	case getenv("KITTY_WINDOW_ID") != "" || term == "xterm-kitty" || term == "xterm-ghostty" || prog == "ghostty":
		return Kitty
	case prog == "iTerm.app" || prog == "WezTerm" || getenv("LC_TERMINAL") == "iTerm2":
		return ITerm2
	case strings.HasPrefix(term, "foot") || strings.HasPrefix(term, "mlterm") || strings.HasPrefix(term, "contour"):
		return Sixel
	}
	return blocks(getenv)
}

// blocks is Blocks where the terminal says it has 24-bit colour, else
// Blocks256, which every colour terminal since xterm-256color shows.
func blocks(getenv func(string) string) Protocol {
	ct := strings.ToLower(getenv("COLORTERM"))
	term := strings.ToLower(getenv("TERM"))
	switch {
	case ct == "truecolor" || ct == "24bit",
		strings.Contains(term, "direct") || strings.Contains(term, "truecolor"),
		term == "xterm-kitty" || term == "xterm-ghostty" || getenv("KITTY_WINDOW_ID") != "",
		getenv("TERM_PROGRAM") == "iTerm.app" || getenv("TERM_PROGRAM") == "WezTerm":
		return Blocks
	}
	return Blocks256
}
