package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"smhbin/api"
	"smhbin/ui/bindata"
)

// treeItems: a deleted folder a/b (item 5) with files in and under it, a
// file beside it, one at the root and another top-level folder. Sizes are
// powers of two so that any wrong total shows.
func treeItems() []api.Item {
	items := []api.Item{
		at(1, 0, "a", "b", "c", "x.txt"),
		at(2, time.Second, "a", "b", "y.txt"),
		at(3, 2*time.Second, "a", "z.txt"),
		at(4, 3*time.Second, "w.txt"),
		at(5, 4*time.Second, "a", "b"),
		at(6, 5*time.Second, "a", "b", "locked.txt"),
		at(7, 6*time.Second, "q", "r.txt"),
	}
	for i := range items {
		items[i].Size = 1 << i
	}
	items[4].Type = "dir"
	items[5].HasAuthority = true // canRestore false
	items[2].RemainingDays = 1
	return items
}

// nodeAt finds a folder node by its path.
func nodeAt(t *testing.T, tree bindata.Tree, path ...string) int32 {
	t.Helper()
	key := ""
	for _, s := range path {
		key += "\x00" + s
	}
	for n, nd := range tree.Nodes {
		if nd.Key == key {
			return int32(n)
		}
	}
	t.Fatalf("no folder %v", path)
	return -1
}

func TestFolderTreeCountsAndSizes(t *testing.T) {
	items := treeItems()
	view := []int32{0, 1, 2, 3, 4, 5, 6}
	tree := bindata.FolderTree(items, view, func(idx int32) bool { return items[idx].Restorable() }, 3)
	cases := []struct {
		path              []string
		ids               []int64 // everything under the node, in layout order
		size              uint64
		restorable, soon  int32
		subfolders, dirID int64
	}{
		{nil, []int64{5, 1, 2, 6, 3, 7, 4}, 127, 6, 1, 4, 0},
		{[]string{"a"}, []int64{5, 1, 2, 6, 3}, 1 + 2 + 4 + 16 + 32, 4, 1, 2, 0},
		{[]string{"a", "b"}, []int64{5, 1, 2, 6}, 1 + 2 + 16 + 32, 3, 0, 1, 5},
		{[]string{"a", "b", "c"}, []int64{1}, 1, 1, 0, 0, 0},
		{[]string{"q"}, []int64{7}, 64, 1, 0, 0, 0},
	}
	for _, c := range cases {
		n := nodeAt(t, tree, c.path...)
		nd := tree.Nodes[n]
		var ids []int64
		for _, idx := range tree.Flat[nd.Lo:nd.Hi] {
			ids = append(ids, items[idx].ID)
		}
		dirID := int64(0)
		if nd.Dir >= 0 {
			dirID = items[nd.Dir].ID
		}
		if !slices.Equal(ids, c.ids) || nd.Size != c.size || int(nd.Count) != len(c.ids) || nd.Restorable != c.restorable ||
			nd.Soon != c.soon || int64(nd.Subfolders) != c.subfolders || dirID != c.dirID {
			t.Errorf("/%s: ids %v size %d count %d restorable %d soon %d subfolders %d dir %d;\nwant ids %v size %d restorable %d soon %d subfolders %d dir %d",
				strings.Join(c.path, "/"), ids, nd.Size, nd.Count, nd.Restorable, nd.Soon, nd.Subfolders, dirID,
				c.ids, c.size, c.restorable, c.soon, c.subfolders, c.dirID)
		}
	}
}

// rowsOf is the grouped view's visible rows, indented by depth, folders
// with a trailing "/".
func rowsOf(m *Model, g *groupView) []string {
	var out []string
	for _, e := range g.entries {
		pad := strings.Repeat("  ", int(e.depth))
		if e.node >= 0 {
			out = append(out, pad+g.tree.Nodes[e.node].Name+"/")
		} else {
			out = append(out, pad+m.data.Items()[e.item].Name)
		}
	}
	return out
}

// pressArrows is press with "←" and "→" for the arrow keys (and "left"
// too, for the key a user would type).
func pressArrows(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		switch k {
		case "←", "left":
			_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyLeft})
			run(t, m, cmd)
		case "→":
			_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRight})
			run(t, m, cmd)
		default:
			press(t, m, k)
		}
	}
}

// moveTo puts the grouped view's cursor on the row named row.
func moveTo(t *testing.T, m *Model, g *groupView, row string) {
	t.Helper()
	i := slices.IndexFunc(rowsOf(m, g), func(r string) bool { return strings.TrimSpace(r) == row })
	if i < 0 {
		t.Fatalf("no row %q in %q", row, rowsOf(m, g))
	}
	press(t, m, "g")
	for range i {
		press(t, m, "down")
	}
}

