package eventschema

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/srcpos"
)

// ErrNotJSON is wrapped by CheckPattern's error for a pattern that is not
// a JSON pattern: terms, a regex or a space-delimited pattern do not name
// fields, so they cannot be checked against a declaration.
var ErrNotJSON = errors.New("not a JSON pattern, so not checked against the log event's fields")

// CheckPattern checks a hand-written filter pattern against the declared
// event ev: a JSON pattern may only select declared fields and the event
// field, the event field may only be compared with ev's name (= "name"),
// and each comparison must be one that can hold for the field's type and
// values (a number compared with a number, IS TRUE on a boolean, an enum
// with one of its values, a glob or regex matching one of them). It
// returns nil when the pattern passes; a syntax error from
// filterpattern.Parse; an error wrapping ErrNotJSON for other kinds of
// pattern; or one *filterpattern.Error per problem, at its offset in the
// pattern.
func CheckPattern(eventField string, ev Event, pattern string) []error {
	p, err := filterpattern.Parse(pattern)
	if err != nil {
		return []error{err}
	}
	root, ok := p.AST().(*filterpattern.JSONPattern)
	if !ok {
		return []error{fmt.Errorf("a %s pattern is %w", p.Kind(), ErrNotJSON)}
	}
	c := &patternChecker{src: pattern, eventField: orDefault(eventField), ev: ev}
	c.expr(root.Expr)
	return c.errs
}

// patternChecker collects the problems of one pattern.
type patternChecker struct {
	src        string
	eventField string
	ev         Event
	errs       []error
}

// fail records a problem at byte offset off of the pattern.
func (c *patternChecker) fail(off int, format string, a ...any) {
	off, line, col := srcpos.Locate(c.src, off)
	c.errs = append(c.errs, &filterpattern.Error{Offset: off, Line: line, Col: col, Msg: fmt.Sprintf(format, a...), Src: c.src})
}

func (c *patternChecker) expr(e filterpattern.Expr) {
	switch e := e.(type) {
	case *filterpattern.BinaryExpr:
		c.expr(e.X)
		c.expr(e.Y)
	case *filterpattern.ParenExpr:
		c.expr(e.X)
	case *filterpattern.Condition:
		c.condition(e)
	}
}

// condition checks one comparison.
func (c *patternChecker) condition(cond *filterpattern.Condition) {
	sel := cond.Selector
	first := sel.Steps[0]
	if first.Kind != filterpattern.StepKey {
		c.fail(sel.Offset, "%s does not name a field; the fields of %s are declared by name: %s", sel, c.ev.Name, declaredFields(c.ev))
		return
	}
	if first.Key == c.eventField {
		c.eventCondition(cond)
		return
	}
	f, ok := c.ev.Field(first.Key)
	if !ok {
		c.fail(sel.Offset, "%s is not a field of %s; %s", sel, c.ev.Name, declaredFields(c.ev))
		return
	}
	if len(sel.Steps) > 1 {
		c.fail(sel.Offset, "%s: %s is %s, with no members or elements", sel, f.Name, a(f.Type))
		return
	}
	switch cond.Op {
	case filterpattern.OpIsTrue, filterpattern.OpIsFalse:
		if f.Type != TypeBoolean {
			c.fail(cond.Offset, "%s never holds: %s is %s, and %s holds only for true and false%s", cond, f.Name, a(f.Type), cond.Op, booleanHint(f, cond.Op))
		}
	case filterpattern.OpIsNull:
		c.fail(cond.Offset, "%s never holds: %s is %s, never null", cond, f.Name, a(f.Type))
	case filterpattern.OpNotExists:
		if f.Required {
			c.fail(cond.Offset, "%s never holds: %s is required, in every occurrence of %s", cond, f.Name, c.ev.Name)
		}
	default:
		c.comparison(cond, f)
	}
}

// eventCondition checks a comparison of the event field, which must be
// = "<the event's name>" (or = *).
func (c *patternChecker) eventCondition(cond *filterpattern.Condition) {
	v := cond.Value
	switch {
	case len(cond.Selector.Steps) > 1:
		c.fail(cond.Selector.Offset, "%s: %s is the event field, a string with no members", cond.Selector, c.eventField)
	case cond.Op == filterpattern.OpEq && v != nil && v.Kind == filterpattern.ValueAny:
	case cond.Op == filterpattern.OpEq && v != nil && (v.Kind == filterpattern.ValueString || v.Kind == filterpattern.ValueBare) && v.Text == c.ev.Name:
	default:
		c.fail(cond.Offset, "%s: this pattern counts the log event %s, so it compares %s with = %q", cond, c.ev.Name, cond.Selector, c.ev.Name)
	}
}

