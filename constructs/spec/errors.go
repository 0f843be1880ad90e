package spec

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// FieldError is a validation failure of one prop: Field names it the way the
// user wrote it (for eventwatch's config, the YAML key path).
type FieldError struct {
	Field string
	Msg   string
	// Cause is the parser error behind Msg, if any, with its position.
	Cause error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Cause }

// Problems collects the validation errors of one props value, so that
// Validate reports every problem at once rather than the first: one error
// per field (two checks of a field, such as a length counted by checkRules
// and again by Validate, report it once), in the order of the checks, so
// that the first is the one a caller that shows a single problem (the
// config loader, through errors.As) has always shown. The zero value is
// ready to use.
type Problems struct {
	errs   []error
	fields map[string]bool
}

// Add records err, unless it is nil or its field already has an error. An
// error that joins several (another props' Validate) adds each of them.
func (p *Problems) Add(err error) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			p.Add(e)
		}
		return
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		if p.fields[fe.Field] {
			return
		}
		if p.fields == nil {
			p.fields = map[string]bool{}
		}
		p.fields[fe.Field] = true
	}
	p.errs = append(p.errs, err)
}

// Has reports whether field already has an error, for checks that make no
// sense once it has (arithmetic on a value out of range).
func (p *Problems) Has(field string) bool { return p.fields[field] }

// Err is nil, the one error, or every error joined with errors.Join (one
// per line; errors.As finds the first *FieldError).
func (p *Problems) Err() error {
	switch len(p.errs) {
	case 0:
		return nil
	case 1:
		return p.errs[0]
	}
	return errors.Join(p.errs...)
}

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// oneOf checks that v is one of allowed.
func oneOf[T comparable](field string, v T, allowed []T) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fieldErr(field, "%v is not allowed; expected one of %s", v, joinValues(allowed))
}

func joinValues[T any](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ", ")
}
