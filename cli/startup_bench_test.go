package cli

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkStartup is the work smhbin does in main for the commands a
// shell runs most often without a network (the package inits come on top
// and are measured with GODEBUG=inittrace=1; see the README).
func BenchmarkStartup(b *testing.B) {
	for _, args := range [][]string{{"--version"}, {"list", "--help"}} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
