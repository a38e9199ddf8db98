package ui

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/api/fakesmh"
)

// emu is an emulator-backed environment for restore tests: the real
// client and engine against fakesmh over HTTP.
type emu struct {
	srv    *fakesmh.Server
	client *api.Client
	engine *api.Engine
	recs   []fakesmh.Record // fixtures in display order (newest removal first)
}

// fixture names one emulator record per behaviour the restore flow must show.
func fixtureRecords() []fakesmh.Record {
	mk := func(i int, tweak func(*fakesmh.Record), segs ...string) fakesmh.Record {
		r := fakesmh.NewRecord(segs...)
		r.ID = int64(500 + i)
		r.Type, r.FileType = fakesmh.TypeFile, "text"
		r.Size = uint64(1000 * (i + 1))
		r.RemovalTime = testNow.Add(-time.Duration(i) * time.Minute)
		if tweak != nil {
			tweak(&r)
		}
		return r
	}
	return []fakesmh.Record{
		mk(0, nil, "docs", "a.txt"),
		mk(1, func(r *fakesmh.Record) { r.ParentMissing = true }, "gone", "c.txt"),
		mk(2, func(r *fakesmh.Record) { r.NameTaken = true }, "docs", "report.docx"),
		mk(3, func(r *fakesmh.Record) { r.CanRestore = false }, "docs", "locked.txt"),
		mk(4, nil, "docs", "e.txt"),
		mk(5, func(r *fakesmh.Record) { r.SymlinkBroken = true }, "docs", "link.txt"),
		mk(6, nil, "docs", "g.txt"),
		mk(7, nil, "docs", "h.txt"),
		mk(8, nil, "docs", "i.txt"),
		mk(9, nil, "docs", "j.txt"),
	}
}

func newEmu(t *testing.T, o fakesmh.Options, eo api.EngineOptions) *emu {
	t.Helper()
	o.Items, o.Now, o.LibraryID, o.Token = -1, testNow, "testlib", "emu-secret-token"
	srv := fakesmh.New(o)
	recs := fixtureRecords()
	srv.Add(recs...)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c, err := api.New(api.Config{Endpoint: hs.URL, LibraryID: o.LibraryID, SpaceID: "-", Token: o.Token,
		PollInterval: 10 * time.Millisecond, PollMaxInterval: 20 * time.Millisecond, RetryBaseDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if eo.SettleDelay == 0 {
		eo.SettleDelay = time.Millisecond // lost-reply re-checks: fast in tests
	}
	return &emu{srv: srv, client: c, engine: api.NewEngine(c, eo), recs: recs}
}

func (e *emu) model(t *testing.T, w, h int, mod func(*Options)) *Model {
	return loaded(t, e.client, w, h, func(o *Options) {
		o.Restorer = e.engine
		if mod != nil {
			mod(o)
		}
	})
}

// restorePosts returns the bodies of the batch restore requests seen.
func (e *emu) restorePosts() []fakesmh.Request {
	var out []fakesmh.Request
	for _, r := range e.srv.Requests() {
		if r.Method == "POST" && r.Query.Has("restore") {
			out = append(out, r)
		}
	}
	return out
}

// step executes one command and feeds its message to m, returning the
// follow-up command; it lets a test look at the screen mid-restore.
func step(t *testing.T, m *Model, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	msg := execCmd(cmd)
	if b, ok := msg.(tea.BatchMsg); ok {
		var rest []tea.Cmd
		for _, c := range b {
			if c != nil {
				rest = append(rest, c)
			}
		}
		if len(rest) == 0 {
			return nil
		}
		return step(t, m, tea.Batch(rest...))
	}
	if msg == nil {
		return nil
	}
	_, next := m.Update(msg)
	return next
}

// plain returns the frame with no styles, lines joined by "\n".
func plain(m *Model) string { return m.render() }

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Fatalf("screen lacks %q:\n%s", sub, s)
		}
	}
}
