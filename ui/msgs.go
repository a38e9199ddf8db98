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
	walk   *api.PageWalker // the listing's walker, for the next page
}

// startWalk starts a listing at q's marker and returns its first page. The
// walker sends the next request while the model handles this page; the
// model passes it on to nextPage. guard is the listing's, shared with the
// walker (the model itself no longer touches it while pages load). It
// captures values only, never the model.
func startWalk(ctx context.Context, c Bin, q api.ListQuery, guard *api.PageGuard, gen int, opts Options) tea.Cmd {
	return func() tea.Msg {
		w := api.WalkLister(ctx, c, api.WalkOptions{Query: q, Paced: true, RequestTimeout: opts.RequestTimeout, Guard: guard})
		return nextPage(w, q.Marker, gen)()
	}
}

// nextPage returns the page of walk w that marker mk names.
func nextPage(w *api.PageWalker, mk api.Marker, gen int) tea.Cmd {
	return func() tea.Msg {
		p, err := w.Next()
		if err != nil {
			w.Close()
			return pageLoadedMsg{gen: gen, marker: mk, err: err}
		}
		return pageLoadedMsg{gen: gen, marker: mk, page: p, walk: w}
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
