package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// version is the module version stamped by the go tool, or "dev" for
// builds from a work tree.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	return moduleVersion(bi, ok)
}

func moduleVersion(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "dev"
	}
	return bi.Main.Version
}

// versionText is what --version prints, from the build information the
// go tool embeds (what debug.ReadBuildInfo returns): the module version,
// then, for a build from a git checkout, the commit and its date, and the
// Go version and platform. Go records no build time, so the date is the
// commit's; "modified" says the work tree had uncommitted changes.
func versionText(bi *debug.BuildInfo, ok bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "smhbin %s\n", moduleVersion(bi, ok))
	if !ok || bi == nil {
		return b.String()
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				when = t.UTC().Format("2006-01-02 15:04 UTC")
			}
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&b, "commit %s", rev)
		if when != "" {
			fmt.Fprintf(&b, " of %s", when)
		}
		if modified {
			b.WriteString(", modified")
		}
		b.WriteString("\n")
	}
	if bi.GoVersion != "" {
		fmt.Fprintf(&b, "built with %s for %s/%s\n", bi.GoVersion, runtime.GOOS, runtime.GOARCH)
	}
	return b.String()
}
