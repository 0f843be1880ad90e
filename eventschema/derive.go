package eventschema

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/jsonscan"
)

// DerivePattern returns the CloudWatch filter pattern that selects the
// occurrences of ev whose fields have the where values:
//
//	{ $.event = "my-queue-worker" && $.success = "False" && $.time = * }
//
// The event field comes first, then the where fields sorted by name. A
// where value is, by the field's type: a string or one of the enum's values
// (compared quoted), a JSON number (12.5), true or false (IS TRUE, IS
// FALSE), or Present ("*") for any type. The errors, joined, are
// *DeclError at where.<field>: an undeclared field, or a value the field
// cannot take.
func DerivePattern(eventField string, ev Event, where map[string]string) (string, error) {
	eventField = orDefault(eventField)
	expr := filterpattern.Expr(condition(eventField, filterpattern.OpEq, &filterpattern.Value{Kind: filterpattern.ValueString, Text: ev.Name}))
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(where)) {
		c, err := whereCondition(eventField, ev, name, where[name])
		if err != nil {
			errs = append(errs, &DeclError{Path: "where." + name, Msg: err.Error()})
			continue
		}
		expr = &filterpattern.BinaryExpr{Op: "&&", X: expr, Y: c}
	}
	if len(errs) > 0 {
		return "", errors.Join(errs...)
	}
	src := (&filterpattern.JSONPattern{Expr: expr}).String()
	if _, err := filterpattern.Parse(src); err != nil {
		return "", fmt.Errorf("the derived pattern %s is not valid: %w", src, err)
	}
	return src, nil
}

// whereCondition is the condition of one where entry.
func whereCondition(eventField string, ev Event, name, value string) (*filterpattern.Condition, error) {
	f, ok := ev.Field(name)
	if !ok {
		if name == eventField {
			return nil, fmt.Errorf("%s is the event field; the pattern compares it with %q already", name, ev.Name)
		}
		return nil, fmt.Errorf("%s is not a field of %s; %s", name, ev.Name, declaredFields(ev))
	}
	if value == Present {
		return condition(name, filterpattern.OpEq, &filterpattern.Value{Kind: filterpattern.ValueAny, Text: Present}), nil
	}
	switch f.Type {
	case TypeString:
		if strings.Contains(value, "*") {
			return nil, fmt.Errorf("%q holds '*', which a filter pattern reads as a glob; expected a plain value, or \"*\" alone for present", value)
		}
		return condition(name, filterpattern.OpEq, &filterpattern.Value{Kind: filterpattern.ValueString, Text: value}), nil
	case TypeEnum:
		if !slices.Contains(f.Values, value) {
			return nil, fmt.Errorf("%q is not a value of %s; expected one of %s, or \"*\" for present", value, name, quoteAll(f.Values))
		}
		return condition(name, filterpattern.OpEq, &filterpattern.Value{Kind: filterpattern.ValueString, Text: value}), nil
	case TypeNumber:
		n, ok := parseNumber(value)
		if !ok {
			return nil, fmt.Errorf("%q is not a number; %s is a number field: expected a JSON number such as 12.5, or \"*\" for present", value, name)
		}
		return condition(name, filterpattern.OpEq, &filterpattern.Value{Kind: filterpattern.ValueNumber, Text: value, Number: n}), nil
	case TypeBoolean:
		switch value {
		case "true":
			return condition(name, filterpattern.OpIsTrue, nil), nil
		case "false":
			return condition(name, filterpattern.OpIsFalse, nil), nil
		}
		return nil, fmt.Errorf("%q is not a boolean; %s is a boolean field: expected true or false, or \"*\" for present", value, name)
	}
	return nil, fmt.Errorf("%s has the unknown type %q", name, f.Type)
}

// condition is $.name op value.
func condition(name string, op filterpattern.Op, v *filterpattern.Value) *filterpattern.Condition {
	sel := &filterpattern.Selector{Steps: []filterpattern.Step{{Kind: filterpattern.StepKey, Key: name}}}
	return &filterpattern.Condition{Selector: sel, Op: op, Value: v}
}

// parseNumber reads a JSON number, finite.
func parseNumber(s string) (float64, bool) {
	if end, ok := jsonscan.SkipNumber(s, 0); !ok || end != len(s) {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil && !math.IsInf(n, 0)
}

// declaredFields lists the fields of ev for a message.
func declaredFields(ev Event) string {
	if len(ev.Fields) == 0 {
		return "it declares no fields"
	}
	names := make([]string, len(ev.Fields))
	for i, f := range ev.Fields {
		names[i] = f.Name
	}
	return "expected one of " + strings.Join(names, ", ")
}

// quoteAll quotes each value and joins them with ", ".
func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
