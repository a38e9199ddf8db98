package fakesmh_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"smhbin/api/fakesmh"
)

var isoMillis = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

func TestListWireShape(t *testing.T) {
	e := newEnv(t, fakesmh.Options{})
	r := e.call(http.MethodGet, binPath, "", "")
	if r.status != http.StatusOK || r.header.Get("Content-Type") == "" {
		t.Fatalf("status %d, content type %q", r.status, r.header.Get("Content-Type"))
	}
	var raw struct {
		TotalNum   any              `json:"totalNum"`
		NextMarker any              `json:"nextMarker"`
		Contents   []map[string]any `json:"contents"`
	}
	r.decode(t, &raw)
	if n, ok := raw.TotalNum.(json.Number); !ok || n.String() != "3000" {
		t.Errorf("totalNum = %#v, want the number 3000", raw.TotalNum)
	}
	if _, ok := raw.NextMarker.(json.Number); !ok {
		t.Errorf("nextMarker = %#v, want a JSON number", raw.NextMarker)
	}
	if len(raw.Contents) != fakesmh.DefaultLimit {
		t.Fatalf("%d items on the first page, want the default limit %d", len(raw.Contents), fakesmh.DefaultLimit)
	}
	first := raw.Contents[0]
	if first["recycledItemId"] != json.Number("9007199254740993") {
		t.Errorf("newest item id = %v, want the exact big id 9007199254740993", first["recycledItemId"])
	}
	for _, it := range raw.Contents {
		if _, err := it["recycledItemId"].(json.Number).Int64(); err != nil {
			t.Errorf("recycledItemId %#v is not an integer", it["recycledItemId"])
		}
		size, ok := it["size"].(string)
		if _, err := strconv.ParseUint(size, 10, 64); !ok || err != nil {
			t.Errorf("size %#v is not a decimal string", it["size"])
		}
		for _, k := range []string{"creationTime", "modificationTime", "removalTime"} {
			if s, _ := it[k].(string); !isoMillis.MatchString(s) {
				t.Errorf("%s = %#v, want ISO time with ms", k, it[k])
			}
		}
		path, _ := it["originalPath"].([]any)
		if len(path) == 0 || path[len(path)-1] != it["name"] {
			t.Errorf("originalPath %v does not end with name %v", path, it["name"])
		}
		if _, ok := it["remainingTime"].(json.Number); !ok {
			t.Errorf("remainingTime %#v is not a number", it["remainingTime"])
		}
		auth, _ := it["authorityList"].(map[string]any)
		buttons, _ := it["authorityButtonList"].(map[string]any)
		if auth["canRestore"] == nil || auth["canDelete"] == nil || buttons["showRestoreButton"] != auth["canRestore"] {
			t.Errorf("authority %v / buttons %v inconsistent", auth, buttons)
		}
		if it["spaceId"] != "-" {
			t.Errorf("spaceId = %v", it["spaceId"])
		}
	}
}

func TestLastPageHasNoMarker(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 30})
	r := e.call(http.MethodGet, binPath, "limit=30", "")
	if bytes.Contains(r.body, []byte("nextMarker")) {
		t.Errorf("last page carries nextMarker: %s", r.body)
	}
	p := e.list("limit=29")
	if len(p.NextMarker) == 0 || p.TotalNum.String() != "30" {
		t.Errorf("page 1 of 2: marker %q totalNum %s", p.NextMarker, p.TotalNum)
	}
	empty := newEnv(t, fakesmh.Options{Items: -1})
	r = empty.call(http.MethodGet, binPath, "", "")
	if !bytes.Contains(r.body, []byte(`"contents":[]`)) || !bytes.Contains(r.body, []byte(`"totalNum":0`)) {
		t.Errorf("empty bin: %s", r.body)
	}
}

// fieldOrder compares two listed items on an order_by field.
func fieldOrder(t *testing.T, field string, a, b wireItem) int {
	num := func(s string) uint64 {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("not a number: %q", s)
		}
		return n
	}
	switch field {
	case "name":
		return cmp.Compare(a.Name, b.Name)
	case "size":
		return cmp.Compare(num(a.Size), num(b.Size))
	case "modificationTime":
		return cmp.Compare(a.ModTime, b.ModTime) // fixed-width ISO times sort as text
	case "removalTime", "":
		return cmp.Compare(a.RemovalTime, b.RemovalTime)
	case "remainingTime":
		return cmp.Compare(num(a.RemainingTime.String()), num(b.RemainingTime.String()))
	}
	t.Fatalf("unknown field %q", field)
	return 0
}

func TestMarkerPagingYieldsEveryItemOnce(t *testing.T) {
	const items = 400
	fields := []string{"", "name", "modificationTime", "size", "removalTime", "remainingTime"}
	for _, style := range []string{fakesmh.MarkerInt, fakesmh.MarkerString} {
		e := newEnv(t, fakesmh.Options{Items: items, MarkerStyle: style})
		p := e.list("limit=5")
		if isString := p.NextMarker[0] == '"'; isString != (style == fakesmh.MarkerString) {
			t.Errorf("style %s: nextMarker %s", style, p.NextMarker)
		}
		for _, field := range fields {
			for _, dir := range []string{"asc", "desc"} {
				query := ""
				if field != "" {
					query = "order_by=" + field + "&order_by_type=" + dir
				} else if dir == "desc" {
					continue
				}
				all := e.listAll(query, 37)
				seen := map[int64]bool{}
				for i, it := range all {
					id := it.id(t)
					if seen[id] {
						t.Fatalf("%s %q: id %d listed twice", style, query, id)
					}
					seen[id] = true
					if i == 0 {
						continue
					}
					c := fieldOrder(t, field, all[i-1], it)
					if field == "" || dir == "desc" {
						c = -c
					}
					if c > 0 {
						t.Fatalf("%s %q: items %d and %d out of order", style, query, i-1, i)
					}
				}
				if len(seen) != items {
					t.Errorf("%s %q: %d distinct items, want %d", style, query, len(seen), items)
				}
			}
		}
	}
}

