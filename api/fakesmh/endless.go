package fakesmh

import (
	"encoding/json"
	"strconv"
)

// Endless-paging faults for Fault.Endless: ways a broken or hostile
// server makes a marker listing never end.
const (
	// EndlessRepeatMarker sends the first page's nextMarker on every page.
	EndlessRepeatMarker = "repeat-marker"
	// EndlessEmptyPages sends empty pages, each naming a new next marker.
	EndlessEmptyPages = "empty-pages"
	// EndlessSameItems sends the same items on every page under new markers.
	EndlessSameItems = "same-items"
	// EndlessPastTotal counts 10 items in totalNum but sends new ones forever.
	EndlessPastTotal = "past-total"
)

// endlessPage answers a marker listing under an Endless fault. Pages are
// made up (ids from 1<<40, so they clash with no stored item) and the
// store is not touched. It reports false for an unknown mode.
func (s *Server) endlessPage(mode, marker string, limit int) (wireList, bool) {
	n, _ := strconv.ParseInt(marker, 10, 64) // page number; 0 for the first
	first := int64(1<<40) + n*int64(limit)
	out := wireList{TotalNum: 10, NextMarker: json.RawMessage(strconv.FormatInt(n+1, 10))}
	count := limit
	switch mode {
	case EndlessRepeatMarker:
		out.NextMarker = json.RawMessage("1")
	case EndlessEmptyPages:
		count = 0
	case EndlessSameItems:
		first = 1 << 40
	case EndlessPastTotal:
	default:
		return wireList{}, false
	}
	out.Contents = make([]wireItem, count)
	s.lock()
	defer s.mu.Unlock()
	for i := range out.Contents {
		id := first + int64(i)
		name := "endless-" + strconv.FormatInt(id, 10) + ".txt"
		t := isoStamp(s.opts.Now)
		out.Contents[i] = wireItem{
			RecycledItemID: id, OriginalPath: []string{name}, SpaceID: s.opts.SpaceID, Size: 1,
			Name: name, Type: TypeFile, CreationTime: t, ModificationTime: t, RemovalTime: t,
			RemainingTime: s.opts.RetentionDays, AuthorityList: wireAuthority{CanRestore: true, CanDelete: true},
		}
	}
	return out, true
}
