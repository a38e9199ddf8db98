package safe

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// skipIfEastAsian skips tests that spell out exact widths: with
// RUNEWIDTH_EASTASIAN set, ansi counts ambiguous runes such as "…" as two
// cells, which is correct but changes every expected string.
func skipIfEastAsian(t *testing.T) {
	t.Helper()
	if ea, err := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN")); err == nil && ea {
		t.Skip("RUNEWIDTH_EASTASIAN is set; expected strings assume narrow ambiguous runes")
	}
}

func TestWidth(t *testing.T) {
	skipIfEastAsian(t)
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"初始化图片2.jpg", 15}, // 5 wide + 5 narrow
		{"京都旅行の写真.heic", 19},
		{"漢", 2},
		{"ＡＢ", 4}, // fullwidth Latin
		{"📷 photo.jpg", 12},
		{"👨\u200d👩\u200d👧", 2}, // one ZWJ cluster
		{"cafe\u0301", 4},      // combining mark takes no cell
		{"…", 1},
		{Text("\x1b[31m"), len(`\x1b[31m`)}, // escapes are plain ASCII
		{Text("\u202e"), len(`\u202e`)},
	}
	for _, tt := range tests {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	skipIfEastAsian(t)
	tests := []struct {
		in   string
		w    int
		want string
	}{
		{"abcdef", 3, "ab…"},
		{"abc", 3, "abc"},
		{"abc", 10, "abc"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
		{"abc", -4, ""},
		{"", 5, ""},
		{"漢字漢字", 5, "漢字…"},
		{"漢字漢字", 4, "漢…"}, // "漢字" would leave no room for "…"
		{"漢字漢字", 8, "漢字漢字"},
		{"漢字", 2, "…"},
		{"漢字", 1, "…"},
		{"初始化图片2.jpg", 8, "初始化…"},
		{"京都旅行の写真.heic", 15, "京都旅行の写真…"},
		{"📷 photo.jpg", 4, "📷 …"},
		{"📷 photo.jpg", 2, "…"},
		{"👨\u200d👩\u200d👧abc", 3, "👨\u200d👩\u200d👧…"}, // cluster kept whole
		// ansi.Truncate would keep both keycaps here and overflow to 5.
		{"1\ufe0f\u20e31\ufe0f\u20e31\ufe0f\u20e3", 4, "1\ufe0f\u20e3…"},
		{"cafe\u0301s", 5, "cafe\u0301s"},
		{"cafe\u0301s!", 5, "cafe\u0301…"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.w)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

// TestTruncateInvariants checks, for every width, the promises callers
// depend on: within the limit, valid UTF-8, and a prefix of the input cut
// at a cluster boundary (so no wide rune or sequence is split).
func TestTruncateInvariants(t *testing.T) {
	inputs := []string{
		"漢字漢字",
		"初始化图片2.jpg",
		"京都旅行の写真.heic",
		"📷 photo.jpg",
		"👨\u200d👩\u200d👧👨\u200d👩\u200d👧 family",
		"1\ufe0f\u20e3#\ufe0f\u20e3*\ufe0f\u20e3",
		"🇯🇵🇨🇳 flags",
		Text("\x1b]8;;https://evil.example\x07点击\x1b]8;;\x07"),
		Text("写真\x1b[1m📷\u202e\xfe"),
	}
	for _, s := range inputs {
		for w := 0; w <= Width(s)+2; w++ {
			checkTruncate(t, s, w)
		}
	}
}

func checkTruncate(t *testing.T, s string, w int) {
	t.Helper()
	got := Truncate(s, w)
	if gw := Width(got); gw > w {
		t.Errorf("Truncate(%q, %d) = %q has width %d", s, w, got, gw)
	}
	if !utf8.ValidString(got) {
		t.Errorf("Truncate(%q, %d) = %q is not valid UTF-8", s, w, got)
	}
	if got == s {
		return
	}
	kept, cut := strings.CutSuffix(got, ellipsis)
	if got != "" && !cut {
		t.Errorf("Truncate(%q, %d) = %q: cut without %q", s, w, got, ellipsis)
	}
	if !strings.HasPrefix(s, kept) {
		t.Errorf("Truncate(%q, %d) = %q: %q is not a prefix of the input", s, w, got, kept)
	}
	// A cut at a cluster boundary leaves the kept part's width intact.
	if Width(kept)+Width(s[len(kept):]) != Width(s) {
		t.Errorf("Truncate(%q, %d) split a cluster after %q", s, w, kept)
	}
}

func TestPad(t *testing.T) {
	skipIfEastAsian(t)
	tests := []struct {
		in        string
		w         int
		want      string
		wantRight string
	}{
		{"ab", 4, "ab  ", "  ab"},
		{"abcd", 4, "abcd", "abcd"},
		{"abcdef", 4, "abc…", "abc…"},
		{"", 3, "   ", "   "},
		{"42", 0, "", ""},
		{"42", -1, "", ""},
		{"漢字", 5, "漢字 ", " 漢字"},
		{"漢字漢字", 5, "漢字…", "漢字…"},
		{"漢字漢字", 4, "漢… ", " 漢…"}, // the wide rune that does not fit leaves a gap
		{"📷 photo.jpg", 14, "📷 photo.jpg  ", "  📷 photo.jpg"},
	}
	for _, tt := range tests {
		if got := Pad(tt.in, tt.w); got != tt.want {
			t.Errorf("Pad(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
		if got := PadLeft(tt.in, tt.w); got != tt.wantRight {
			t.Errorf("PadLeft(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.wantRight)
		}
	}
}

func TestPadExactWidth(t *testing.T) {
	inputs := []string{"", "a", "漢字漢字", "📷 photo.jpg", "京都旅行の写真.heic", "1\ufe0f\u20e3x"}
	for _, s := range inputs {
		for w := 0; w <= Width(s)+3; w++ {
			if got := Width(Pad(s, w)); got != w {
				t.Errorf("Width(Pad(%q, %d)) = %d", s, w, got)
			}
			if got := Width(PadLeft(s, w)); got != w {
				t.Errorf("Width(PadLeft(%q, %d)) = %d", s, w, got)
			}
		}
	}
}

func TestWidthAndTruncateDoNotAllocateWhenFitting(t *testing.T) {
	for _, s := range []string{"quarterly-report.docx", "初始化图片2.jpg", "📷 photo.jpg"} {
		if n := testing.AllocsPerRun(100, func() { _ = Width(s) }); n != 0 {
			t.Errorf("Width(%q) allocated %v times per run, want 0", s, n)
		}
		if n := testing.AllocsPerRun(100, func() { sink = Truncate(s, 40) }); n != 0 {
			t.Errorf("Truncate(%q, 40) allocated %v times per run, want 0", s, n)
		}
	}
}

func BenchmarkTruncate(b *testing.B) {
	cases := []struct {
		name string
		in   string
		w    int
	}{
		{"ascii-fits", "quarterly-report-final (1).docx", 40},
		{"ascii-cut", "quarterly-report-final (1).docx", 12},
		{"cjk-cut", "京都旅行の写真-初始化图片2.heic", 12},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = Truncate(c.in, c.w)
			}
		})
	}
}
