package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/ui/bindata"
)

// query builds the list request for marker mk in the current sort order.
func (m *Model) query(mk api.Marker) api.ListQuery {
	order := api.OrderAsc
	if m.desc {
		order = api.OrderDesc
	}
	return api.ListQuery{Marker: mk, Limit: m.opts.PageSize, OrderBy: m.sortKey.APIField(), OrderType: order}
}

// startListing begins a new listing generation from the first page,
// keeping marks by id so they come back with their items.
func (m *Model) startListing() tea.Cmd {
	m.gen++
	m.data.Reset()
	m.total, m.complete, m.loadErr, m.failedPage = 0, false, nil, ""
	m.table.Reset()
	m.anchor, m.pageCount = -1, 0
	m.guard = &api.PageGuard{}
	return m.fetch("")
}

// fetch starts a listing's walk at marker mk: the first page, or the
// page that failed. A listing has at most one walk, so the previous one is
// cancelled first: when a reload or a re-sort replaces a listing
// mid-page, its request stops rather than run on beside the new one
// (otherwise each key press would add one).
func (m *Model) fetch(mk api.Marker) tea.Cmd {
	if m.stopFetch != nil {
		m.stopFetch()
	}
	ctx, cancel := context.WithCancel(m.opts.Context)
	m.stopFetch = cancel
	if m.guard == nil {
		m.guard = &api.PageGuard{}
	}
	// Paced: a server that answers at once cannot make the loop spin.
	return m.loadingCmd(startWalk(ctx, m.opts.Client, m.query(mk), m.guard, m.gen, m.opts))
}

// loadingCmd marks a page as awaited and keeps one spinner tick chain
// going while pages load.
func (m *Model) loadingCmd(f tea.Cmd) tea.Cmd {
	m.loading = true
	if m.spinning {
		return f
	}
	m.spinning = true // one tick chain at a time, however many pages
	return tea.Batch(f, m.spin.Tick)
}

// handlePage merges one page into the store and asks the walk for the
// next one, which is usually in flight already, so pages stream in while
// the user works. The walk vetted the page (PageGuard) before it came.
func (m *Model) handlePage(msg pageLoadedMsg) tea.Cmd {
	if msg.gen != m.gen {
		return nil // a page of a listing that was replaced (and cancelled)
	}
	m.loading = false
	if msg.err != nil {
		// Keep what was loaded; ctrl+t asks again, ctrl+r starts over.
		m.loadErr, m.failedPage = msg.err, msg.marker
		m.opts.logf("page %d failed (marker %q): %v", m.pageCount+1, msg.marker, msg.err)
		return nil
	}
	m.loadErr = nil
	m.pageCount++
	var room tea.Cmd
	if m.pageCount == 2 {
		// Not on the first page: sizing the store for the whole bin (and
		// the collection that allocation can start) would delay the first
		// rows; the second page comes while they are on screen. The
		// memory is made off the Update goroutine and adopted when ready.
		room = m.makeRoom(int(msg.page.TotalNum))
	}
	return tea.Batch(room, m.addPage(msg))
}

// addPage adds a page that arrived to the store and returns what comes
// next: the next page, or, after the last, the memory's return.
func (m *Model) addPage(msg pageLoadedMsg) tea.Cmd {
	// Pages append to the order, so the cursor's position stays valid,
	// except under the expiring filter, which sorts by days left and can
	// put new rows above the cursor: keep it on its item then.
	if m.data.Expiring() {
		defer m.follow(m.cursorItem())
	}
	m.data.Add(msg.page.Items)
	m.opts.logf("page %d loaded: %d items, %d of %d loaded", m.pageCount, len(msg.page.Items), m.data.Len(), msg.page.TotalNum)
	m.total = msg.page.TotalNum
	next := msg.page.NextMarker
	if next == "" || len(msg.page.Items) == 0 {
		m.complete = true
		if m.stopFetch != nil {
			m.stopFetch() // nothing is in flight after the last page; make sure
		}
		return m.returnLoadMemory()
	}
	if msg.walk == nil {
		return m.fetch(next) // a page that came without its walk
	}
	return m.loadingCmd(nextPage(msg.walk, next, m.gen))
}

// roomMsg carries memory for the whole listing of generation gen: the
// store's, and the open grouped view's.
type roomMsg struct {
	gen     int
	room    bindata.Room
	batches *bindata.BatchRoom
	folders *bindata.FolderRoom
}

// makeRoom returns a command that allocates the room for a listing of n
// items (see bindata.Room), so that zeroing hundreds of megabytes of
// reused heap at a million items holds up no keypress and no page. It
// captures values only.
func (m *Model) makeRoom(n int) tea.Cmd {
	gen, perName, batches := m.gen, m.data.NamePerItem(), -1
	folders := m.vmode == viewFolders
	if m.vmode == viewBatches {
		batches = m.batches.liveBatches.Projected(n, m.data.Len())
	}
	return func() tea.Msg {
		msg := roomMsg{gen: gen, room: bindata.NewRoom(n, perName)}
		if batches >= 0 {
			r := bindata.NewBatchRoom(n, batches)
			msg.batches = &r
		}
		if folders {
			r := bindata.NewFolderRoom(n)
			msg.folders = &r
		}
		return msg
	}
}

// handleRoom moves the store (and the grouped view the room was made for)
// into the room made for its listing; a room for a listing since replaced
// is dropped.
func (m *Model) handleRoom(msg roomMsg) {
	if msg.gen != m.gen {
		return
	}
	m.data.Adopt(msg.room)
	if msg.batches != nil {
		m.batches.liveBatches.Adopt(*msg.batches)
	}
	if msg.folders != nil {
		m.folders.liveFolders.Adopt(*msg.folders)
	}
}

// retryPage re-requests the page that failed; loaded rows and marks stay.
func (m *Model) retryPage() tea.Cmd {
	if m.loadErr == nil || m.loading {
		return nil
	}
	if m.tokenReloadHelps() {
		return reloadToken(m.opts.ReloadToken)
	}
	m.loadErr = nil
	return m.fetch(m.failedPage)
}

// changeSort applies a new sort. With everything loaded it sorts locally
// (stable, instant); otherwise it re-lists with order_by so the order shown
// is the true order of the whole bin, not of the pages that happened to arrive.
func (m *Model) changeSort(k bindata.SortKey, desc bool) tea.Cmd {
	m.sortKey, m.desc = k, desc
	if m.loadedAll() {
		return m.sortLoaded(k, desc)
	}
	m.sort.running = false
	return m.startListing()
}

// loadedAll reports whether every page has arrived without error.
func (m *Model) loadedAll() bool { return m.complete && m.loadErr == nil }
