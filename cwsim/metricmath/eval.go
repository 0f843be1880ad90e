package metricmath

import "math"

// point is a datapoint at the evaluated timestamp, or none (ok false).
type point struct {
	v  float64
	ok bool
}

// value is what a node evaluates to at one timestamp: a scalar or one
// time series' point (p), or an array of points (arr). band marks the
// [upper, lower] array of ANOMALY_DETECTION_BAND.
type value struct {
	kind kind
	p    point
	arr  []point
	band bool
}

// some returns a present point, or none when f is NaN or infinite: such a
// value is dropped like the result of a division by zero (see Semantics).
func some(f float64) point {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return point{}
	}
	return point{v: f, ok: true}
}

// truth is 1 for true and 0 for false.
func truth(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// evaluator evaluates a checked syntax tree at one timestamp.
type evaluator struct {
	src string
	env Env
}

// Eval evaluates the expression at one timestamp, with the values of the
// other Ids from env. A datapoint that the documentation says is dropped,
// or that is NaN or infinite, gives Result.Present false; errors are
// *Error: the one Check returns, or a refusal of a function whose optional
// Env interface (Clock, Periods) env lacks.
func (e *Expr) Eval(env Env) (Result, error) {
	if e.check != nil {
		return Result{}, e.check
	}
	ev := &evaluator{src: e.src, env: env}
	v, err := ev.eval(e.root)
	if err != nil {
		return Result{}, err
	}
	if v.band {
		upper, lower := v.arr[0], v.arr[1]
		if !upper.ok || !lower.ok {
			return Result{IsBand: true}, nil
		}
		return Result{IsBand: true, Present: true, Lower: lower.v, Upper: upper.v}, nil
	}
	return Result{Value: v.p.v, Present: v.p.ok}, nil
}

// eval evaluates n. Arguments are always all evaluated, so that an error
// does not depend on the data.
func (ev *evaluator) eval(n Node) (value, error) {
	switch n := n.(type) {
	case *Number:
		return value{kind: kScalar, p: some(n.Value)}, nil
	case *Ref:
		v, ok := ev.env.Value(n.ID)
		if !ok {
			return value{kind: kSeries}, nil
		}
		return value{kind: kSeries, p: some(v)}, nil
	case *Paren:
		return ev.eval(n.X)
	case *Unary:
		x, err := ev.eval(n.X)
		return mapPoints(x, func(f float64) float64 { return -f }), err
	case *Binary:
		x, err := ev.eval(n.X)
		if err != nil {
			return value{}, err
		}
		y, err := ev.eval(n.Y)
		return binary(n.Op, x, y), err
	case *Array:
		arr := value{kind: kArray}
		for _, e := range n.Elems {
			v, err := ev.eval(e)
			if err != nil {
				return value{}, err
			}
			arr.arr = append(arr.arr, v.points()...)
		}
		return arr, nil
	case *Call:
		return ev.call(n)
	}
	panic("metricmath: cannot evaluate " + n.String())
}

// points returns the points of a series or an array.
func (v value) points() []point {
	if v.kind == kArray {
		return v.arr
	}
	return []point{v.p}
}

// mapPoints applies f to every present point of v, keeping its kind.
func mapPoints(v value, f func(float64) float64) value {
	apply := func(p point) point {
		if !p.ok {
			return p
		}
		return some(f(p.v))
	}
	if v.kind != kArray {
		v.p = apply(v.p)
		return v
	}
	out := value{kind: kArray, arr: make([]point, len(v.arr))}
	for i, p := range v.arr {
		out.arr[i] = apply(p)
	}
	return out
}

// binary applies an operator. With an array, it applies it to each of the
// array's series.
func binary(op Op, x, y value) value {
	switch {
	case x.kind == kArray:
		out := value{kind: kArray, arr: make([]point, len(x.arr))}
		for i, p := range x.arr {
			out.arr[i] = combine(op, value{kind: kSeries, p: p}, y)
		}
		return out
	case y.kind == kArray:
		out := value{kind: kArray, arr: make([]point, len(y.arr))}
		for i, p := range y.arr {
			out.arr[i] = combine(op, x, value{kind: kSeries, p: p})
		}
		return out
	}
	return value{kind: max(x.kind, y.kind), p: combine(op, x, y)}
}

// combine applies an operator to two scalars or series. Between two time
// series, a missing datapoint counts as 0 when the other series has one
// ("Missing values in a time series are treated as 0"; "the function
// treats the missing value in the other time series as 0"); with a
// scalar, a missing datapoint stays missing.
func combine(op Op, x, y value) point {
	a, b := x.p, y.p
	if x.kind == kSeries && y.kind == kSeries {
		if !a.ok && !b.ok {
			return point{}
		}
		if !a.ok {
			a = point{ok: true}
		}
		if !b.ok {
			b = point{ok: true}
		}
	}
	if !a.ok || !b.ok {
		return point{}
	}
	return apply(op, a.v, b.v)
}

// apply computes a op b. A division by zero drops the datapoint ("If the
// value of a data point causes a function to attempt to divide by zero,
// the data point is dropped").
func apply(op Op, a, b float64) point {
	switch op {
	case OpAdd:
		return some(a + b)
	case OpSub:
		return some(a - b)
	case OpMul:
		return some(a * b)
	case OpDiv:
		if b == 0 {
			return point{}
		}
		return some(a / b)
	case OpPow:
		return some(math.Pow(a, b))
	case OpEq:
		return some(truth(a == b))
	case OpNe:
		return some(truth(a != b))
	case OpLt:
		return some(truth(a < b))
	case OpLe:
		return some(truth(a <= b))
	case OpGt:
		return some(truth(a > b))
	case OpGe:
		return some(truth(a >= b))
	case OpAnd, OpAndSym:
		return some(truth(a != 0 && b != 0))
	case OpOr, OpOrSym:
		return some(truth(a != 0 || b != 0))
	}
	panic("metricmath: unknown operator " + string(op))
}
