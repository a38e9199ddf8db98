package query

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	for _, tc := range []struct {
		in, canon, describe string
	}{
		{"", "", ""},
		{"  \t ", "", ""},
		{"IMG", "IMG", `"IMG"`},
		{"IMG 2765", "IMG 2765", `"IMG" · "2765"`},
		{"设计　终稿", "设计 终稿", `"设计" · "终稿"`}, // an ideographic space separates
		{`"Team Drive"`, `"Team Drive"`, `"Team Drive"`},
		{`"say \"hi\"" \x`, `"say \"hi\"" \x`, `"say \"hi\"" · "\\x"`},
		{`-draft`, `-draft`, `not "draft"`},
		{`"-draft"`, `"-draft"`, `"-draft"`},
		{`-`, `"-"`, `"-"`},
		{`-"a b"`, `-"a b"`, `not "a b"`},
		{`"http://x"`, `"http://x"`, `"http://x"`},
		{`a"b`, `a"b`, `"a\"b"`},
		{"10:30", "10:30", `"10:30"`},
		{"TYPE:Image", "type:image", "image"},
		{"type:image,video", "type:image,video", "image or video"},
		{"type:dir,image", "type:image,dir", "image or dir"},
		{"type:file", "type:file", "file"},
		{"type:other,image,video,audio,doc", "type:file", "file"},
		{"-type:dir", "-type:dir", "not dir"},
		{"size:>100MB", "size:>100MB", "size > 100MB"},
		{"size:>100mb", "size:>100MB", "size > 100MB"},
		{"size:<1KiB", "size:<1KiB", "size < 1KiB"},
		{"size:<=1k", "size:<=1KB", "size <= 1KB"},
		{"size:>=2g", "size:>=2GB", "size >= 2GB"},
		{"size:10MB..1GB", "size:10MB..1GB", "size 10MB–1GB"},
		{"size:1.5GiB", "size:1.5GiB", "size 1.5GiB"},
		{"size:1536", "size:1.5KiB", "size 1.5KiB"},
		{"size:=0", "size:0B", "size 0B"},
		{"size:1000000kb", "size:1GB", "size 1GB"},
		{"size:1.0000001KB", "size:1KB", "size 1KB"}, // fractions of a byte round down
		{"size:.5KB", "size:500B", "size 500B"},
		{"size:8PiB", "size:8PiB", "size 8PiB"},
		{"deleted:<2h", "deleted:<2h", "deleted < 2h ago"},
		{"deleted:>7d", "deleted:>1w", "deleted > 1w ago"},
		{"deleted:<=90m", "deleted:<=90min", "deleted <= 90min ago"},
		{"deleted:1d..14d", "deleted:1d..2w", "deleted 1d–2w ago"},
		{"deleted:2026-11-30", "deleted:2026-11-30", "deleted 2026-11-30"},
		{"deleted:2026-11-01..2026-11-30", "deleted:2026-11-01..2026-11-30", "deleted 2026-11-01 to 2026-11-30"},
		{"deleted:TODAY", "deleted:today", "deleted today"},
		{"-deleted:yesterday", "-deleted:yesterday", "not deleted yesterday"},
		{"left:<3d", "left:<3d", "left < 3d"},
		{"left:3", "left:3d", "left 3d"},
		{"left:<2w", "left:<14d", "left < 14d"},
		{"path:设计/终稿", "path:设计/终稿", `in "设计/终稿"`},
		{`path:"Team Drive"`, `path:"Team Drive"`, `in "Team Drive"`},
		{"ext:.PDF", "ext:pdf", ".pdf"},
		{"ext:jpg,png", "ext:jpg,png", ".jpg or .png"},
		{"restorable:yes", "restorable:yes", "restorable"},
		{"-restorable:no", "-restorable:no", "restorable"},
		{"restorable:no", "restorable:no", "not restorable"},
		{"marked:y -marked:false", "marked:yes -marked:no", "marked · marked"},
		{"result:failed", "result:failed", "failed"},
		{"-result:Unconfirmed", "-result:unconfirmed", "not unconfirmed"},
		{"IMG type:image size:>5MB -path:tmp", "IMG type:image size:>5MB -path:tmp", `"IMG" · image · size > 5MB · not in "tmp"`},
		{"evil\x1b[31m", "evil\x1b[31m", `"evil\x1b[31m"`},
	} {
		q, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := q.String(); got != tc.canon {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.canon)
		}
		if got := q.Describe(); got != tc.describe {
			t.Errorf("Parse(%q).Describe() = %q, want %q", tc.in, got, tc.describe)
		}
		back, err := Parse(q.String())
		if err != nil || !reflect.DeepEqual(back, q) {
			t.Errorf("Parse(%q) does not round-trip through %q: %v", tc.in, q.String(), err)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	for _, tc := range []struct {
		in  string
		col int
		msg string
	}{
		{"tpye:image", 1, `unknown qualifier "tpye:"; did you mean "type:"?`},
		{"IMG sise:>1MB", 5, `did you mean "size:"?`},
		{"设计 delted:today", 4, `did you mean "deleted:"?`},
		{"http://x", 1, `unknown qualifier "http:" (known: type, size`},
		{"type:imge", 6, `unknown type "imge"; did you mean "image"?`},
		{"type:image,", 6, `unknown type ""`},
		{"type:", 6, "type: needs a value, e.g. type:image"},
		{`path:""`, 6, "path: needs a value"},
		{"size:>100XB", 6, `unknown unit "xb"`},
		{"size:>100mbs", 6, `unknown unit "mbs"; did you mean "mb"?`},
		{"size:>", 6, "expected a size like 100MB"},
		{"size:1.2.3MB", 6, "expected a size"},
		{"size:99999999999999999999", 6, "too large"},
		{"size:9000PiB", 6, "too large"},
		{"size:1GB..1MB", 6, "the range runs backwards"},
		{"size:..1MB", 6, "expected a size"},
		{"deleted:2h", 9, "write <2h"},
		{"deleted:<2", 9, `unit "" is not known`},
		{"deleted:<2y", 9, `unit "y" is not known`},
		{"deleted:2026-02-30", 9, "expected a day like 2026-11-30"},
		{"deleted:2026-11-30..2026-11-01", 9, "runs backwards"},
		{"deleted:<99999999999999999w", 9, "too large"},
		{"left:<three", 6, "expected days like 3d"},
		{"restorable:maybe", 12, `unknown value "maybe" (one of yes, no)`},
		{"marked:yse", 8, `did you mean "yes"?`},
		{"result:faild", 8, `did you mean "failed"?`},
		{"ext:.", 5, "an empty extension"},
		{`"unclosed`, 1, "the quote is not closed"},
		{`x path:"Team Drive`, 8, "the quote is not closed"},
		{`-path:"Team Drive"/x`, 19, "put a space after the closing quote"},
		{`"a"b`, 4, "put a space after the closing quote"},
		{"终稿 tpye:x", 4, "unknown qualifier"},
	} {
		_, err := Parse(tc.in)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a *Error", tc.in, err)
			continue
		}
		if pe.Col != tc.col || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("Parse(%q) = column %d %q, want column %d containing %q", tc.in, pe.Col, pe.Msg, tc.col, tc.msg)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): the error is not one line: %q", tc.in, err)
		}
	}
}

func TestUses(t *testing.T) {
	q, err := Parse("IMG -marked:yes size:>1")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"": true, "marked": true, "size": true, "result": false, "type": false} {
		if q.Uses(name) != want {
			t.Errorf("Uses(%q) = %v, want %v", name, !want, want)
		}
	}
	if !(Query{}).Empty() || q.Empty() {
		t.Error("Empty is wrong")
	}
}
