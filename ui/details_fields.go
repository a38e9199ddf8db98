package ui

import (
	"strings"
	"time"

	"smhbin/api"
	"smhbin/safe"
)

// kindOf names an item's type as a person says it ("image file",
// "folder"), with the server's raw type kept for the raw fields.
func kindOf(it *api.Item) string {
	switch it.Type {
	case "dir":
		return "folder"
	case "symlink":
		return "symbolic link"
	}
	switch ft := it.FileType; ft {
	case "":
		return "file"
	case "image", "video", "audio", "text":
		return ft + " file"
	default:
		return safe.Text(ft) + " file"
	}
}

// expiresText says when the bin drops the item: days left and the day
// that falls on.
func (m *Model) expiresText(it *api.Item) string {
	s := daysLeft(it.RemainingDays) + " left in the bin"
	if it.RemainingDays > 0 {
		day := m.opts.Now().AddDate(0, 0, int(min(it.RemainingDays, 100000)))
		s += ", around " + day.Local().Format("2006-01-02")
	}
	if it.RemainingDays <= 3 {
		s = "⚠ " + s
	}
	return s
}

// whoCanRestore says whether this token may restore the item, the one
// question the authority list answers for a person.
func whoCanRestore(it *api.Item) string {
	switch {
	case !it.HasAuthority:
		return "probably you (the server sent no permissions)"
	case it.Authority.CanRestore:
		return "you can restore it"
	default:
		return "not with this token: it lacks restore permission for this item"
	}
}

// rawToggle is the w key: every field the server sent, or only what a
// person needs.
func (m *Model) rawToggle() {
	m.rawDetails = !m.rawDetails
	if m.rawDetails {
		m.setStatus("details show every field the server sent", false)
		return
	}
	m.setStatus("details show the essentials · "+m.km.RawFields.Help().Key+" shows every field", false)
}

// bothText is a time as both says it, on one line.
func (m *Model) bothText(t time.Time) string {
	abs, rel := m.both(t)
	return strings.TrimSpace(abs + " " + rel)
}
