package cli

import "smhbin/safe"

// cleanText makes untrusted text (names, paths and messages from the
// server, or values echoed back from the command line) safe to print on a
// terminal: C0/C1 controls, ESC, DEL and bidi or other invisible format
// characters become visible escapes such as \x1b or \u202e; CJK, emoji and
// everything else printable are kept.
//
// It delegates to safe so that the CLI and the TUI share one sanitizer
// and show a hostile name the same way.
func cleanText(s string) string { return safe.Text(s) }

// joinPath renders path segments as one "/"-joined, cleaned string.
func joinPath(segs []string) string { return safe.Join(segs) }
