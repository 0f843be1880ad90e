// Package srcpos places and shows a position in a source text, for the
// parsers' errors (filterpattern, cwsim/metricmath, cwsim/compositerule):
// the line and column of a byte offset, and the source line with a caret
// under that column.
package srcpos

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Locate clamps off into src and returns it with its 1-based line and its
// 1-based column, counted in runes.
func Locate(src string, off int) (offset, line, col int) {
	off = max(0, min(off, len(src)))
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return off, line, 1 + utf8.RuneCountInString(src[lineStart:off])
}

// Caret renders "line:col: msg", then the source line holding off and a
// caret line pointing at it (tabs kept, so that the caret lines up).
func Caret(src string, off, line, col int, msg string) string {
	off = max(0, min(off, len(src)))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: %s\n%s\n", line, col, msg, src[start:end])
	for _, r := range src[start:off] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}
