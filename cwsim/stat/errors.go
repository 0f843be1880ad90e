package stat

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ParseError is a statistic that Parse cannot read. It carries the
// position of the offending text and prints it with a caret under it:
//
//	col 7: both bounds must be percentages, or neither
//	TM(10%:90)
//	      ^
type ParseError struct {
	Offset int    // byte offset of the error in Src
	Col    int    // 1-based column, counted in runes
	Msg    string // what was expected or what is wrong, without position
	Src    string // the whole statistic
}

// errorAt builds a *ParseError at byte offset off of src.
func errorAt(src string, off int, format string, args ...any) *ParseError {
	off = max(0, min(off, len(src)))
	return &ParseError{
		Offset: off,
		Col:    1 + utf8.RuneCountInString(src[:off]),
		Msg:    fmt.Sprintf(format, args...),
		Src:    src,
	}
}

// Error returns "col N: message", then the statistic and a caret line.
func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "col %d: %s\n%s\n%s^", e.Col, e.Msg, e.Src, strings.Repeat(" ", e.Col-1))
	return b.String()
}