// comparison checks "$.field op value" against the field's type.
func (c *patternChecker) comparison(cond *filterpattern.Condition, f Field) {
	v := cond.Value
	switch v.Kind {
	case filterpattern.ValueAny:
		if cond.Op == filterpattern.OpNe {
			c.fail(cond.Offset, "%s never holds: != * holds for no value; write %s NOT EXISTS for an absent field", cond, cond.Selector)
		}
	case filterpattern.ValueNumber:
		switch f.Type {
		case TypeString, TypeEnum:
			c.fail(v.Offset, "%s never holds: %s is %s, and CloudWatch compares a number only with JSON numbers; write %s", cond, f.Name, a(f.Type), strconv.Quote(v.Text))
		case TypeBoolean:
			c.fail(v.Offset, "%s never holds: %s is a boolean; write %s IS TRUE or IS FALSE", cond, f.Name, cond.Selector)
		}
	case filterpattern.ValueRegex:
		if f.Type == TypeBoolean {
			c.fail(v.Offset, "%s never holds: %s is a boolean; write %s IS TRUE or IS FALSE", cond, f.Name, cond.Selector)
		} else if f.Type == TypeEnum && cond.Op == filterpattern.OpEq && !anyMatches(f.Values, func(s string) (bool, bool) { return regexMatch(v.Text, s) }) {
			c.fail(v.Offset, "%s never holds: the regex matches none of the values of %s (%s)", cond, f.Name, quoteAll(f.Values))
		}
	default: // ValueString, ValueBare
		c.text(cond, f)
	}
}

// text checks a comparison with a string, plain or glob.
func (c *patternChecker) text(cond *filterpattern.Condition, f Field) {
	v := cond.Value
	glob := strings.Contains(v.Text, "*")
	switch f.Type {
	case TypeBoolean:
		c.fail(v.Offset, "%s never holds: %s is a boolean, and CloudWatch compares a string only with JSON strings; write %s IS TRUE or IS FALSE", cond, f.Name, cond.Selector)
	case TypeNumber:
		if glob {
			return // a glob tests the literal text of a number: $.status = 4*
		}
		hint := "expected a number"
		if _, ok := parseNumber(v.Text); ok {
			hint = "write " + v.Text + " without quotes"
		}
		c.fail(v.Offset, "%s never holds: %s is a number, and CloudWatch compares a string only with JSON strings; %s", cond, f.Name, hint)
	case TypeEnum:
		if glob && cond.Op == filterpattern.OpEq && !anyMatches(f.Values, func(s string) (bool, bool) { return globMatch(v.Text, s) }) {
			c.fail(v.Offset, "%s never holds: the glob matches none of the values of %s (%s)", cond, f.Name, quoteAll(f.Values))
		} else if !glob && !slices.Contains(f.Values, v.Text) {
			c.fail(v.Offset, "%s: %q is not a value of %s; expected one of %s", cond, v.Text, f.Name, quoteAll(f.Values))
		}
	}
}

// booleanHint suggests the string comparison for IS TRUE/FALSE on an enum
// or string that spells booleans, as "True".
func booleanHint(f Field, op filterpattern.Op) string {
	want := "true"
	if op == filterpattern.OpIsFalse {
		want = "false"
	}
	for _, v := range f.Values {
		if strings.EqualFold(v, want) {
			return fmt.Sprintf("; write $.%s = %q", f.Name, v)
		}
	}
	return ""
}

// anyMatches reports whether match holds for one of values; a match it
// cannot decide (ok false) counts as a match.
func anyMatches(values []string, match func(string) (matched, ok bool)) bool {
	for _, s := range values {
		if m, ok := match(s); m || !ok {
			return true
		}
	}
	return false
}

// globMatch tests a filter pattern glob ('*' is any run of characters)
// against s.
func globMatch(glob, s string) (bool, bool) {
	parts := strings.Split(glob, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false, true
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false, true
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, last), true
}

// regexMatch searches s with a %regex% body; ok is false when Go's
// regexp does not read the body as CloudWatch does.
func regexMatch(body, s string) (bool, bool) {
	re, err := regexp.Compile(body)
	if err != nil || strings.Contains(body, "{,") {
		return false, false
	}
	return re.MatchString(s), true
}
