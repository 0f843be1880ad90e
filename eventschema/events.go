package eventschema

import (
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/filterpattern"
)

// PatternEvents returns the event names a JSON pattern compares the event
// field with (= "name", without a glob), sorted and unique: the log events
// a hand-written pattern counts. It returns nil for a pattern that does
// not parse, is not JSON, or does not name an event.
func PatternEvents(eventField, pattern string) []string {
	p, err := filterpattern.Parse(pattern)
	if err != nil {
		return nil
	}
	root, ok := p.AST().(*filterpattern.JSONPattern)
	if !ok {
		return nil
	}
	eventField = orDefault(eventField)
	var names []string
	var walk func(filterpattern.Expr)
	walk = func(e filterpattern.Expr) {
		switch e := e.(type) {
		case *filterpattern.BinaryExpr:
			walk(e.X)
			walk(e.Y)
		case *filterpattern.ParenExpr:
			walk(e.X)
		case *filterpattern.Condition:
			s, v := e.Selector.Steps, e.Value
			if len(s) == 1 && s[0].Kind == filterpattern.StepKey && s[0].Key == eventField && e.Op == filterpattern.OpEq &&
				(v.Kind == filterpattern.ValueString || v.Kind == filterpattern.ValueBare) && !strings.Contains(v.Text, "*") {
				names = append(names, v.Text)
			}
		}
	}
	walk(root.Expr)
	slices.Sort(names)
	return slices.Compact(names)
}
