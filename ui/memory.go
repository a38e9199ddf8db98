package ui

import (
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
)

// bigBin is the size from which a finished listing hands its spare heap
// back to the system: the pages' bodies and decoded items are garbage by
// then, and at 1M items the process holds ≈ 500 MB where the live heap
// needs ≈ 250 MB. Smaller bins are not worth a forced collection.
const bigBin = 100_000

// freeOSMemory is debug.FreeOSMemory, replaceable in tests.
var freeOSMemory = debug.FreeOSMemory

// returnLoadMemory returns, for a big bin whose last page has arrived, a
// command that collects and returns the free heap to the system. It runs
// off the Update goroutine (a collection of a million items takes a
// moment) and sends no message.
func (m *Model) returnLoadMemory() tea.Cmd {
	if m.data.Len() < bigBin {
		return nil
	}
	return func() tea.Msg {
		freeOSMemory()
		return nil
	}
}
