package termimg

import (
	"bytes"
	"strings"
)

// Query is what to write to the terminal to learn what it can draw, when
// the environment is silent (over ssh, say): a kitty graphics query for a
// 1×1 image (id 31, never displayed) followed by Primary Device
// Attributes. Every terminal answers the latter, so its reply ends the
// wait; a kitty-capable one answers the former first. Read the replies
// with a timeout (a few hundred ms) and give them to ParseQueryReply.
const Query = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\" + "\x1b[c"

// QueryResult is what a terminal's replies to Query said.
type QueryResult struct {
	Kitty bool // it answered the kitty graphics query with OK
	Sixel bool // its device attributes list sixel graphics (4)
	Done  bool // the device attributes reply has arrived: stop reading
}

// ParseQueryReply reads the bytes a terminal sent back after Query (they
// may arrive in pieces: call it on everything read so far).
func ParseQueryReply(b []byte) QueryResult {
	var r QueryResult
	if i := bytes.Index(b, []byte("\x1b_Gi=31;")); i >= 0 {
		rest := b[i+len("\x1b_Gi=31;"):]
		r.Kitty = bytes.HasPrefix(rest, []byte("OK"))
	}
	// DA1: CSI ? Ps ; Ps … c
	if i := bytes.Index(b, []byte("\x1b[?")); i >= 0 {
		if j := bytes.IndexByte(b[i:], 'c'); j > 0 {
			r.Done = true
			for _, p := range strings.Split(string(b[i+3:i+j]), ";") {
				if p == "4" {
					r.Sixel = true
				}
			}
		}
	}
	return r
}

// Refine improves an automatic choice with a terminal's replies: a kitty
// reply beats everything, sixel beats half-blocks. An explicit mode, or
// Off, is left alone by the caller (only ModeAuto should be refined).
func Refine(p Protocol, r QueryResult) Protocol {
	switch {
	case p == Off:
		return Off
	case r.Kitty:
		return Kitty
	case r.Sixel && (p == Blocks || p == Blocks256):
		return Sixel
	}
	return p
}
