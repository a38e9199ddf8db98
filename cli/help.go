package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"smhbin/config"
)

// Help is wrapped to the terminal's width, within these bounds: pflag
// cannot wrap a flag's usage narrower than 40 columns, and lines longer
// than 100 are hard to read even on a wide terminal.
const (
	minHelpWidth     = 40
	maxHelpWidth     = 100
	defaultHelpWidth = 80 // when stdout is no terminal and COLUMNS is unset
)

// helpWidth is the width help text is wrapped to: stdout's terminal's,
// else $COLUMNS (a pipe into less, say), else 80.
func (a *app) helpWidth() int {
	w := defaultHelpWidth
	if f, ok := a.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if tw, _, err := term.GetSize(int(f.Fd())); err == nil && tw > 0 {
			return min(max(tw, minHelpWidth), maxHelpWidth)
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(a.getenv("COLUMNS"))); err == nil && n > 0 {
		w = n
	}
	return min(max(w, minHelpWidth), maxHelpWidth)
}

// setHelp makes every command's help and usage wrap to the width. Cobra's
// own template prints flag usages on one line however long.
func (a *app) setHelp(root *cobra.Command) {
	root.SetUsageFunc(func(c *cobra.Command) error {
		return writeUsage(c.OutOrStderr(), c, a.helpWidth())
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		width := a.helpWidth()
		text := c.Long
		if text == "" {
			text = c.Short
		}
		w := c.OutOrStdout()
		if text = strings.TrimRight(text, " \n"); text != "" {
			fmt.Fprintf(w, "%s\n\n", reflow(text, width))
		}
		if c.Runnable() || c.HasSubCommands() {
			_ = writeUsage(w, c, width)
		}
	})
}

// writeUsage is cobra's default usage text with the flags wrapped to
// width. Examples are left as written: a wrapped command line could not be
// pasted back into a shell.
func writeUsage(w io.Writer, c *cobra.Command, width int) error {
	var b strings.Builder
	b.WriteString("Usage:")
	if c.Runnable() {
		fmt.Fprintf(&b, "\n  %s", c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n  %s [command]", c.CommandPath())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n\nExamples:\n%s", c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\nAvailable Commands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				name := fmt.Sprintf("  %-*s ", sub.NamePadding(), sub.Name())
				b.WriteString("\n" + name + strings.TrimLeft(hangingWrap(sub.Short, len(name), width), " "))
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(&b, "\n\nFlags:\n%s", flagUsages(c.LocalFlags(), width))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(&b, "\n\nGlobal Flags:\n%s", flagUsages(c.InheritedFlags(), width))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + wrapText(fmt.Sprintf("Use \"%s [command] --help\" for more information about a command.", c.CommandPath()), width, ""))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// reflow wraps a command's long description to width. A paragraph whose
// lines all fit keeps the author's line breaks; a longer one is refilled,
// unless it is indented (a table), whose lines are only broken where they
// overflow, keeping their indent.
func reflow(text string, width int) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		fits := true
		for _, line := range lines {
			fits = fits && ansi.StringWidth(line) <= width
		}
		switch {
		case fits:
		case strings.HasPrefix(p, " "):
			for j, line := range lines {
				indent := len(line) - len(strings.TrimLeft(line, " "))
				lines[j] = hangingWrap(line[indent:], indent, width)
			}
			paras[i] = strings.Join(lines, "\n")
		default:
			paras[i] = wrapText(strings.ReplaceAll(p, "\n", " "), width, "")
		}
	}
	return strings.Join(paras, "\n\n")
}

// hangingWrap wraps text to width as a block starting at column indent,
// breaking at spaces, "|" and "/" first, so that a list of choices or a
// path longer than the column still fits.
func hangingWrap(text string, indent, width int) string {
	pad := strings.Repeat(" ", indent)
	return pad + strings.ReplaceAll(wrapText(text, width-indent, "|/"), "\n", "\n"+pad)
}

// wrapText is ansi.Wrap without its breaks after hyphens, which would cut
// a flag's name ("--restore-" / "path"); a word longer than width is
// still broken.
func wrapText(text string, width int, breakpoints string) string {
	const nbHyphen = "\u2011" // one cell, like "-", but not a breakpoint
	text = strings.ReplaceAll(text, "-", nbHyphen)
	lines := strings.Split(ansi.Wrap(text, width, breakpoints), "\n")
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(strings.TrimRight(l, " "), nbHyphen, "-")
	}
	return strings.Join(lines, "\n")
}

// flagUsages lists fs's flags with each usage wrapped to width in its own
// column. pflag's wrapping cannot break a word wider than that column (a
// path, a name|size|… list), so its unwrapped lines are wrapped here.
func flagUsages(fs *pflag.FlagSet, width int) string {
	lines := strings.Split(strings.TrimRight(fs.FlagUsagesWrapped(0), " \n"), "\n")
	for i, line := range lines {
		// The usage starts after the first run of two spaces that
		// follows the flag's name.
		name := len(line) - len(strings.TrimLeft(line, " "))
		gap := strings.Index(line[name:], "  ")
		if gap < 0 || ansi.StringWidth(line) <= width {
			continue
		}
		col := name + gap
		for col < len(line) && line[col] == ' ' {
			col++
		}
		if width-col < minUsageWidth {
			// Too narrow a column: the usage goes below the flag.
			lines[i] = line[:name+gap] + "\n" + hangingWrap(line[col:], usageIndent, width)
			continue
		}
		lines[i] = line[:col] + strings.TrimLeft(hangingWrap(line[col:], col, width), " ")
	}
	return strings.Join(lines, "\n")
}

// A flag's usage narrower than minUsageWidth goes on the lines below the
// flag, indented by usageIndent.
const (
	minUsageWidth = 24
	usageIndent   = 10
)

// addSettingFlags registers on fs the flags of the settings that apply to
// cmds, and completes those that have a fixed list of values.
func (a *app) addSettingFlags(cmd *cobra.Command, fs *pflag.FlagSet, cmds config.Command) {
	a.settings.AddFlags(fs, cmds)
	for _, s := range a.settings.Settings() {
		if choices := s.Value.Completions(); choices != nil && s.Scope&cmds != 0 {
			_ = cmd.RegisterFlagCompletionFunc(s.Flag, cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp))
		}
	}
}

// noArgs refuses arguments to a command that takes none, suggesting the
// subcommand the user probably meant ("lsit": did you mean "list"?).
// cobra only suggests for a root command without an Args check, and this
// root has one so that `smhbin x` is refused rather than ignored.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(": did you mean %q?", s[0])
	}
	return &usageError{msg: msg, cmdPath: cmd.CommandPath()}
}
