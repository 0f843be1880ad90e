package compositerule

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a syntax error, a limit exceeded or an evaluation error (an
// alarm the state function does not know) in a composite alarm rule. It
// carries the position of the offending text and prints it with a caret
// under that spot, like filterpattern.Error:
//
//	1:25: expected an alarm state function, TRUE, FALSE, NOT or '(' but found end of rule
//	ALARM(CPUHigh) AND NOT
//	                      ^
type Error struct {
	Offset int    // byte offset of the error in Src
	Line   int    // 1-based line number
	Col    int    // 1-based column, counted in runes
	Msg    string // what was expected or what is wrong, without position
	Src    string // the whole rule
}

// newError builds an *Error at byte offset off of src, computing Line and Col.
func newError(src string, off int, format string, args ...any) *Error {
	off = max(0, min(off, len(src)))
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return &Error{
		Offset: off,
		Line:   line,
		Col:    1 + utf8.RuneCountInString(src[lineStart:off]),
		Msg:    fmt.Sprintf(format, args...),
		Src:    src,
	}
}

// Error returns "line:col: message", then the source line and a caret line
// pointing at the column.
func (e *Error) Error() string {
	off := max(0, min(e.Offset, len(e.Src)))
	start := strings.LastIndexByte(e.Src[:off], '\n') + 1
	end := strings.IndexByte(e.Src[off:], '\n')
	if end < 0 {
		end = len(e.Src)
	} else {
		end += off
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: %s\n%s\n", e.Line, e.Col, e.Msg, e.Src[start:end])
	for _, r := range e.Src[start:off] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}
