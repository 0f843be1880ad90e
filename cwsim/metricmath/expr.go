package metricmath

import (
	"slices"
	"time"
)

// Expr is a parsed metric math expression. It is immutable and safe for
// concurrent use.
type Expr struct {
	src   string
	root  Node
	refs  []string
	check *Error // what Check returns; nil when the expression can be evaluated
}

// Env gives the values of the other ids at the evaluated timestamp (one
// period of the alarm).
type Env interface {
	// Value is the datapoint of id at this timestamp; false: no datapoint.
	Value(id string) (float64, bool)
	// Previous is id's last present value before this timestamp, for
	// FILL(m, REPEAT) and DIFF(m); false: there is none.
	Previous(id string) (float64, bool)
	// Band is the anomaly detection band of metric id at this timestamp
	// for stdDevs standard deviations (a fixture: the model is AWS's).
	Band(id string, stdDevs float64) (lower, upper float64, ok bool)
}

// Clock is an optional interface of an Env that knows the evaluated
// timestamp. MINUTE, HOUR, DAY, DATE, MONTH, YEAR and EPOCH need it; with
// an Env that lacks it, Eval refuses them (ErrNotSimulated).
type Clock interface {
	Time() time.Time
}

// Periods is an optional interface of an Env that knows the period of its
// metrics. PERIOD(m) needs it; with an Env that lacks it, Eval refuses
// PERIOD (ErrNotSimulated).
type Periods interface {
	// Period is the period of metric id; false: id is no metric (PERIOD
	// takes "metrics, not the results of other expressions").
	Period(id string) (time.Duration, bool)
}

// Result is a datapoint or a band.
type Result struct {
	Value   float64 // the datapoint, when Present and not IsBand
	Present bool    // false: the expression returns no datapoint at this timestamp
	IsBand  bool    // the expression is an ANOMALY_DETECTION_BAND
	Lower   float64 // the band's lower bound, when IsBand and Present
	Upper   float64 // the band's upper bound, when IsBand and Present
}

// newExpr wraps a parsed syntax tree.
func newExpr(src string, root Node) *Expr {
	e := &Expr{src: src, root: root}
	e.refs = collectRefs(root, nil)
	slices.Sort(e.refs)
	e.refs = slices.Compact(e.refs)
	e.check = newChecker(src).check(root)
	return e
}

// collectRefs appends the Ids under n to refs.
func collectRefs(n Node, refs []string) []string {
	switch n := n.(type) {
	case *Ref:
		refs = append(refs, n.ID)
	case *Unary:
		refs = collectRefs(n.X, refs)
	case *Binary:
		refs = collectRefs(n.Y, collectRefs(n.X, refs))
	case *Paren:
		refs = collectRefs(n.X, refs)
	case *Call:
		for _, a := range n.Args {
			refs = collectRefs(a, refs)
		}
	case *Array:
		for _, a := range n.Elems {
			refs = collectRefs(a, refs)
		}
	}
	return refs
}

// String returns the expression in canonical form; Parse(e.String())
// gives the same tree.
func (e *Expr) String() string { return e.root.String() }

// Source returns the expression exactly as given to Parse.
func (e *Expr) Source() string { return e.src }

// AST returns the root of the syntax tree. Callers must not modify it.
func (e *Expr) AST() Node { return e.root }

// Refs returns the Ids the expression refers to, sorted, each once.
func (e *Expr) Refs() []string { return slices.Clone(e.refs) }

// Check reports, without data, whether Eval can evaluate the expression:
// nil, or the *Error that Eval returns for every Env (a type error, such
// as FIRST(m1), or a refusal wrapping ErrNotSimulated, such as RATE(m1)).
// Eval may still refuse a function that needs an optional Env interface
// (Clock, Periods) the Env lacks.
func (e *Expr) Check() error {
	if e.check == nil {
		return nil
	}
	return e.check
}
