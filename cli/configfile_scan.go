package cli

import (
	"regexp"
	"slices"
	"strings"
)

// Patterns of the line scan in keyLines.
var (
	tableHeader = regexp.MustCompile(`^\[\[?\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*\]\]?\s*(?:#.*)?$`)
	inlineKey   = regexp.MustCompile(`[{,]\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=`)
)

// keyLines maps each key the text defines (parts joined by \x00) to the
// line it is first on. toml.MetaData keeps no positions for keys, so a
// light scan finds them: table headers, "key = value" lines and the keys
// of an inline table on its line.
func keyLines(text string) map[string]int {
	out := map[string]int{}
	record := func(key []string, line int) {
		// a.b = 1 defines a too, on the same line.
		for n := 1; n <= len(key); n++ {
			if k := strings.Join(key[:n], "\x00"); out[k] == 0 {
				out[k] = line
			}
		}
	}
	var table []string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			table = splitKey(m[1])
			record(table, i+1)
			continue
		}
		eq := indexUnquoted(line, '=')
		if eq < 0 {
			continue
		}
		key := append(slices.Clone(table), splitKey(line[:eq])...)
		record(key, i+1)
		if value := strings.TrimSpace(line[eq+1:]); strings.HasPrefix(value, "{") {
			for _, m := range inlineKey.FindAllStringSubmatch(value, -1) {
				record(append(slices.Clone(key), unquoteKey(m[1])), i+1)
			}
		}
	}
	return out
}

// splitKey splits a dotted TOML key into its unquoted parts.
func splitKey(s string) []string {
	var parts []string
	for {
		dot := indexUnquoted(s, '.')
		if dot < 0 {
			return append(parts, unquoteKey(strings.TrimSpace(s)))
		}
		parts = append(parts, unquoteKey(strings.TrimSpace(s[:dot])))
		s = s[dot+1:]
	}
}

func unquoteKey(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// indexUnquoted is the index of the first c outside quotes, or -1.
func indexUnquoted(s string, c byte) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0 && s[i] == '\\' && quote == '"':
			i++
		case quote != 0 && s[i] == quote:
			quote = 0
		case quote == 0 && (s[i] == '"' || s[i] == '\''):
			quote = s[i]
		case quote == 0 && s[i] == c:
			return i
		}
	}
	return -1
}
