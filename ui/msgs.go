package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
)

// pageLoadedMsg is the result of one list request. gen identifies the
// listing it belongs to: a reload or a server-side re-sort bumps the
// model's generation and stale pages are dropped.
type pageLoadedMsg struct {
	gen    int
	marker api.Marker // the marker that was requested, for retries
	page   api.Page
	err    error
}

// fetchPage lists one page. It captures values only, never the model.
func fetchPage(ctx context.Context, c Bin, q api.ListQuery, gen int, opts Options) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, opts.RequestTimeout)
		defer cancel()
		p, err := c.List(ctx, q)
		return pageLoadedMsg{gen: gen, marker: q.Marker, page: p, err: err}
	}
}

// statusMsg sets the status-bar message (e.g. after a clipboard copy).
type statusMsg struct {
	text string
	err  bool
}

// copyText copies s to the clipboard and reports the outcome.
func copyText(clip func(string) error, s, what string) tea.Cmd {
	return func() tea.Msg {
		if err := clip(s); err != nil {
			return statusMsg{text: "copy failed: " + err.Error(), err: true}
		}
		return statusMsg{text: "copied " + what + " to the clipboard"}
	}
}
