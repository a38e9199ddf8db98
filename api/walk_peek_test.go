package api

import "testing"

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
