package safe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// sink keeps the compiler from discarding results in alloc counts and
// benchmarks.
var sink string

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		// Kept as is.
		{"empty", "", ""},
		{"ascii", "report-2024.pdf", "report-2024.pdf"},
		{"cjk", "初始化图片2.jpg", "初始化图片2.jpg"},
		{"japanese", "京都旅行の写真.heic", "京都旅行の写真.heic"},
		{"emoji", "📷 photo.jpg", "📷 photo.jpg"},
		{"zwj emoji sequence", "👨\u200d👩\u200d👧.png", "👨\u200d👩\u200d👧.png"},
		{"keycap with VS16", "1\ufe0f\u20e3.txt", "1\ufe0f\u20e3.txt"},
		{"persian zwnj", "می\u200cخواهم", "می\u200cخواهم"},
		{"combining mark", "cafe\u0301", "cafe\u0301"},
		{"latin-1 and nbsp", "naïve\u00a0café", "naïve\u00a0café"},
		{"ideographic space", "写真\u3000一覧", "写真\u3000一覧"},
		{"replacement char", "bad\ufffdname", "bad\ufffdname"},
		{"backslash kept", `C:\x1b\u202e`, `C:\x1b\u202e`},

		// C0 controls and DEL.
		{"sgr", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"clear screen", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"osc 8 hyperlink with bel", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
			`\x1b]8;;https://evil.example\x07click\x1b]8;;\x07`},
		{"osc title with st", "\x1b]0;pwned\x1b\\", `\x1b]0;pwned\x1b\`},
		{"nul", "a\x00b", `a\x00b`},
		{"cr", "safe.txt\revil", `safe.txt\x0devil`},
		{"lf", "a\nb", `a\x0ab`},
		{"tab", "a\tb", `a\x09b`},
		{"bel", "\a", `\x07`},
		{"unit separator", "\x1f", `\x1f`},
		{"del", "a\x7fb", `a\x7fb`},

		// C1 controls, encoded as UTF-8 code points.
		{"8-bit csi", "\u009b31mred", `\u009b31mred`},
		{"8-bit osc", "\u009d0;t\u009c", `\u009d0;t\u009c`},
		{"nel", "a\u0085b", `a\u0085b`},
		{"c1 first", "\u0080", `\u0080`},

		// Bidi controls.
		{"rlo", "invoice\u202egpj.exe", `invoice\u202egpj.exe`},
		{"lre pdf", "\u202aa\u202c", `\u202aa\u202c`},
		{"rle", "\u202b", `\u202b`},
		{"lro", "\u202d", `\u202d`},
		{"lri", "a\u2066b", `a\u2066b`},
		{"rli fsi pdi", "\u2067\u2068\u2069", `\u2067\u2068\u2069`},
		{"lrm rlm", "\u200e\u200f", `\u200e\u200f`},
		{"arabic letter mark", "\u061c", `\u061c`},

		// Invisible characters that can hide or fake text.
		{"bom", "\ufefffile", `\ufefffile`},
		{"zwsp", "pay\u200bpal", `pay\u200bpal`},
		{"word joiner", "a\u2060b", `a\u2060b`},
		{"soft hyphen", "a\u00adb", `a\u00adb`},
		{"invisible times", "\u2062", `\u2062`},
		{"line separator", "a\u2028b\u2029", `a\u2028b\u2029`},
		{"hangul fillers", "\u115f\u1160\u3164\uffa0", `\u115f\u1160\u3164\uffa0`},
		{"mongolian vowel separator", "\u180e", `\u180e`},
		{"interlinear annotation", "\ufff9a\ufffab\ufffb", `\ufff9a\ufffab\ufffb`},
		{"tag characters", "ok\U000e0041\U000e007f", `ok\U000e0041\U000e007f`},

		// Invalid UTF-8: one escape per bad byte, never a bad byte out.
		{"invalid byte", "a\xffb", `a\xffb`},
		{"raw 8-bit csi byte", "\x9b31m", `\x9b31m`},
		{"truncated sequence", "漢\xe5\xad", `漢\xe5\xad`},
		{"encoded surrogate", "\xed\xa0\x80", `\xed\xa0\x80`},
		{"overlong slash", "\xc0\xaf", `\xc0\xaf`},

		// Marks that would fuse with what the UI draws beside the name.
		{"leading combining mark", "\u0301abc", `\u0301abc`},
		{"leading run of marks", "\u0301\u0302x", `\u0301\u0302x`},
		{"leading vs16", "\ufe0f0", `\ufe0f0`},
		{"leading zwj", "\u200d👩", `\u200d👩`},
		{"leading skin tone", "\U0001f3fb", `\U0001f3fb`},
		{"leading halfwidth dakuten", "\uff9eｶ", `\uff9eｶ`},
		{"mark after escaped control", "\x00\u0301", `\x00` + "\u0301"},
		{"trailing prepend", "x\u0d4e", `x\u0d4e`},
		{"inner prepend kept", "\u0d4eക", "\u0d4eക"},

		// Mixed: the clean prefix is copied, later runes still checked.
		{"mixed", "写真\x1b[1m📷\u202e\xfe", `写真\x1b[1m📷\u202e\xfe`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Text(got); again != got {
				t.Errorf("Text not idempotent: Text(%q) = %q", got, again)
			}
		})
	}
}

func TestTextReturnsInputWhenClean(t *testing.T) {
	for _, s := range []string{"report.pdf", "初始化图片2.jpg", "📷 photo.jpg"} {
		got := Text(s)
		// The same backing bytes prove the fast path returned s itself.
		if unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("Text(%q) returned a copy, want the input itself", s)
		}
	}
}

func TestTextFastPathDoesNotAllocate(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ascii", "quarterly-report-final (1).docx"},
		{"cjk", "初始化图片2.jpg"},
		{"japanese", "京都旅行の写真.heic"},
		{"emoji", "📷 photo.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, func() { sink = Text(tt.in) }); n != 0 {
				t.Errorf("Text(%q) allocated %v times per run, want 0", tt.in, n)
			}
		})
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		name string
		segs []string
		want string
	}{
		{"nil", nil, ""},
		{"one", []string{"a"}, "a"},
		{"several", []string{"相册", "2024", "京都旅行の写真.heic"}, "相册/2024/京都旅行の写真.heic"},
		{"hostile segment", []string{"x\x1b[2J", "\u202ecod.exe"}, `x\x1b[2J/\u202ecod.exe`},
		{"slash inside segment kept", []string{"a/b", "c"}, "a/b/c"},
		{"empty segment", []string{"a", "", "b"}, "a//b"},
		{"single hostile", []string{"\x00"}, `\x00`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Join(tt.segs); got != tt.want {
				t.Errorf("Join(%q) = %q, want %q", tt.segs, got, tt.want)
			}
		})
	}
}

// TestEdgeFusersMatchSegmenter checks the generated tables against the
// grapheme segmenter that Width uses, for every code point: a code point that
// fuses with a space before or after it must be escaped at the start or end
// of a name, or padding and column rules would change the name's width. It
// fails after a dependency upgrade moves the Unicode version; then run
// `go generate ./safe`.
func TestEdgeFusersMatchSegmenter(t *testing.T) {
	buf := make([]byte, 0, 8)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		buf = utf8.AppendRune(append(buf[:0], ' '), r)
		c, _ := ansi.FirstGraphemeCluster(buf, ansi.GraphemeWidth)
		if fuses := len(c) == len(buf); fuses != extendsPrevious(r) {
			t.Errorf("%U: fuses with a space before it = %v, extendsPrevious = %v", r, fuses, !fuses)
		}
		buf = append(utf8.AppendRune(buf[:0], r), ' ')
		c, _ = ansi.FirstGraphemeCluster(buf, ansi.GraphemeWidth)
		if fuses := len(c) == len(buf); fuses != prependsNext(r) {
			t.Errorf("%U: fuses with a space after it = %v, prependsNext = %v", r, fuses, !fuses)
		}
	}
}

// TestTextWidthIgnoresNeighbours checks what the edge escapes are for: a
// sanitized name is as wide beside spaces as it is alone.
func TestTextWidthIgnoresNeighbours(t *testing.T) {
	for _, s := range []string{
		"\ufe0f0", "\u0301abc", "\u0e33", "x\u0d4e", "\U0001f3fb", "\u200d👩",
		"初始化图片2.jpg", "📷 photo.jpg", "1\ufe0f\u20e3",
	} {
		out := Text(s)
		if got, want := Width(" "+out+" "), Width(out)+2; got != want {
			t.Errorf("Width(%q) = %d between spaces, want %d", out, got, want)
		}
	}
}

func BenchmarkText(b *testing.B) {
	cases := []struct{ name, in string }{
		{"clean-ascii", "quarterly-report-final (1).docx"},
		{"clean-cjk", "初始化图片2.jpg"},
		{"clean-long-path", strings.Repeat("京都旅行の写真/", 20) + "IMG_0001.heic"},
		{"hostile-sgr", "\x1b[31mred\x1b[0m.txt"},
		{"hostile-osc8", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"},
		{"hostile-mixed", "写真\x1b[1m📷\u202e\xfe\u009b2J\u200b.jpg"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				sink = Text(c.in)
			}
		})
	}
}
