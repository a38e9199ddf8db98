package ui

import (
	tea "charm.land/bubbletea/v2"

	"smhbin/ui/bindata"
)

// syncSortMax is the most items sorted on the Update goroutine. A sort
// of more (≈ 0.1–0.4 s at 1M) runs as a command, so the key answers at
// once with "sorting…" and the browser stays live until the order swaps in.
const syncSortMax = 200_000

// asyncSort is the state of local sorts run as commands.
type asyncSort struct {
	running bool
	gen     int // bumped by every sort: only the newest result is kept
	syncMax int // tests lower it; 0 means syncSortMax
}

// sortedMsg is a local sort's result. gen and sortGen are the listing and
// the sort it was made for: a reload or a newer sort drops it.
type sortedMsg struct {
	gen, sortGen int
	order        bindata.Sorted
}

// sortLoaded sorts everything loaded by k: at once for a few items,
// otherwise off the Update goroutine.
func (m *Model) sortLoaded(k bindata.SortKey, desc bool) tea.Cmd {
	m.sort.gen++
	limit := m.sort.syncMax
	if limit == 0 {
		limit = syncSortMax
	}
	if m.data.Len() <= limit {
		m.sort.running = false
		keep := m.cursorItem()
		m.data.SortLocal(k, desc)
		m.follow(keep)
		return nil
	}
	m.sort.running = true
	m.setStatus("sorting "+itemCount(m.data.Len())+"…", false)
	job, gen, sortGen := m.data.SortJob(k, desc), m.gen, m.sort.gen
	return func() tea.Msg { return sortedMsg{gen: gen, sortGen: sortGen, order: job()} }
}

// handleSorted swaps in a finished sort, keeping the cursor on its item.
// When rows were deleted meanwhile the result no longer fits: sort again.
func (m *Model) handleSorted(msg sortedMsg) tea.Cmd {
	if msg.gen != m.gen || msg.sortGen != m.sort.gen {
		return nil // a reload or a newer sort replaced it
	}
	keep := m.cursorItem()
	if !m.data.SetOrder(msg.order) {
		return m.sortLoaded(m.sortKey, m.desc)
	}
	m.follow(keep)
	if m.sort.running {
		m.sort.running = false
		m.setStatus("", false) // the "sorting…" note
	}
	return nil
}
