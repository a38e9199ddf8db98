package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/explain"
)

// emptiedMsg is the result of the one empty-bin request.
type emptiedMsg struct {
	items int64 // the item count the dialog showed
	err   error
}

// askEmpty opens the empty-bin dialog, which names the library, the item
// count and the total size that will be lost, and wants the library id or
// the count typed.
func (m *Model) askEmpty() tea.Cmd {
	if why := m.busy(); why != "" {
		m.setStatus(why, true)
		return nil
	}
	n, _ := m.binCount()
	d := dialogState{kind: dialogEmpty, want: []string{strconv.FormatInt(n, 10)}}
	if m.opts.Library != "" {
		d.want = append(d.want, m.opts.Library)
	}
	for _, idx := range m.data.Order() {
		d.bytes += m.data.Items()[idx].Size
	}
	m.openDialog(d)
	return nil
}

// binCount is the number of items in the bin as far as we know, and
// whether every one of them is loaded (so the size total is complete).
func (m *Model) binCount() (int64, bool) {
	loaded := int64(len(m.data.Order()))
	return max(m.total, loaded), m.complete && m.total <= loaded
}

// startEmpty sends the one empty request, with a deadline.
func (m *Model) startEmpty() tea.Cmd {
	if m.busy() != "" {
		return nil
	}
	m.emptying = true
	n, _ := m.binCount()
	m.setStatus("emptying the bin…", false)
	m.opts.logf("emptying the bin of %d items", n)
	return emptyBin(m.opts.Context, m.opts.Deleter, m.opts.RequestTimeout, n)
}

// emptyBin asks the engine to empty the bin. It captures values only.
func emptyBin(ctx context.Context, d Deleter, timeout time.Duration, n int64) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		return emptiedMsg{items: n, err: d.Empty(ctx)}
	}
}

// handleEmptied reports the result and, after success, reloads the list:
// the server takes the items out of the listing at once.
func (m *Model) handleEmptied(msg emptiedMsg) tea.Cmd {
	m.emptying = false
	if msg.err != nil {
		m.opts.logf("empty failed: %v", msg.err)
		m.setStatus("the bin was not emptied: "+m.emptyError(msg.err), true)
		return nil
	}
	m.opts.logf("emptied the bin (%d items)", msg.items)
	m.data.ClearMarks()
	cmd := m.startListing()
	m.setStatus("emptied the bin: "+humanize.Comma(msg.items)+" "+plural(int(msg.items), "item", "items")+" deleted for good (the server purges them in the background)", false)
	return cmd
}

// emptyError puts an empty-bin failure into words, naming the grant.
func (m *Model) emptyError(err error) string {
	var ae *api.APIError
	switch {
	case errors.Is(err, api.ErrBusy):
		return err.Error()
	case errors.As(err, &ae) && ae.Code == api.CodeNoPermission:
		return explain.EmptyRefused
	case errors.As(err, &ae) && ae.Code == api.CodeInvalidAccessToken:
		return explain.TokenRejectedFor(api.OpDelete)
	}
	s, _ := explain.Error(err, explain.Where{Library: m.opts.Library})
	return s
}
