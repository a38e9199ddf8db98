package theme

import (
	"strings"
	"testing"
)

func TestPaletteFromConfigSetsRoles(t *testing.T) {
	base := DefaultPalette()
	p, err := PaletteFromConfig(base, map[string]ColorSpec{
		"primary": {Light: "#ff0000", Dark: "#ff0000"},
		"danger":  {Light: "#00AA00", Dark: "#00CC00"},
		"bar":     {Dark: "#101010"}, // light side keeps the default
	})
	if err != nil {
		t.Fatalf("PaletteFromConfig: %v", err)
	}
	want := base
	want.Primary = Color{Light: "#FF0000", Dark: "#FF0000"}
	want.Danger = Color{Light: "#00AA00", Dark: "#00CC00"}
	want.Bar = Color{Light: base.Bar.Light, Dark: "#101010"}
	if p != want {
		t.Fatalf("palette =\n %+v\nwant\n %+v", p, want)
	}
	if base != DefaultPalette() {
		t.Fatal("PaletteFromConfig changed its base")
	}
	// The colour reaches the styles built from the palette.
	s := New(p, Target{Dark: true})
	var b strings.Builder
	s.Primary.Wrap(&b, "x")
	if !strings.Contains(b.String(), "38;2;255;0;0") {
		t.Fatalf("primary paint %q, want the configured red", b.String())
	}
}

func TestPaletteFromConfigErrors(t *testing.T) {
	tests := []struct {
		name   string
		colors map[string]ColorSpec
		role   string
		want   string
	}{
		{"unknown role", map[string]ColorSpec{"accent": {Light: "#000000"}}, "accent", `"accent" is not a colour role; roles are primary, subtle, text`},
		{"colour name", map[string]ColorSpec{"warn": {Light: "orange", Dark: "orange"}}, "warn", `warn: "orange" is not a colour; write it as "#RRGGBB"`},
		{"short hex", map[string]ColorSpec{"text": {Dark: "#fff"}}, "text", `text: "#fff" is not a colour`},
		{"bad digit", map[string]ColorSpec{"text": {Dark: "#12345g"}}, "text", `"#12345g" is not a colour`},
		{"empty", map[string]ColorSpec{"subtle": {}}, "subtle", "subtle needs a colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PaletteFromConfig(DefaultPalette(), tt.colors)
			re, ok := err.(*RoleError)
			if !ok || re.Role != tt.role || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a RoleError for %q containing %q", err, tt.role, tt.want)
			}
			if p != DefaultPalette() {
				t.Error("a failed PaletteFromConfig should return the base palette")
			}
		})
	}
}

func TestRolesAndRole(t *testing.T) {
	p := DefaultPalette()
	names := Roles()
	if strings.Join(names, ",") != "primary,subtle,text,danger,success,warn,selection,bar" {
		t.Fatalf("Roles() = %v", names)
	}
	if c, ok := p.Role("warn"); !ok || c != p.Warn {
		t.Errorf("Role(warn) = %v, %t", c, ok)
	}
	if _, ok := p.Role("nope"); ok {
		t.Error("Role of an unknown name should report false")
	}
}
