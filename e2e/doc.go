// Package e2e drives the real smhbin binary end to end: it builds the
// program, starts its SMH emulator (smhbin fake-server) on a loopback port
// and runs the terminal UI inside a private tmux server, typing keys and
// reading the screen back with capture-pane. The package has no code of its
// own; everything lives in its tests, which need tmux (CI installs it).
package e2e
