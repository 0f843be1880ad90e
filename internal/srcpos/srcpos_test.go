package srcpos

import "testing"

// An offset is placed by line and rune column, and shown under its line.
func TestLocateAndCaret(t *testing.T) {
	cases := []struct {
		src       string
		off       int
		line, col int
		want      string
	}{
		{"{ $.a = }", 8, 1, 9, "1:9: m\n{ $.a = }\n        ^"},
		{"ab\n\tcé d", 8, 2, 5, "2:5: m\n\tcé d\n\t   ^"},
		{"abc", 99, 1, 4, "1:4: m\nabc\n   ^"},
		{"abc", -1, 1, 1, "1:1: m\nabc\n^"},
	}
	for _, c := range cases {
		off, line, col := Locate(c.src, c.off)
		if line != c.line || col != c.col {
			t.Errorf("Locate(%q, %d) = %d:%d, want %d:%d", c.src, c.off, line, col, c.line, c.col)
		}
		if got := Caret(c.src, off, line, col, "m"); got != c.want {
			t.Errorf("Caret(%q, %d) =\n%s\nwant\n%s", c.src, c.off, got, c.want)
		}
	}
}
