package ui

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"smhbin/api"
)

// rejected is the server's answer to a wrong or expired token.
var rejected = &api.APIError{Status: 401, Code: api.CodeInvalidAccessToken, Message: "token invalid"}

// unreachable is a connection refused at the endpoint.
var unreachable = &url.Error{Op: "Get", URL: "https://smh.example/api", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}

// checkPanel renders at w×h and checks no line is cut or too wide.
func checkPanel(t *testing.T, m *Model, w, h int) string {
	t.Helper()
	v := plain(m)
	lines := strings.Split(m.render(), "\n")
	if len(lines) > h {
		t.Fatalf("%d lines for %d rows", len(lines), h)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w || strings.Contains(l, "…") {
			t.Fatalf("a line is cut or too wide: %q\n%s", l, v)
		}
	}
	return v
}

// TestStartPanelRejectedTokenRereadsFile: a rejected token at start shows
// the full-width panel, offers only re-reading the token file (not a
// retry that cannot help), and the key reads it and lists again.
func TestStartPanelRejectedTokenRereadsFile(t *testing.T) {
	bin := &fakeBin{items: makeItems(5), failAt: map[api.Marker]error{"": rejected}}
	reads := 0
	m := loaded(t, bin, 80, 24, func(o *Options) {
		o.ReloadToken = func() error { reads++; return nil }
	})
	v := checkPanel(t, m, 80, 24)
	mustContain(t, v, "Could not load the recycle bin", "InvalidAccessToken", "press ctrl+t to read it again", "ctrl+t re-read token file", "q quit")
	if strings.Contains(v, "retry failed page") {
		t.Fatalf("the panel offers a retry that cannot help:\n%s", v)
	}
	golden.RequireEqual(t, []byte(m.render()))
	press(t, m, "ctrl+t")
	if reads != 1 || m.data.Len() != 5 || m.startFailed() {
		t.Fatalf("reads %d, loaded %d after re-reading the token", reads, m.data.Len())
	}
}

// TestStartPanelRejectedTokenWithoutFile: with the token from the
// environment, the panel says to restart and no key claims to help.
func TestStartPanelRejectedTokenWithoutFile(t *testing.T) {
	bin := &fakeBin{items: makeItems(5), failAt: map[api.Marker]error{"": rejected}}
	m := loaded(t, bin, 80, 24, nil)
	v := checkPanel(t, m, 80, 24)
	mustContain(t, v, "Quit (q), set a fresh SMH_ACCESS_TOKEN or --token-file, and start smhbin")
	if m.km.RetryPage.Enabled() {
		t.Fatal("retry is offered for a rejected token")
	}
	press(t, m, "ctrl+t")
	mustContain(t, plain(m), "retrying cannot help")
}

// TestStartPanelUnreachableOffersRetry: a network error offers retry,
// wrapped to the width, and the retry loads the bin.
func TestStartPanelUnreachableOffersRetry(t *testing.T) {
	bin := &fakeBin{items: makeItems(5), failAt: map[api.Marker]error{"": unreachable}}
	m := loaded(t, bin, 80, 24, nil)
	v := checkPanel(t, m, 80, 24)
	mustContain(t, v, "could not reach the SMH API", "connection refused", "ctrl+t retry failed page")
	golden.RequireEqual(t, []byte(m.render()))
	press(t, m, "ctrl+t")
	if m.data.Len() != 5 {
		t.Fatalf("loaded %d after retry", m.data.Len())
	}
}
