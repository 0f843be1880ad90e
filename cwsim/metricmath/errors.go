package metricmath

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
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

// notSimulated builds an *Error wrapping ErrNotSimulated.
func notSimulated(src string, off int, format string, args ...any) *Error {
	e := newError(src, off, format, args...)
	e.Msg += " (not simulated)"
	e.Err = ErrNotSimulated
	return e
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

// Unwrap returns ErrNotSimulated for refusals, so that errors.Is finds it.
func (e *Error) Unwrap() error { return e.Err }
