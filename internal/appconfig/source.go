package appconfig

import (
	"errors"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/insights"
	"gopkg.in/yaml.v3"
)

// source remembers where an item's props came from, so that a construct's
// validation error can point at the config line that caused it.
type source struct {
	doc  *document
	base string // key path of the item in doc
	// fields maps a construct prop name to its key below base, or to
	// "@<path>" for a value that comes from another file (see other).
	fields map[string]string
	other  map[string]*document
	// query is the saved query file, for errors inside the query text.
	query string
	// periodErr is a problem found while resolving the alarm period, a
	// duration of the prop periodProp (Default: period).
	periodErr  error
	periodProp string
}

// periodProblem is periodErr as a problem of its prop, or nil.
func (s source) periodProblem() *spec.FieldError {
	if s.periodErr == nil {
		return nil
	}
	prop := s.periodProp
	if prop == "" {
		prop = "period"
	}
	return &spec.FieldError{Field: prop, Msg: s.periodErr.Error()}
}

// splitErrors lists the errors err joins (a construct's Validate reports
// every problem with errors.Join), or err alone; none for nil.
func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, splitErrors(e)...)
	}
	return out
}

// errorFor turns a construct validation error into a config error.
func (s source) errorFor(err error) *Error {
	var fe *spec.FieldError
	if !errors.As(err, &fe) {
		return &Error{File: s.doc.file, Line: s.doc.line(s.base), Field: s.base, Msg: err.Error()}
	}
	doc, field := s.place(fe.Field)
	if s.query != "" && fe.Field == "queryString" {
		return s.queryError(fe, field)
	}
	e := &Error{File: doc.file, Line: doc.line(field), Field: field, Msg: fe.Msg}
	var pe *filterpattern.Error
	if errors.As(fe.Cause, &pe) {
		e.Line, e.Col = doc.placeInScalar(field, pe.Line, pe.Col)
		e.Msg = withoutPosition(pe.Error(), pe.Msg)
	}
	return e
}

// place is the config file and key path a construct prop comes from.
func (s source) place(prop string) (*document, string) {
	key, ok := s.fields[prop]
	switch {
	case ok && strings.HasPrefix(key, "@"):
		return s.other[key], key[1:]
	case ok:
		return s.doc, join(s.base, key)
	}
	return s.doc, join(s.base, prop)
}

// withoutPosition keeps a parser error's message and its source excerpt
// with the caret, and drops its own "line:col:" prefix, which is relative to
// the pattern or query: the config error puts the position in the file first.
func withoutPosition(full, msg string) string {
	_, excerpt, _ := strings.Cut(full, "\n")
	if excerpt == "" {
		return msg
	}
	return msg + "\n" + indentLines(excerpt, "    ")
}

func indentLines(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// queryError points at the line and column inside the saved query file.
func (s source) queryError(fe *spec.FieldError, field string) *Error {
	e := &Error{File: s.query, Msg: fe.Msg}
	var qe *insights.Error
	if errors.As(fe.Cause, &qe) {
		e.Line, e.Col, e.Msg = qe.Line, qe.Col, withoutPosition(qe.Error(), qe.Msg)
	}
	return e
}

// placeInScalar converts a line:col inside a YAML string value at field to
// a line:col in the file, for plain and quoted one-line scalars and for
// block scalars.
func (d *document) placeInScalar(field string, line, col int) (int, int) {
	start, ok := d.lines[field]
	if !ok {
		return d.line(field), 0
	}
	switch d.styles[field] {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		return start + line, 0
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		if line == 1 {
			return start, d.cols[field] + col
		}
	default:
		if line == 1 {
			return start, d.cols[field] + col - 1
		}
	}
	return start + line - 1, 0
}
