package compositerule

import (
	"slices"
	"strconv"
)

// Rule is a parsed composite alarm rule. It is immutable and safe for
// concurrent use.
type Rule struct {
	src    string
	root   Node
	alarms []string
}

// String returns the rule in canonical form; Parse(r.String()) gives the
// same tree.
func (r *Rule) String() string { return r.root.String() }

// Source returns the rule exactly as given to Parse.
func (r *Rule) Source() string { return r.src }

// AST returns the root of the syntax tree. Callers must not modify it.
func (r *Rule) AST() Node { return r.root }

// Alarms returns the alarm names or ARNs the rule references, in order of
// first appearance, each once.
func (r *Rule) Alarms() []string { return slices.Clone(r.alarms) }

// Eval evaluates the rule over the alarms' states: state gives each
// referenced alarm's state ("OK", "ALARM" or "INSUFFICIENT_DATA"), ok
// false for an alarm it does not know. True means the composite alarm is
// in ALARM, false that it is OK. Every state function is evaluated, so the
// error (the first in the rule, an *Error at the alarm's name) does not
// depend on the states.
func (r *Rule) Eval(state func(ref string) (string, bool)) (bool, error) {
	var first *Error
	v := r.eval(r.root, state, &first)
	if first != nil {
		return false, first
	}
	return v, nil
}

// eval evaluates n, recording the first error in *first.
func (r *Rule) eval(n Node, state func(string) (string, bool), first **Error) bool {
	switch n := n.(type) {
	case *Bool:
		return n.Value
	case *Func:
		s, ok := state(n.Alarm)
		switch {
		case !ok:
			r.fail(first, n.AlarmOffset, "unknown alarm %s", strconv.Quote(n.Alarm))
		case s != string(StateOK) && s != string(StateAlarm) && s != string(StateInsufficientData):
			r.fail(first, n.AlarmOffset, "alarm %s is in state %s; expected OK, ALARM or INSUFFICIENT_DATA", strconv.Quote(n.Alarm), strconv.Quote(s))
		}
		return s == string(n.State)
	case *Not:
		return !r.eval(n.X, state, first)
	case *Paren:
		return r.eval(n.X, state, first)
	case *Binary:
		x, y := r.eval(n.X, state, first), r.eval(n.Y, state, first)
		if n.Op == OpAnd {
			return x && y
		}
		return x || y
	}
	panic("compositerule: unknown node")
}

// fail records an error at off unless one is recorded already.
func (r *Rule) fail(first **Error, off int, format string, args ...any) {
	if *first == nil {
		*first = newError(r.src, off, format, args...)
	}
}
