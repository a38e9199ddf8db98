package api

import (
	"strings"
	"testing"
)

func TestPeekMarker(t *testing.T) {
	tests := []struct {
		body  string
		want  Marker
		known bool
	}{
		{`{"totalNum":3,"nextMarker":1013,"contents":[]}`, "1013", true},
		{`{"nextMarker" : "m:42" ,"contents":[]}`, "m:42", true},
		{`{"contents":[{"name":"x"}],"nextMarker":123456789012345678901234567890}`, "123456789012345678901234567890", true},
		{`{"nextMarker":null,"contents":[]}`, "", true},
		{`{"contents":[]}`, "", true},
		{`{"nextMarker":"a\"b","contents":[]}`, "", false}, // escaped: left to the decode
		{`{"nextMarker":{"x":1}}`, "", false},
		// After contents, the last spelling of the key is taken: here a
		// lure in an unknown field, which the decode then corrects.
		{`{"contents":[],"nextMarker":5,"extra":{"nextMarker":9}}`, "9", true},
	}
	for _, tt := range tests {
		got, known := peekMarker([]byte(tt.body))
		if got != tt.want || known != tt.known {
			t.Errorf("%s: got %q %v, want %q %v", tt.body, got, known, tt.want, tt.known)
		}
	}
}

func TestPeekHead(t *testing.T) {
	long := `{"totalNum":1,` + strings.Repeat(" ", headLimit) + `"nextMarker":5,"contents":[]}`
	tests := []struct {
		head        string
		want        Marker
		known, done bool
	}{
		{`{"totalNum":3,"nextMar`, "", false, false},                 // the key is not here yet
		{`{"totalNum":3,"nextMarker":10`, "", false, false},          // the number may go on
		{`{"totalNum":3,"nextMarker":1013,"conte`, "", false, false}, // nor is "contents"
		{`{"totalNum":3,"nextMarker":1013,"contents":[{"na`, "1013", true, true},
		{`{"nextMarker" : "m:42" ,"contents":[`, "m:42", true, true},
		{`{"nextMarker":null,"contents":[`, "", true, true},                          // the last page
		{`{"nextMarker":"a\"b","contents":[`, "", false, true},                       // escaped: the decode decides
		{`{"totalNum":3,"contents":[{"name":"x"}],"nextMarker":7}`, "", false, true}, // after contents
		{`{"contents":[],"nextMarker":"contents"}`, "", false, true},
		{long, "", false, true}, // no "contents" in the first 64 KiB: give up
	}
	for _, tt := range tests {
		got, known, done := peekHead([]byte(tt.head), 0)
		if got != tt.want || known != tt.known || done != tt.done {
			t.Errorf("%.60s: got %q %v %v, want %q %v %v", tt.head, got, known, done, tt.want, tt.known, tt.done)
		}
		// The same head arriving a byte at a time ends the same way.
		var gotB Marker
		var knownB, doneB bool
		hb := []byte(tt.head)
		for n := 1; n <= len(hb) && !doneB; n++ {
			gotB, knownB, doneB = peekHead(hb[:n], n-1)
		}
		if gotB != tt.want || knownB != tt.known || doneB != tt.done {
			t.Errorf("%.60s byte by byte: got %q %v %v, want %q %v %v", tt.head, gotB, knownB, doneB, tt.want, tt.known, tt.done)
		}
	}
}

// BenchmarkPeekHeadTrickle is a 64 KiB head arriving a byte at a time: each
// call searches only the new bytes, so the whole is ≈ 64 KiB of search:
// 0.4–0.6 ms here. Searched again from the start on every read, it took
// 28 ms, which a hostile server could make every page cost.
func BenchmarkPeekHeadTrickle(b *testing.B) {
	head := []byte(`{"totalNum":1,` + strings.Repeat(" ", headLimit-100) + `"nextMarker":5,"contents":[`)
	for b.Loop() {
		var mk Marker
		for n := 1; n <= len(head); n++ {
			var done bool
			if mk, _, done = peekHead(head[:n], n-1); done {
				break
			}
		}
		if mk != "5" {
			b.Fatalf("marker %q, want 5", mk)
		}
	}
}
