package spec

import (
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
