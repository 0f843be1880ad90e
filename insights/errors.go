package insights

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a query error at a position of the query text.
type Error struct {
	Offset int    // byte offset in Src, 0-based
	Line   int    // 1-based line
	Col    int    // 1-based column, in runes
	Msg    string // what went wrong, saying what was expected
	Src    string // the whole query text
}

// newError returns an Error at byte offset off of src.
func newError(src string, off int, format string, args ...any) *Error {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	col := 1 + utf8.RuneCountInString(src[start:off])
	return &Error{Offset: off, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Src: src}
}

// Position returns "line:col".
func (e *Error) Position() string { return fmt.Sprintf("%d:%d", e.Line, e.Col) }

// Error returns "line:col: msg", then the source line and a caret under the
// column.
func (e *Error) Error() string { return e.Position() + ": " + e.Msg + e.Snippet() }

// Snippet returns "\n" + the source line + "\n" + a caret under the column,
// or "" without source text.
func (e *Error) Snippet() string {
	if e.Src == "" {
		return ""
	}
	start := strings.LastIndexByte(e.Src[:min(e.Offset, len(e.Src))], '\n') + 1
	end := strings.IndexByte(e.Src[start:], '\n')
	if end < 0 {
		end = len(e.Src)
	} else {
		end += start
	}
	line := strings.TrimRight(e.Src[start:end], "\r")
	off := e.Offset - start
	if len(line) > maxSnippetBytes {
		// show a window around the column, not the whole line
		lo, hi := max(0, off-maxSnippetBytes/2), min(len(line), off+maxSnippetBytes/2)
		for lo > 0 && !utf8.RuneStart(line[lo]) {
			lo--
		}
		for hi < len(line) && !utf8.RuneStart(line[hi]) {
			hi++
		}
		prefix, suffix := "", ""
		if lo > 0 {
			prefix = "..."
		}
		if hi < len(line) {
			suffix = "..."
		}
		line = prefix + line[lo:hi] + suffix
		off = off - lo + len(prefix)
	}
	var caret strings.Builder
	for i, r := range line {
		if i >= off {
			break
		}
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	return "\n" + line + "\n" + caret.String()
}

// ErrorList is a list of errors in source order. Parse returns one when a
// query has more than one error.
type ErrorList []*Error

// Error prints the first error's "line:col: msg (and N more errors)" and its
// snippet.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s: %s (and %d more errors)%s", l[0].Position(), l[0].Msg, len(l)-1, l[0].Snippet())
}

// Unwrap returns the errors of the list, for errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// err returns nil, the single *Error, or the list.
func (l ErrorList) err() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	return l
}

// checkSize refuses a query over MaxQueryLength characters, or that is not
// UTF-8, before it is lexed; the error points at the first character past
// the limit or the first bad byte.
func checkSize(src string) error {
	n := 0
	for i, r := range src {
		if r == utf8.RuneError && !strings.HasPrefix(src[i:], "\uFFFD") {
			return newError(src, i, "the query is not valid UTF-8 (byte %#x)", src[i])
		}
		n++
		if n > MaxQueryLength {
			e := newError(src, i, "the query is over %d characters (MaxQueryLength); CloudWatch accepts at most %d", MaxQueryLength, MaxQueryLength)
			e.Src = "" // do not echo a huge line back
			return e
		}
	}
	return nil
}

// NewError returns an Error at byte offset off of src, for checkers of the
// other query languages that share the message format.
func NewError(src string, off int, format string, args ...any) *Error {
	return newError(src, off, format, args...)
}