func TestServerOrderIsIDs(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 250})
	var got []int64
	for _, it := range e.listAll("", 100) {
		got = append(got, it.id(t))
	}
	if !slices.Equal(got, e.srv.IDs()) {
		t.Error("listing order differs from IDs()")
	}
	// order_by_type alone leaves the server order; camelCase spellings work.
	snake := e.listAll("order_by=size&order_by_type=desc", 100)
	camel := e.listAll("orderBy=size&orderByType=desc&by-marker=1", 100)
	if !slices.EqualFunc(snake, camel, sameID) {
		t.Error("orderBy/orderByType differ from order_by/order_by_type")
	}
	if def := e.listAll("order_by_type=desc", 100); def[0].id(t) != got[0] {
		t.Error("order_by_type without order_by changed the order")
	}
}

// TestMarkerSurvivesRestores checks that the keyset cursor keeps paging
// exact when items (including the page's last one) leave the bin.
func TestMarkerSurvivesRestores(t *testing.T) {
	e := newEnv(t, fakesmh.Options{Items: 100})
	p := e.list("limit=10&order_by=name")
	last := p.Contents[len(p.Contents)-1].id(t)
	next := e.list("limit=10&order_by=name&marker=" + markerText(t, p.NextMarker))
	gone := map[int64]bool{last: true, next.Contents[0].id(t): true}
	for id := range gone {
		e.call(http.MethodPost, itemPath(id), "restore&restore_path_strategy=fallbackToRoot", "")
	}
	rest := e.listAll("order_by=name", 7)
	seen := map[int64]bool{}
	for _, it := range p.Contents {
		seen[it.id(t)] = true
	}
	marker := markerText(t, p.NextMarker)
	for {
		q := e.list("limit=7&order_by=name&marker=" + marker)
		for _, it := range q.Contents {
			if seen[it.id(t)] {
				t.Fatalf("id %d listed twice", it.id(t))
			}
			seen[it.id(t)] = true
		}
		if len(q.NextMarker) == 0 {
			break
		}
		marker = markerText(t, q.NextMarker)
	}
	for _, it := range rest {
		if !seen[it.id(t)] {
			t.Errorf("id %d still in the bin but skipped", it.id(t))
		}
	}
}

func TestPageMode(t *testing.T) {
	e := newEnv(t, fakesmh.Options{})
	byMarker := e.listAll("order_by=name", 1000)
	var byPage []wireItem
	for page := 1; ; page++ {
		p := e.list("order_by=name&page_size=1000&page=" + strconv.Itoa(page))
		if p.TotalNum.String() != "3000" || len(p.NextMarker) != 0 {
			t.Fatalf("page %d: totalNum %s nextMarker %s", page, p.TotalNum, p.NextMarker)
		}
		if len(p.Contents) == 0 {
			break
		}
		byPage = append(byPage, p.Contents...)
	}
	if !slices.EqualFunc(byMarker, byPage, sameID) {
		t.Error("page mode and marker mode disagree")
	}
	first40 := e.list("page=1&page_size=40").Contents
	if p := e.list("page=2"); len(p.Contents) != 20 || p.Contents[0].ID != first40[20].ID {
		t.Error("page 2 with the default page_size is not items 20–39")
	}
	if p := e.list("page_size=0"); len(p.Contents) != 0 || p.TotalNum.String() != "3000" {
		t.Error("page_size=0 should give totalNum and no items")
	}
}

func sameID(a, b wireItem) bool { return a.ID == b.ID }

func TestListErrors(t *testing.T) {
	e := newEnv(t, fakesmh.Options{})
	tests := []struct{ query, code string }{
		{"marker=134000&page=2", "ParamInvalid"},
		{"limit=10&page_size=10", "ParamInvalid"},
		{"limit=1001", "ParamInvalid"},
		{"limit=0", "ParamInvalid"},
		{"limit=ten", "ParamInvalid"},
		{"marker=zzz", "ParamInvalid"},
		{"marker=5", "ParamInvalid"},
		{"page_size=1001", "ParamInvalid"},
		{"page=0", "ParamInvalid"},
		{"page=11&page_size=1000", "ParamInvalid"},
		{"page=10001&page_size=1", "ParamInvalid"},
		{"order_by=colour", "OrderByNotAllowed"},
		{"orderBy=colour", "OrderByNotAllowed"},
		{"order_by=name&order_by_type=up", "OrderByTypeNotAllowed"},
	}
	for _, tc := range tests {
		r := e.call(http.MethodGet, binPath, tc.query, "")
		if r.status != http.StatusBadRequest || r.errCode(t) != tc.code {
			t.Errorf("%s: %d %s, want 400 %s", tc.query, r.status, r.body, tc.code)
		}
	}
	for _, ok := range []string{"limit=1000", "page=10&page_size=1000", "by-page=1&page=1", "marker=&limit=3"} {
		if r := e.call(http.MethodGet, binPath, ok, ""); r.status != http.StatusOK {
			t.Errorf("%s: %d %s", ok, r.status, r.body)
		}
	}
}

// BenchmarkListPage100k serves one 100-item page of a 100k-item bin sorted
// by name, after the first request has built (and cached) the order.
func BenchmarkListPage100k(b *testing.B) {
	s := fakesmh.New(fakesmh.Options{Items: 100_000, Now: refNow})
	req := httptest.NewRequest(http.MethodGet, binPath+"?access_token="+fakesmh.DefaultToken+"&order_by=name&limit=100", nil)
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
