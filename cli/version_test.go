package cli

import (
	"regexp"
	"runtime"
	"runtime/debug"
	"testing"
)

// --version prints what the binary's build information holds; the test
// binary has some (a "(devel)" main module and the Go version) too.
func TestVersionFlag(t *testing.T) {
	r := runCLI(t, nil, "", "--version")
	bi, ok := debug.ReadBuildInfo()
	if r.code != exitOK || r.stdout != versionText(bi, ok) {
		t.Fatalf("exit %d, stdout %q, want %q", r.code, r.stdout, versionText(bi, ok))
	}
	if !regexp.MustCompile(`^smhbin \S+\n(commit .*\n)?built with go\S* for \S+/\S+\n$`).MatchString(r.stdout) {
		t.Errorf("stdout %q: want the version, maybe the commit, and the Go version", r.stdout)
	}
}

func TestVersionText(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	stamped := &debug.BuildInfo{
		GoVersion: "go1.26.0",
		Main:      debug.Module{Path: "smhbin", Version: "v1.4.2"},
		Settings: []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "3f2a1b9c0d4e5f60718293a4b5c6d7e8f9012345"},
			{Key: "vcs.time", Value: "2026-11-30T18:04:05+01:00"},
			{Key: "vcs.modified", Value: "false"},
		},
	}
	dirty := &debug.BuildInfo{
		GoVersion: "go1.26.0",
		Main:      debug.Module{Path: "smhbin", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc123"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"release from git", stamped, true, "smhbin v1.4.2\ncommit 3f2a1b9c0d4e of 2026-11-30 17:04 UTC\nbuilt with go1.26.0 for " + platform + "\n"},
		{"work tree with changes", dirty, true, "smhbin dev\ncommit abc123, modified\nbuilt with go1.26.0 for " + platform + "\n"},
		{"no vcs stamp", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261130170405-3f2a1b9c0d4e"}}, true,
			"smhbin v0.0.0-20261130170405-3f2a1b9c0d4e\nbuilt with go1.26.0 for " + platform + "\n"},
		{"no build information", nil, false, "smhbin dev\n"},
	}
	for _, tt := range tests {
		if got := versionText(tt.bi, tt.ok); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
