package keymap

import (
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// TestNoSharedKeysPerMode guards against two enabled bindings answering the
// same key in one mode, which would make one of them unreachable.
func TestNoSharedKeysPerMode(t *testing.T) {
	km := Default()
	// CancelRestore and Quit both use ctrl+c by design: the UI enables
	// exactly one of them at a time (cancel while a restore runs).
	km.CancelRestore.SetEnabled(false)
	for _, set := range km.Sets() {
		seen := map[string]string{}
		for _, b := range set.Bindings {
			if !b.Enabled() {
				continue
			}
			for _, k := range b.Keys() {
				if prev, ok := seen[k]; ok {
					t.Errorf("%s: key %q bound to both %q and %q", set.Name, k, prev, b.Help().Desc)
				}
				seen[k] = b.Help().Desc
			}
		}
	}
}

func TestCancelAndQuitShareCtrlCOnlyWhenBothEnabled(t *testing.T) {
	km := Default()
	km.Quit.SetEnabled(false)
	if !key.Matches(keyMsg("ctrl+c"), km.CancelRestore) {
		t.Fatal("ctrl+c should cancel a running restore")
	}
	if key.Matches(keyMsg("ctrl+c"), km.Quit) {
		t.Fatal("a disabled Quit must not match")
	}
}

func TestEveryBindingHasKeysAndHelp(t *testing.T) {
	km := Default()
	for _, g := range km.Groups() {
		for _, b := range g.Bindings {
			if len(b.Keys()) == 0 || b.Help().Key == "" || b.Help().Desc == "" {
				t.Errorf("group %s: binding %+v lacks keys or help", g.Title, b.Help())
			}
		}
	}
}

type keyMsg string

func (k keyMsg) String() string { return string(k) }
