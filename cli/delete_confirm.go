package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/safe"
)

// Codes of the items delete leaves out before sending anything.
const (
	codeNotInBin     = "NotInBin"     // not listed in the bin (a wrong id, or already gone)
	codeNotDeletable = "NotDeletable" // authorityList.canDelete is false
)

// shownItems is how many items the confirmation lists before "and N more".
const shownItems = 10

// terminalInput is a stdin that says whether it is a terminal; tests
// use it to stand in for one.
type terminalInput interface{ IsTerminal() bool }

// stdinIsTerminal reports whether a confirmation can be typed on stdin.
func (a *app) stdinIsTerminal() bool {
	if t, ok := a.stdin.(terminalInput); ok {
		return t.IsTerminal()
	}
	f, ok := a.stdin.(*os.File)
	return ok && isTerminal(f)
}

// errAllFound stops the listing once every wanted id has been seen.
var errAllFound = errors.New("all found")

// lookupSink keeps the listed items whose ids are wanted.
type lookupSink struct {
	want  map[int64]bool
	found map[int64]api.Item
}

func (s *lookupSink) item(it *api.Item) error {
	if !s.want[it.ID] {
		return nil
	}
	delete(s.want, it.ID)
	c := *it
	c.OriginalPath = slices.Clone(it.OriginalPath)
	s.found[it.ID] = c
	if len(s.want) == 0 {
		return errAllFound
	}
	return nil
}

func (s *lookupSink) flush() error  { return nil }
func (s *lookupSink) finish() error { return nil }

// lookupItems finds ids in the listing (names, sizes, paths, authority),
// stopping as soon as all are found. The item-info call has no name, so
// the listing is the only source of what the user will lose.
func (a *app) lookupItems(ctx context.Context, c *api.Client, cfg Config, ids []int64) (map[int64]api.Item, error) {
	s := &lookupSink{want: make(map[int64]bool, len(ids)), found: make(map[int64]api.Item, len(ids))}
	for _, id := range ids {
		s.want[id] = true
	}
	_, _, err := listAll(ctx, c, cfg, 0, s, a.progress)
	a.progressDone()
	if err != nil && !errors.Is(err, errAllFound) {
		return nil, err
	}
	return s.found, nil
}

// deletable splits ids into those to send and the Skipped events of those
// left out: not listed in the bin, or closed to the user by authorityList.
func deletable(ids []int64, found map[int64]api.Item) (send []int64, out []api.Event) {
	for _, id := range ids {
		it, ok := found[id]
		switch {
		case !ok:
			out = append(out, api.Event{ID: id, Kind: api.Skipped, Code: codeNotInBin,
				Message: "not sent: it is not in the recycle bin"})
		case !it.Deletable():
			out = append(out, api.Event{ID: id, Kind: api.Skipped, Code: codeNotDeletable,
				Message: "not sent: the server says you may not delete it (authorityList.canDelete is false)"})
		default:
			send = append(send, id)
		}
	}
	return send, out
}

// itemLine is one listed item: id, name, size and original path.
func itemLine(id int64, it api.Item) string {
	return fmt.Sprintf("%d  %s  %s  %s", id, safe.Text(it.Name), humanize.IBytes(it.Size), safe.Join(it.OriginalPath))
}

func totalSize(ids []int64, found map[int64]api.Item) uint64 {
	var n uint64
	for _, id := range ids {
		n += found[id].Size
	}
	return n
}

// confirmDelete shows what will be lost and reads the typed confirmation:
// the count of items, or "delete" for one item. Items left out are only
// counted here: they are reported skipped afterwards.
func (a *app) confirmDelete(ids []int64, found map[int64]api.Item, leftOut int) bool {
	want, them := strconv.Itoa(len(ids)), "them"
	if len(ids) == 1 {
		want, them = "delete", "it"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "About to delete %d %s permanently (%s):\n", len(ids), plural(len(ids), "item"), humanize.IBytes(totalSize(ids, found)))
	for _, id := range ids[:min(len(ids), shownItems)] {
		b.WriteString("  " + itemLine(id, found[id]) + "\n")
	}
	if len(ids) > shownItems {
		fmt.Fprintf(&b, "  and %d more\n", len(ids)-shownItems)
	}
	if leftOut > 0 {
		fmt.Fprintf(&b, "Left out: %d %s not in the bin or closed to you (reported skipped).\n", leftOut, plural(leftOut, "id"))
	}
	fmt.Fprintf(&b, "This cannot be undone. Type %s to delete %s: ", want, them)
	return a.confirm(b.String(), want)
}

// confirm prints the question on stderr and reports whether the line
// typed on stdin is exactly want (surrounding spaces aside).
func (a *app) confirm(question, want string) bool {
	fmt.Fprint(a.stderr, question)
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(a.stderr)
		return false
	}
	return strings.TrimSpace(line) == want
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// dryLine is one item of `delete --dry-run --json`.
type dryLine struct {
	ID     int64  `json:"id"`
	Status string `json:"status"` // would-delete | skipped
	Code   string `json:"code,omitempty"`
	Name   string `json:"name,omitempty"`
	Path   string `json:"path,omitempty"`
	Size   uint64 `json:"size"`
}

// printDryRun prints, per id, what delete would do, and the total on
// stderr. It sends nothing.
func (a *app) printDryRun(ids []int64, found map[int64]api.Item, asJSON bool) error {
	send, out := deletable(ids, found)
	skipped := make(map[int64]api.Event, len(out))
	for _, ev := range out {
		skipped[ev.ID] = ev
	}
	w := bufio.NewWriter(a.stdout)
	for _, id := range ids {
		it, ev := found[id], skipped[id]
		switch {
		case asJSON:
			l := dryLine{ID: id, Status: "would-delete", Code: ev.Code, Name: it.Name, Path: strings.Join(it.OriginalPath, "/"), Size: it.Size}
			if ev.Code != "" {
				l.Status = "skipped"
			}
			b, err := json.Marshal(l)
			if err != nil {
				return err
			}
			w.Write(append(b, '\n'))
		case ev.Code != "":
			fmt.Fprintf(w, "%d  skipped  %s  %s\n", id, ev.Code, ev.Message)
		default:
			fmt.Fprintln(w, itemLine(id, it))
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "dry run: would delete %d %s (%s)", len(send), plural(len(send), "item"), humanize.IBytes(totalSize(send, found)))
	if len(out) > 0 {
		fmt.Fprintf(a.stderr, "; %d left out", len(out))
	}
	fmt.Fprintln(a.stderr, "; nothing was deleted")
	return nil
}