func TestFolderViewExpandCollapse(t *testing.T) {
	m := loaded(t, &fakeBin{items: treeItems()}, 100, 30, nil)
	press(t, m, "f")
	g := m.activeGroup()
	steps := []struct {
		keys []string
		want []string
		at   string // the row under the cursor after the keys
	}{
		{nil, []string{"a/", "  b/", "  z.txt", "q/", "  r.txt", "w.txt"}, "a/"},
		{[]string{"down", "enter"}, []string{"a/", "  b/", "    c/", "    y.txt", "    locked.txt", "  z.txt", "q/", "  r.txt", "w.txt"}, "b/"},
		{[]string{"down", "→"}, []string{"a/", "  b/", "    c/", "      x.txt", "    y.txt", "    locked.txt", "  z.txt", "q/", "  r.txt", "w.txt"}, "c/"},
		{[]string{"down", "←"}, []string{"a/", "  b/", "    c/", "      x.txt", "    y.txt", "    locked.txt", "  z.txt", "q/", "  r.txt", "w.txt"}, "c/"},
		{[]string{"←"}, []string{"a/", "  b/", "    c/", "    y.txt", "    locked.txt", "  z.txt", "q/", "  r.txt", "w.txt"}, "c/"},
		{[]string{"left", "←"}, []string{"a/", "  b/", "  z.txt", "q/", "  r.txt", "w.txt"}, "b/"},
		{[]string{"G", "←"}, []string{"a/", "  b/", "  z.txt", "q/", "  r.txt", "w.txt"}, "w.txt"}, // a root item has no folder to go to
		{[]string{"g", "enter"}, []string{"a/", "q/", "  r.txt", "w.txt"}, "a/"},
	}
	for i, s := range steps {
		pressArrows(t, m, s.keys...)
		if got := rowsOf(m, g); !slices.Equal(got, s.want) {
			t.Fatalf("step %d %v: rows %q, want %q", i, s.keys, got, s.want)
		}
		if got := strings.TrimSpace(rowsOf(m, g)[g.list.Cursor()]); got != s.at {
			t.Fatalf("step %d %v: cursor on %q, want %q", i, s.keys, got, s.at)
		}
	}
}

// TestMarkingAFolderMarksItsMarkableDescendants: space on a folder marks
// the deleted folder's own item and everything restorable under it, and
// nothing else; space again unmarks them.
func TestMarkingAFolderMarksItsMarkableDescendants(t *testing.T) {
	m := loaded(t, &fakeBin{items: treeItems()}, 100, 30, func(o *Options) { o.Restorer = nopRestorer{} })
	press(t, m, "f")
	g := m.activeGroup()
	moveTo(t, m, g, "b/")
	press(t, m, " ")
	if got, want := markedIDs(m), []int64{1, 2, 5}; !slices.Equal(got, want) {
		t.Fatalf("marking /a/b marked %v, want %v (not the locked file, nothing outside)", got, want)
	}
	mustContain(t, m.View(), "marked 3 items in this folder", "● 3 marked")
	moveTo(t, m, g, "b/")
	press(t, m, " ")
	if got := markedIDs(m); len(got) != 0 {
		t.Fatalf("space on a fully marked folder left %v marked", got)
	}
	moveTo(t, m, g, "a/")
	press(t, m, " ")
	if got, want := markedIDs(m), []int64{1, 2, 3, 5}; !slices.Equal(got, want) {
		t.Fatalf("marking /a marked %v, want %v", got, want)
	}
}

// markedIDs lists the marked items' ids, sorted.
func markedIDs(m *Model) []int64 {
	ids := m.data.MarkedIDs()
	slices.Sort(ids)
	return ids
}

// TestFolderTreeFollowsFilterAndSort: the tree is built from the filtered
// view, so a filter keeps the matches and their folders only, and items
// inside a folder follow the current sort.
func TestFolderTreeFollowsFilterAndSort(t *testing.T) {
	m := loaded(t, &fakeBin{items: treeItems()}, 100, 30, nil)
	press(t, m, "f", "/", "y", ".", "t", "enter")
	g := m.activeGroup()
	if got, want := rowsOf(m, g), []string{"a/", "  b/"}; !slices.Equal(got, want) {
		t.Fatalf("filtered rows %q, want %q", got, want)
	}
	press(t, m, "down", "enter")
	if got, want := rowsOf(m, g), []string{"a/", "  b/", "    y.txt"}; !slices.Equal(got, want) {
		t.Fatalf("filtered rows %q, want %q", got, want)
	}
	// No filter, then sort by name (the newest-first direction carries
	// over: descending); b stays open, as it was left.
	press(t, m, "/", "esc", "s")
	if got, want := rowsOf(m, g), []string{"a/", "  b/", "    c/", "    y.txt", "    locked.txt", "  z.txt", "q/", "  r.txt", "w.txt"}; !slices.Equal(got, want) {
		t.Fatalf("rows by name descending %q, want %q", got, want)
	}
	press(t, m, "S")
	if got, want := rowsOf(m, g), []string{"a/", "  b/", "    c/", "    locked.txt", "    y.txt", "  z.txt", "q/", "  r.txt", "w.txt"}; !slices.Equal(got, want) {
		t.Fatalf("rows by name ascending %q, want %q", got, want)
	}
}
