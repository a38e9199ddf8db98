package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"

	"smhbin/api"
	"smhbin/ui/safe"
)

// detailsView renders the cursor item's every field in a w×h box.
func (m *Model) detailsView(w, h int) string {
	idx := m.cursorItem()
	inner := max(w-4, 1) // border and padding
	var lines []string
	if idx < 0 {
		lines = []string{m.st.Faint.Render("no item under the cursor")}
	} else {
		lines = m.detailLines(&m.data.items[idx], idx, inner)
	}
	if max(h-2, 0) < len(lines) {
		lines = lines[:max(h-2, 0)]
	}
	box := m.st.DetailsBox.Width(w - 2).Height(max(h-2, 0)).MaxHeight(h)
	return box.Render(strings.Join(lines, "\n"))
}

// detailLines lays out the fields as "label value" lines, wrapping the path.
func (m *Model) detailLines(it *api.Item, idx int32, w int) []string {
	const lw = 10
	var out []string
	add := func(label, value string) {
		vw := max(w-lw-1, 1)
		wrapped := strings.Split(ansi.Wrap(value, vw, "/"), "\n")
		for i, v := range wrapped {
			l := ""
			if i == 0 {
				l = label
			}
			out = append(out, m.st.Label.Render(safe.Pad(l, lw))+" "+m.st.Value.Render(v))
		}
	}
	out = append(out, m.st.Title.Render(safe.Truncate(safe.Text(it.Name), w)))
	add("path", "/"+safe.Join(it.OriginalPath))
	kind := it.Type
	if it.FileType != "" && it.FileType != it.Type {
		kind += " · " + it.FileType
	}
	add("type", safe.Text(kind))
	add("size", humanize.Bytes(it.Size)+" ("+humanize.Comma(int64(min(it.Size, 1<<62)))+" bytes)")
	add("deleted", m.both(it.RemovalTime))
	add("modified", m.both(it.ModificationTime))
	add("created", m.both(it.CreationTime))
	left := daysLeft(it.RemainingDays) + " left in the bin"
	if it.RemainingDays <= 3 {
		left = "⚠ " + left
	}
	add("expires", left)
	add("id", strconv.FormatInt(it.ID, 10))
	add("space", safe.Text(it.SpaceID))
	add("preview", flags("doc", it.PreviewByDoc, "ci", it.PreviewByCI, "icon", it.PreviewAsIcon))
	switch {
	case !it.HasAuthority:
		add("can", "restore (no authority list sent)")
	case it.Authority.CanRestore:
		add("can", flags("restore", true, "delete", it.Authority.CanDelete))
	default:
		add("can", "✗ restore — your token lacks permission for this item (authorityList.canRestore=false)")
	}
	if st := m.rowStatus(idx); st.text != "" {
		add("restore", st.detail)
	}
	return out
}

// both formats a time as absolute local time plus relative.
func (m *Model) both(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04:05") + " (" + humanize.RelTime(t, m.opts.Now(), "ago", "from now") + ")"
}

// flags lists name/bool pairs as "doc ✓ ci ✗".
func flags(kv ...any) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(kv[i].(string))
		if kv[i+1].(bool) {
			b.WriteString(" ✓")
		} else {
			b.WriteString(" ✗")
		}
	}
	return b.String()
}
