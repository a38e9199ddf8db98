package api

import (
	"strings"
	"testing"
)

// The scrub of a list reply is skipped only when the token cannot be in
// it; an escaped spelling of the token must still be caught.
func TestDecodeListScrubsTokenInEveryForm(t *testing.T) {
	c, err := New(Config{Endpoint: "https://smh.invalid", LibraryID: "lib", Token: "tok+en"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`tok+en`, `tok%2Ben`, `\u0074ok+en`, `x\/tok+en`} {
		p, err := c.decodeList([]byte(`{"contents":[{"recycledItemId":1,"name":"`+name+`","originalPath":["`+name+`"]}]}`), nil)
		if err != nil {
			t.Fatal(err)
		}
		it := p.Items[0]
		if strings.Contains(it.Name, "tok") || strings.Contains(it.OriginalPath[0], "tok") {
			t.Errorf("%s: the token survived: %q %q", name, it.Name, it.OriginalPath)
		}
	}
	p, err := c.decodeList([]byte(`{"contents":[{"recycledItemId":1,"name":"plain"}]}`), nil)
	if err != nil || p.Items[0].Name != "plain" {
		t.Fatalf("plain page: %+v %v", p, err)
	}
}
