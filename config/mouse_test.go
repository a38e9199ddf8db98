package config

import "testing"

// TestResolveMouse: mouse support is on unless the file says mouse =
// false or --no-mouse is given; the flag beats the file either way.
func TestResolveMouse(t *testing.T) {
	offEnv, _ := writeConfig(t, "mouse = false\n")
	onEnv, _ := writeConfig(t, "mouse = true\n")
	noFile := map[string]string{EnvXDGConfigHome: t.TempDir()}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		noMouse bool
	}{
		{"default on", nil, noFile, false},
		{"file off", nil, offEnv, true},
		{"file on", nil, onEnv, false},
		{"flag off", []string{"--no-mouse"}, onEnv, true},
		{"flag false beats the file", []string{"--no-mouse=false"}, offEnv, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := resolve(t, tt.args, copyEnv(tt.env, EnvLibrary, "smh1"), nil)
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			if cfg.NoMouse != tt.noMouse {
				t.Errorf("NoMouse %v, want %v", cfg.NoMouse, tt.noMouse)
			}
		})
	}
	if _, _, err := resolve(t, nil, copyEnv(mustConfig(t, "mouse = \"no\"\n"), EnvLibrary, "smh1"), nil); err == nil {
		t.Error("mouse = \"no\" should be refused")
	}
}

func mustConfig(t *testing.T, body string) map[string]string {
	env, _ := writeConfig(t, body)
	return env
}
