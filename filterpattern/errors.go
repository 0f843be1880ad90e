package filterpattern

import (
	"fmt"

	"github.com/eventwatch/eventwatch/internal/srcpos"
)

// Error is a syntax or validation error in a filter pattern. It carries the
// position of the offending text and prints it with a caret under that spot,
// like expr-lang's file.Error:
//
//	1:14: expected a comparison operator after $.event
//	{ $.event "x" }
//	          ^
type Error struct {
	Offset int    // byte offset of the error in Src
	Line   int    // 1-based line number
	Col    int    // 1-based column, counted in runes
	Msg    string // what was expected or what is wrong, without position
	Src    string // the whole pattern
}

// newError builds an *Error at byte offset off of src, computing Line and Col.
func newError(src string, off int, format string, args ...any) *Error {
	off, line, col := srcpos.Locate(src, off)
	return &Error{Offset: off, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Src: src}
}

// Error returns "line:col: message", then the source line and a caret line
// pointing at the column.
func (e *Error) Error() string { return srcpos.Caret(e.Src, e.Offset, e.Line, e.Col, e.Msg) }
