package api

import (
	"testing"
	"unsafe"
)

func TestShareRepeatsSharesFoldersAndFlags(t *testing.T) {
	page := `{"totalNum":2,"contents":[
	 {"recycledItemId":1,"name":"a.jpg","originalPath":["项目","2024","a.jpg"],"spaceId":"-","authorityButtonList":{"showRestoreButton":true,"showDeleteButton":false}},
	 {"recycledItemId":2,"name":"b.jpg","originalPath":["项目","2024","b.jpg"],"spaceId":"-","authorityButtonList":{"showRestoreButton":true,"showDeleteButton":false}}]}`
	p, err := decodePage([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Items[0], p.Items[1]
	if unsafe.StringData(a.OriginalPath[0]) != unsafe.StringData(b.OriginalPath[0]) {
		t.Error("folder segments are not shared")
	}
	if &a.Buttons[0] != &b.Buttons[0] {
		t.Error("equal flag sets are not shared")
	}
	if a.OriginalPath[2] != "a.jpg" || b.OriginalPath[2] != "b.jpg" {
		t.Errorf("names changed: %q %q", a.OriginalPath[2], b.OriginalPath[2])
	}
	if on, ok := b.Buttons.Get("showRestoreButton"); !on || !ok {
		t.Error("flag value lost")
	}
}
