package sshserve

import "testing"

func TestSessionEnvIsTheClients(t *testing.T) {
	t.Setenv("COLORTERM", "truecolor") // the server's own environment must not show through
	getenv := sessionEnv([]string{"LANG=C.UTF-8", "TERM=vt100", "NO_COLOR=1", "junk"}, "xterm-256color")
	for k, want := range map[string]string{"TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLORTERM": "", "junk": ""} {
		if got := getenv(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}
