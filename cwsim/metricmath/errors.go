package metricmath

import (
	"errors"
	"fmt"

	"github.com/eventwatch/eventwatch/internal/srcpos"
)

// ErrNotSimulated is wrapped by the *Error that Check and Eval return for
// an expression this package parses but cannot evaluate one period at a
// time: a function that needs the whole time series (RATE, RUNNING_SUM,
// MAX(m1), ...), data the simulator does not have (SEARCH, METRICS,
// INSIGHT_RULE_METRIC, ...), or an optional Env interface the Env lacks.
// Test for it with errors.Is.
var ErrNotSimulated = errors.New("not simulated")

// Error is a syntax error, a type error or a refusal to simulate, in a
// metric math expression. It carries the position of the offending text
// and prints it with a caret under that spot, like filterpattern.Error:
//
//	1:13: expected ')' to close '(' at 1:3 but found end of expression
//	IF(a > 0, b
//	           ^
type Error struct {
	Offset int    // byte offset of the error in Src
	Line   int    // 1-based line number
	Col    int    // 1-based column, counted in runes
	Msg    string // what was expected or what is wrong, without position
	Src    string // the whole expression
	Err    error  // ErrNotSimulated for refusals, else nil
}

// newError builds an *Error at byte offset off of src, computing Line and Col.
func newError(src string, off int, format string, args ...any) *Error {
	off, line, col := srcpos.Locate(src, off)
	return &Error{Offset: off, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Src: src}
}

// notSimulated builds an *Error wrapping ErrNotSimulated.
func notSimulated(src string, off int, format string, args ...any) *Error {
	e := newError(src, off, format, args...)
	e.Msg += " (not simulated)"
	e.Err = ErrNotSimulated
	return e
}

// Error returns "line:col: message", then the source line and a caret line
// pointing at the column.
func (e *Error) Error() string { return srcpos.Caret(e.Src, e.Offset, e.Line, e.Col, e.Msg) }

// Unwrap returns ErrNotSimulated for refusals, so that errors.Is finds it.
func (e *Error) Unwrap() error { return e.Err }
