package cli

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"smhbin/api"
	"smhbin/explain"
)

// restoreReport prints each item's final result as it arrives and keeps
// the counts for the summary and the exit code.
type restoreReport struct {
	w      *bufio.Writer
	asJSON bool
	ids    []int64 // as requested, for items that never reached a final state
	asked  map[int64]bool
	last   map[int64]api.Event
	final  map[int64]bool

	restored, failed, skipped, unknown int
	failCodes, skipCodes               map[string]int
	firstFail                          map[string]api.Event // by code: the first failure, for setupProblem
	transport                          bool                 // some chunk could not be sent at all
}

func newRestoreReport(w io.Writer, asJSON bool, ids []int64) *restoreReport {
	r := &restoreReport{
		w:         bufio.NewWriter(w),
		asJSON:    asJSON,
		ids:       ids,
		asked:     make(map[int64]bool, len(ids)),
		last:      make(map[int64]api.Event, len(ids)),
		final:     make(map[int64]bool, len(ids)),
		failCodes: map[string]int{},
		skipCodes: map[string]int{},
		firstFail: map[string]api.Event{},
	}
	for _, id := range ids {
		r.asked[id] = true
	}
	return r
}

// restoreLine is one item of `restore --json` (one object per line).
type restoreLine struct {
	ID      int64  `json:"id"`
	Status  string `json:"status"` // restored | failed | skipped | unknown
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	Path    string `json:"path,omitempty"` // final path from the space root ("/docs/a.txt"), when restored
}

// event records one engine event and prints it if it is final.
func (r *restoreReport) event(ev api.Event) error {
	if !r.asked[ev.ID] {
		return nil // not ours; the engine only reports requested ids
	}
	if r.final[ev.ID] {
		return nil
	}
	r.last[ev.ID] = ev
	if !ev.Kind.Final() {
		return nil
	}
	r.final[ev.ID] = true
	switch ev.Kind {
	case api.Restored:
		r.restored++
	case api.Failed:
		r.failed++
		r.failCodes[codeOrUnknown(ev.Code)]++
		r.noteFailure(ev)
	case api.Skipped:
		r.skipped++
		r.skipCodes[codeOrUnknown(ev.Code)]++
	}
	if err := r.print(ev.ID, ev.Kind.String(), ev); err != nil {
		return err
	}
	return r.w.Flush()
}

func (r *restoreReport) noteFailure(ev api.Event) {
	if ev.Code == api.CodeTransport {
		r.transport = true
	}
	if _, ok := r.firstFail[ev.Code]; !ok {
		r.firstFail[ev.Code] = ev
	}
}

// setupProblem returns the failure that shows the setup, not the items, is
// wrong. A rejected token or an unknown library or space always does. A
// 403 such as NoPermission can also be an item's own authority (that item
// may not be restored by this user), so it counts only when it refused
// every item and nothing was restored, as a token without the
// restore_recycled grant would.
func (r *restoreReport) setupProblem() *api.APIError {
	codes := make([]string, 0, len(r.firstFail))
	for c := range r.firstFail {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		ev := r.firstFail[c]
		if explain.IsSetupCode(c) || ev.Status == http.StatusUnauthorized || (ev.Status == 403 && r.restored == 0 && r.failCodes[codeOrUnknown(c)] == len(r.ids)) {
			return &api.APIError{Status: ev.Status, Code: ev.Code, Message: ev.Message}
		}
	}
	return nil
}

func codeOrUnknown(code string) string {
	if code == "" {
		return "no code"
	}
	return code
}

func (r *restoreReport) print(id int64, status string, ev api.Event) error {
	if r.asJSON {
		line := restoreLine{ID: id, Status: status, Code: ev.Code, Message: ev.Message}
		if ev.Kind == api.Restored {
			line.Path = "/" + strings.Join(ev.Path, "/")
		}
		b, err := json.Marshal(line)
		if err != nil {
			return err
		}
		r.w.Write(b)
		return r.w.WriteByte('\n')
	}
	var s string
	if ev.Kind == api.Restored {
		path := "/" + joinPath(ev.Path) // from the space root, as the TUI shows it
		if len(ev.Path) == 0 {
			path = "(the server did not say where)"
		}
		s = fmt.Sprintf("%d  %s  %s", id, status, path)
	} else {
		code := cleanText(ev.Code)
		if code == "" {
			code = "-" // keeps the message in the fourth column for awk
		}
		s = strings.TrimRight(fmt.Sprintf("%d  %s  %s  %s", id, status, code, cleanText(ev.Message)), " ")
	}
	_, err := r.w.WriteString(s + "\n")
	return err
}

// finish reports the items that never reached a final state (an Unknown
// the engine could not settle) and flushes the output.
func (r *restoreReport) finish() error {
	for _, id := range r.ids {
		if r.final[id] {
			continue
		}
		ev, ok := r.last[id]
		if !ok {
			ev = api.Event{ID: id, Message: "no result was reported for this item"}
		}
		ev.Kind = api.Unknown
		r.unknown++
		if err := r.print(id, "unknown", ev); err != nil {
			return err
		}
	}
	return r.w.Flush()
}

// summary is the stderr line, e.g.
// "restored 4 of 5 · 1 failed (1 DirectoryNotFound)".
func (r *restoreReport) summary() string {
	s := fmt.Sprintf("restored %d of %d", r.restored, len(r.ids))
	if r.failed > 0 {
		s += fmt.Sprintf(" · %d failed (%s)", r.failed, countList(r.failCodes))
	}
	if r.skipped > 0 {
		s += fmt.Sprintf(" · %d skipped (%s)", r.skipped, countList(r.skipCodes))
	}
	if r.unknown > 0 {
		s += fmt.Sprintf(" · %d unknown (check with smhbin list)", r.unknown)
	}
	return s
}

// countList renders code counts, most frequent first: "2 DirectoryNotFound, 1 NoPermission".
func countList(m map[string]int) string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b))
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = strconv.Itoa(m[c]) + " " + cleanText(c)
	}
	return strings.Join(parts, ", ")
}

// outcome is the command's result: nil when everything was restored, the
// setup problem's sentence (exit 4 for a rejected or expired token, 2 for
// the rest), or exit 1 (the summary said it all).
func (r *restoreReport) outcome(cfg *Config) error {
	if e := r.setupProblem(); e != nil {
		msg, _ := explain.Error(e, where(cfg))
		if e.Code == api.CodeNoPermission {
			msg = "every item was refused (NoPermission): restores need a token issued with the restore_recycled grant (or admin/space_admin), and some items may be closed to you by their own permissions"
		}
		return &exitError{code: exitCode(e), msg: msg}
	}
	switch {
	case r.restored == len(r.ids):
		return nil
	case r.transport:
		return &exitError{code: exitFailure, msg: fmt.Sprintf("could not reach the SMH API at %s: check --endpoint / SMH_ENDPOINT and your network", cfg.Endpoint)}
	}
	return &exitError{code: exitFailure}
}
