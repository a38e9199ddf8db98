package ui

import (
	"strings"

	"smhbin/api"
	"smhbin/safe"
	"smhbin/theme"
)

// rowState is how a row shows its restore outcome: a glyph in place of
// the type glyph and a text in place of the folder.
type rowState struct {
	glyph  string
	text   string
	paint  theme.Paint
	path   string // when set, shown after text and cut in the middle (both ends matter)
	detail string // the full outcome for the details pane
	done   bool   // restored: drawn dimmed, no longer markable
}

// hints say what to do about each failure code, in one line.
var hints = map[string]string{
	api.CodeDirectoryNotFound:    "parent folder is gone — retry with fallbackToRoot ({retry}, then {toggle})",
	api.CodeSourceFileNotFound:   "the link's target is gone — nothing left to restore",
	api.CodeRecycledItemNotFound: "no longer in the bin (expired or restored elsewhere) — reload",
	api.CodeNoPermission:         "the token lacks the restore_recycled grant",
	api.CodeInvalidAccessToken:   "token rejected — restart with a fresh SMH_ACCESS_TOKEN or --token-file",
	api.CodeSameNameExists:       "a file with this name exists at the destination",
	api.CodeTransport:            "could not reach the server — retry ({retry})",
	api.CodeRedirected:           "the server answered with a redirect, which is never followed — check the endpoint",
	api.CodeCancelled:            "not sent: the restore was cancelled",
	api.CodeNotSent:              "not sent: the token was rejected first",
	api.CodeInFlight:             "not sent: another restore or delete of it is under way",
	api.CodeStillInBin:           "still in the bin: the batch delete failed (HTTP 500) — D tries again",
	api.CodeAlreadyDeleted:       "already deleted earlier — not sent again",
	api.CodeAlreadyRestored:      "already restored earlier — not sent again",
	api.CodeNotConfirmed:         "not confirmed — an earlier request may still apply it; reload, then restore again if it is still in the bin",
}

// hintFor is code's hint with the active keymap's key names.
func (m *Model) hintFor(code string) string {
	h, ok := hints[code]
	if !ok {
		return "see the details pane"
	}
	if strings.Contains(h, "{") {
		h = strings.NewReplacer("{retry}", m.keyName(m.km.RetryFailed), "{toggle}", m.keyName(m.km.ToggleStrategy)).Replace(h)
	}
	return h
}

// rowStatus returns the restore state of item idx (zero when none).
func (m *Model) rowStatus(idx int32) rowState {
	o, ok := m.outcomes[m.data.Items()[idx].ID]
	if !ok {
		return rowState{}
	}
	switch o.kind {
	case api.Queued:
		return rowState{glyph: "…", text: "queued", paint: m.st.Subtle, detail: "queued"}
	case api.Restoring:
		return rowState{glyph: "↻", text: "restoring…", paint: m.st.Primary, detail: "request sent, waiting for the reply"}
	case api.Deleting:
		return rowState{glyph: "⌫", text: "deleting…", paint: m.st.Danger, detail: "delete sent, waiting for the reply"}
	case api.Waiting:
		t := "waiting on server task " + safe.Text(o.taskID)
		return rowState{glyph: "⧗", text: t, paint: m.st.Primary, detail: t}
	case api.Unknown:
		t := "unknown — reconciling"
		switch {
		case o.code == api.CodeNotConfirmed:
			t = safe.Text(o.message) // "not confirmed — still in the bin at …"
		case o.message != "":
			t = "unknown — " + safe.Text(o.message)
		}
		return rowState{glyph: "?", text: t, paint: m.st.Warn, detail: t}
	case api.Restored:
		return m.restoredState(idx, o)
	case api.Skipped:
		t := "– " + m.hintFor(o.code)
		return rowState{glyph: "–", text: t, paint: m.st.Subtle, detail: t}
	}
	code := safe.Text(o.code)
	d := code + ": " + safe.Text(o.message) + " — " + m.hintFor(o.code)
	return rowState{glyph: "✗", text: "✗ " + code + " — " + m.hintFor(o.code), paint: m.st.Danger, detail: d}
}

func (m *Model) restoredState(idx int32, o outcome) rowState {
	if len(o.path) == 0 {
		return rowState{glyph: "✓", text: "✓ restored", paint: m.st.Success, detail: "restored (" + safe.Text(o.message) + ")", done: true}
	}
	p := "/" + safe.Join(o.path)
	if m.isRename(idx, o.path) {
		// The cell shows the folder and the new name: the NAME column
		// shows the old one.
		return rowState{glyph: "✓", text: "✓ → ", path: p, paint: m.st.Warn, detail: "restored under a new name (a file with the same name existed): " + p, done: true}
	}
	folder := "/" + safe.Join(o.path[:len(o.path)-1])
	orig := strings.Join(m.data.Item(idx).OriginalPath, "/")
	d := "restored to " + p
	if strings.Join(o.path, "/") != orig {
		d = "restored to " + p + " (not the original folder)"
	}
	return rowState{glyph: "✓", text: "✓ → ", path: folder, paint: m.st.Success, detail: d, done: true}
}
