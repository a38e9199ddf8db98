package safe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are inputs every fuzz target starts from, next to the corpus in
// testdata/fuzz.
var fuzzSeeds = []string{
	"",
	"report.pdf",
	"初始化图片2.jpg",
	"京都旅行の写真.heic",
	"📷 photo.jpg",
	"\x1b[31mred\x1b[0m",
	"\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
	"\u009b2J",
	"a\x00b\rc\td\n",
	"invoice\u202egpj.exe",
	"\u2066x\u2069\ufeff\u200b",
	"\xff\xfe\xed\xa0\x80",
	`\x1b\u202e`,
	"1\ufe0f\u20e3👨\u200d👩\u200d👧",
}

// isBidiControl reports the code points that reorder displayed text.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Text(%q) = %q is not valid UTF-8", s, out)
		}
		for i := 0; i < len(out); i++ {
			if c := out[i]; c < 0x20 || c == 0x7f {
				t.Fatalf("Text(%q) = %q has control byte %#x at %d", s, out, c, i)
			}
		}
		for i, r := range out {
			switch {
			case r >= 0x80 && r <= 0x9f:
				t.Fatalf("Text(%q) = %q has C1 %U at %d", s, out, r, i)
			case isBidiControl(r):
				t.Fatalf("Text(%q) = %q has bidi control %U at %d", s, out, r, i)
			case r >= 0x80 && unsafeRune(r):
				t.Fatalf("Text(%q) = %q has invisible %U at %d", s, out, r, i)
			}
		}
		if again := Text(out); again != out {
			t.Fatalf("not idempotent: Text(%q) = %q, Text of that = %q", s, out, again)
		}
		// Text only ever adds escapes, so a clean input must come back whole
		// and a dirty one must grow.
		if clean := firstUnsafe(s) == len(s); clean != (out == s) {
			t.Fatalf("Text(%q) = %q, clean=%v", s, out, clean)
		}
		if got, want := Width(" "+out+" "), Width(out)+2; got != want {
			t.Fatalf("Text(%q) = %q is %d cells between two spaces, want %d", s, out, got, want)
		}
		if len(out) < len(s) {
			t.Fatalf("Text(%q) = %q is shorter than its input", s, out)
		}
	})
}

func FuzzTruncate(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, i*3)
	}
	f.Fuzz(func(t *testing.T, s string, w int) {
		w %= 201 // widths in [0, 200]
		if w < 0 {
			w = -w
		}
		in := Text(s)
		got := Truncate(in, w)
		if gw := Width(got); gw > w {
			t.Fatalf("Width(Truncate(%q, %d)) = %d (%q)", in, w, gw, got)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Truncate(%q, %d) = %q is not valid UTF-8", in, w, got)
		}
		if kept, _ := strings.CutSuffix(got, ellipsis); !strings.HasPrefix(in, kept) {
			t.Fatalf("Truncate(%q, %d) = %q is not a prefix of its input", in, w, got)
		}
		if pw := Width(Pad(in, w)); pw != w {
			t.Fatalf("Width(Pad(%q, %d)) = %d", in, w, pw)
		}
		if pw := Width(PadLeft(in, w)); pw != w {
			t.Fatalf("Width(PadLeft(%q, %d)) = %d", in, w, pw)
		}
	})
}
