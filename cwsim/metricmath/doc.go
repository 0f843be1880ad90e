// Package metricmath parses CloudWatch metric math expressions and
// evaluates them one period at a time, as an alarm on metric math does, so
// that alarms can be simulated offline.
//
//	e, err := metricmath.Parse("IF(denominator > 0, numerator / denominator, 0)")
//	if err != nil {
//		log.Fatal(err) // an *Error: "1:13: ..." plus the line and a caret
//	}
//	r, err := e.Eval(env) // env gives numerator and denominator in this period
//	// r.Present is false where the expression returns no datapoint
//
// An expression is parsed once into a small syntax tree (see Node; String
// renders it back, and Parse of that gives the same tree) and checked once
// for types and for what can be simulated (Check). Eval then reads the
// other Ids' datapoints from an Env. Functions that need the whole time
// series or data the simulator does not hold (RATE, RUNNING_SUM, SEARCH,
// METRICS, ...) are parsed and refused with an error wrapping
// ErrNotSimulated.
//
// What the CloudWatch documentation leaves open, and how this package
// decides, is written down in one place: the comment of Semantics.
package metricmath
