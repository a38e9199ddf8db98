package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A config file is a few hundred bytes. A wrong or hostile one is refused
// before the TOML parser sees it, whose cost grows with the square of a
// dotted key's length (a 100 KB key took 13 s and 5 GB), and the refusal
// names the file and, where it is about a line, the line.
func TestHostileConfigFilesAreRefused(t *testing.T) {
	dotted := func(n int) string { return strings.Repeat("a.", n) + "a = 1\n" }
	tests := []struct {
		name, text, want string
	}{
		{"100 KB of dotted key", dotted(50_000), "is larger than 16 KiB (a real one is a few hundred bytes): is it the right file?"},
		{"100 KB of comments", strings.Repeat("# padding padding padding\n", 4000), "is larger than 16 KiB"},
		{"a long line", "library = \"x\"\n" + dotted(1000), ", line 2: the line is longer than 1024 bytes"},
		{"a deep dotted key", "# a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\nendpoint = \"https://a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.example\"\n" + dotted(17), ", line 3: the line has more than 16 dots outside quotes"},
		{"a long quoted key", "\n\n\"" + strings.Repeat("k", 200) + "\" = 1\n", ", line 3: a key is longer than 64 bytes"},
		{"a long key in a table", "[keys]\nquit = [\"q\"]\n" + strings.Repeat("x", 100) + " = [\"x\"]\n", ", line 3: a key is longer than 64 bytes"},
		// toml places a multi-line value on the line where it ends.
		{"a long multi-line value", "library = \"\"\"\n" + strings.Repeat("0123456789\n", 200) + "\"\"\"\n", ", line 202: library is longer than 1024 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, path := writeConfig(t, tt.text)
			_, _, err := resolve(t, nil, copyEnv(env, EnvLibrary, "smh1"), nil)
			var ce *Error
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant an *Error naming %s and saying %q", err, path, tt.want)
			}
			if len(err.Error()) > 300 {
				t.Errorf("the error is %d bytes long: it should not echo the file", len(err.Error()))
			}
		})
	}
}

// Just under the limits still works: the limits are far above real files.
func TestConfigFileLimitsLeaveRoom(t *testing.T) {
	text := "library = \"smh1\"\n" + strings.Repeat("# "+strings.Repeat("c", 1000)+"\n", 15)
	if len(text) > MaxFileSize {
		t.Fatalf("test file is %d bytes", len(text))
	}
	env, _ := writeConfig(t, text)
	if cfg, _, err := resolve(t, nil, env, nil); err != nil || cfg.LibraryID != "smh1" {
		t.Fatalf("library %q, err %v", cfg.LibraryID, err)
	}
}

// BenchmarkLoadHostileConfig loads a 100 KB config file of one dotted key,
// which the old loader parsed (13 s, 5 GB); it is refused after 16 KiB.
func BenchmarkLoadHostileConfig(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(strings.Repeat("a.", 50_000)+"a = 1\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(path, getenvFrom(nil)); err == nil {
			b.Fatal("accepted")
		}
	}
}
