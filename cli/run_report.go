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
	"smhbin/safe"
)

// runReport prints each item's final result of a restore or delete run
// as it arrives and keeps the counts for the summary and the exit code.
type runReport struct {
	op     api.Op
	w      *bufio.Writer
	asJSON bool
	ids    []int64 // as requested, for items that never reached a final state
	asked  map[int64]bool
	last   map[int64]api.Event
	final  map[int64]bool

	done, failed, skipped, unknown int
	failCodes, skipCodes           map[string]int
	firstFail                      map[string]api.Event // by code: the first failure, for setupProblem
	transport                      bool                 // some chunk could not be sent at all
}

func newRunReport(op api.Op, w io.Writer, asJSON bool, ids []int64) *runReport {
	r := &runReport{
		op:        op,
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

// resultLine is one item of `restore --json` or `delete --json` (one
// object per line).
type resultLine struct {
	ID      int64  `json:"id"`
	Status  string `json:"status"` // restored | deleted | failed | skipped | unknown
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	Path    string `json:"path,omitempty"` // final path from the space root ("/docs/a.txt"), when restored
}

// event records one engine event and prints it if it is final.
func (r *runReport) event(ev api.Event) error {
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
	case api.Restored, api.Deleted:
		r.done++
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

func (r *runReport) noteFailure(ev api.Event) {
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
// restore_recycled (or delete_recycled) grant would.
func (r *runReport) setupProblem() *api.APIError {
	codes := make([]string, 0, len(r.firstFail))
	for c := range r.firstFail {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		ev := r.firstFail[c]
		if explain.IsSetupCode(c) || ev.Status == http.StatusUnauthorized || (ev.Status == 403 && r.done == 0 && r.failCodes[codeOrUnknown(c)] == len(r.ids)) {
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

func (r *runReport) print(id int64, status string, ev api.Event) error {
	if r.asJSON {
		line := resultLine{ID: id, Status: status, Code: ev.Code, Message: ev.Message}
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
	switch ev.Kind {
	case api.Deleted:
		// How it was confirmed, when that took more than a 204.
		s = strings.TrimRight(fmt.Sprintf("%d  %s  %s", id, status, safe.Text(ev.Message)), " ")
	case api.Restored:
		path := "/" + safe.Join(ev.Path) // from the space root, as the TUI shows it
		if len(ev.Path) == 0 {
			path = "(the server did not say where)"
		}
		s = fmt.Sprintf("%d  %s  %s", id, status, path)
	default:
		code := safe.Text(ev.Code)
		if code == "" {
			code = "-" // keeps the message in the fourth column for awk
		}
		s = strings.TrimRight(fmt.Sprintf("%d  %s  %s  %s", id, status, code, safe.Text(ev.Message)), " ")
	}
	_, err := r.w.WriteString(s + "\n")
	return err
}

// finish reports the items that never reached a final state (an Unknown
// the engine could not settle) and flushes the output.
func (r *runReport) finish() error {
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
func (r *runReport) summary() string {
	s := fmt.Sprintf("%s %d of %d", r.op.DoneKind(), r.done, len(r.ids))
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
		parts[i] = strconv.Itoa(m[c]) + " " + safe.Text(c)
	}
	return strings.Join(parts, ", ")
}

// outcome is the command's result: nil when everything was restored or
// deleted, the setup problem's sentence (exit 4 for a missing, rejected or
// expired token, 2 for the rest), or exit 1 (the summary said it all).
func (r *runReport) outcome(cfg *Config) error {
	if e := r.setupProblem(); e != nil {
		msg, _ := explain.Error(e, where(cfg))
		switch {
		case e.Code == api.CodeNoPermission:
			msg = explain.NoPermission(r.op)
		case e.Code == api.CodeInvalidAccessToken:
			msg = explain.TokenRejectedFor(r.op)
		}
		return &exitError{code: exitCode(e), msg: msg}
	}
	switch {
	case r.done == len(r.ids):
		return nil
	case r.transport:
		return &exitError{code: exitFailure, msg: fmt.Sprintf("could not reach the SMH API at %s: check --endpoint / SMH_ENDPOINT and your network", cfg.Endpoint)}
	}
	return &exitError{code: exitFailure}
}
