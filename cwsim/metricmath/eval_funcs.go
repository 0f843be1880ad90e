package metricmath

import (
	"math"
	"slices"
)

// DefaultStdDevs is the number of standard deviations of
// ANOMALY_DETECTION_BAND(m) without a second argument: "If you don't
// specify this argument, the default of 2 is used."
const DefaultStdDevs = 2

// call evaluates a function call that Check accepted.
func (ev *evaluator) call(n *Call) (value, error) {
	switch n.Func {
	case "IF":
		return ev.ifCall(n)
	case "FILL":
		return ev.fill(n)
	case "ANOMALY_DETECTION_BAND":
		return ev.band(n)
	case "DIFF":
		return ev.diff(n)
	case "PERIOD":
		return ev.period(n)
	}
	if slices.Contains(timeFuncs, n.Func) {
		return ev.timeFunc(n)
	}
	arg, err := ev.eval(n.Args[0])
	if err != nil {
		return value{}, err
	}
	switch n.Func {
	case "ABS":
		return mapPoints(arg, math.Abs), nil
	case "CEIL":
		return mapPoints(arg, math.Ceil), nil
	case "FLOOR":
		return mapPoints(arg, math.Floor), nil
	case "LOG":
		return mapPoints(arg, math.Log), nil
	case "LOG10":
		return mapPoints(arg, math.Log10), nil
	case "MIN", "MAX", "SUM", "AVG":
		return value{kind: kSeries, p: reduce(n.Func, arg.arr)}, nil
	case "FIRST":
		return value{kind: kSeries, p: arg.arr[0]}, nil
	case "LAST":
		return value{kind: kSeries, p: arg.arr[len(arg.arr)-1]}, nil
	case "METRIC_COUNT":
		return value{kind: kScalar, p: some(float64(len(arg.arr)))}, nil
	case "TIME_SERIES":
		return value{kind: kSeries, p: arg.p}, nil
	}
	panic("metricmath: no evaluator for " + n.Func)
}

// evalArgs evaluates all arguments of a call.
func (ev *evaluator) evalArgs(args []Node) ([]value, error) {
	vals := make([]value, len(args))
	for i, a := range args {
		v, err := ev.eval(a)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// ifCall evaluates IF(condition, trueValue[, falseValue]) as the section
// "Using IF expressions" documents. With a time series condition, the
// result has a datapoint where the condition has one: trueValue's when the
// condition is not 0 (0 when trueValue has none), falseValue's when it is
// 0 (none when falseValue has none or is omitted). With a scalar
// condition, the result is the chosen value as it is (none when
// falseValue is omitted: "an empty time series").
func (ev *evaluator) ifCall(n *Call) (value, error) {
	args, err := ev.evalArgs(n.Args)
	if err != nil {
		return value{}, err
	}
	cond, yes := args[0], args[1]
	k := kScalar
	for _, a := range args {
		k = max(k, a.kind)
	}
	chosen := func(v value, ok bool) value {
		if !ok {
			return value{kind: k}
		}
		return value{kind: k, p: v.p}
	}
	if cond.kind == kScalar {
		switch {
		case !cond.p.ok:
			return value{kind: k}, nil
		case cond.p.v != 0:
			return chosen(yes, true), nil
		}
		return chosen(args[len(args)-1], len(args) == 3), nil
	}
	switch {
	case !cond.p.ok:
		return value{kind: kSeries}, nil
	case cond.p.v != 0 && !yes.p.ok:
		return value{kind: kSeries, p: point{v: 0, ok: true}}, nil
	case cond.p.v != 0:
		return chosen(yes, true), nil
	}
	return chosen(args[len(args)-1], len(args) == 3), nil
}

// fill evaluates FILL(x, filler): where x has no datapoint, the filler's
// value (a number or another time series' datapoint), or with REPEAT the
// Id's last present value before this timestamp.
func (ev *evaluator) fill(n *Call) (value, error) {
	x, err := ev.eval(n.Args[0])
	if err != nil {
		return value{}, err
	}
	pts := slices.Clone(x.points())
	if _, repeat := n.Args[1].(*Keyword); repeat {
		ids, _ := refIDs(n.Args[0])
		for i, p := range pts {
			if !p.ok {
				if v, ok := ev.env.Previous(ids[i]); ok {
					pts[i] = some(v)
				}
			}
		}
	} else {
		filler, err := ev.eval(n.Args[1])
		if err != nil {
			return value{}, err
		}
		for i, p := range pts {
			if !p.ok {
				pts[i] = filler.p
			}
		}
	}
	if x.kind == kArray {
		return value{kind: kArray, arr: pts}, nil
	}
	return value{kind: x.kind, p: pts[0]}, nil
}

// band evaluates ANOMALY_DETECTION_BAND(id[, stdDevs]) as the array
// [upper, lower]: "LAST(ANOMALY_DETECTION_BAND(m1)) returns the lower
// bound of the anomaly prediction band".
func (ev *evaluator) band(n *Call) (value, error) {
	none := value{kind: kArray, arr: []point{{}, {}}, band: true}
	k := float64(DefaultStdDevs)
	if len(n.Args) == 2 {
		s, err := ev.eval(n.Args[1])
		if err != nil {
			return value{}, err
		}
		if !s.p.ok {
			return none, nil
		}
		k = s.p.v
	}
	lower, upper, ok := ev.env.Band(unparen(n.Args[0]).(*Ref).ID, k)
	if !ok {
		return none, nil
	}
	return value{kind: kArray, arr: []point{some(upper), some(lower)}, band: true}, nil
}

// diff evaluates DIFF(id): "the difference between each value in the time
// series and the preceding value from that time series"; none when the Id
// has no datapoint now or none before.
func (ev *evaluator) diff(n *Call) (value, error) {
	x, err := ev.eval(n.Args[0])
	if err != nil {
		return value{}, err
	}
	ids, _ := refIDs(n.Args[0])
	pts := slices.Clone(x.points())
	for i, p := range pts {
		prev, ok := ev.env.Previous(ids[i])
		if !p.ok || !ok {
			pts[i] = point{}
			continue
		}
		pts[i] = some(p.v - prev)
	}
	if x.kind == kArray {
		return value{kind: kArray, arr: pts}, nil
	}
	return value{kind: x.kind, p: pts[0]}, nil
}

// period evaluates PERIOD(id), the period of a metric in seconds; it needs
// an Env that implements Periods.
func (ev *evaluator) period(n *Call) (value, error) {
	pe, ok := ev.env.(Periods)
	if !ok {
		return value{}, notSimulated(ev.src, n.Offset, "PERIOD needs an Env that implements metricmath.Periods")
	}
	id := unparen(n.Args[0]).(*Ref).ID
	d, ok := pe.Period(id)
	if !ok {
		return value{}, newError(ev.src, n.Args[0].Pos(), "PERIOD(%s): %s is not a metric (\"valid input is metrics, not the results of other expressions\")", id, id)
	}
	return value{kind: kScalar, p: some(d.Seconds())}, nil
}

// timeFunc evaluates MINUTE, HOUR, DAY, DATE, MONTH, YEAR and EPOCH of the
// evaluated timestamp, in UTC; it needs an Env that implements Clock. The
// result has a datapoint whether or not the argument has one (a
// "non-sparse time series"). DAY is the day of the week, 1 (Monday) to
// 7 (Sunday), as "IF(DAY(m1)<6,m1) returns metrics only from weekdays,
// Monday to Friday" implies.
func (ev *evaluator) timeFunc(n *Call) (value, error) {
	if _, err := ev.eval(n.Args[0]); err != nil {
		return value{}, err
	}
	clk, ok := ev.env.(Clock)
	if !ok {
		return value{}, notSimulated(ev.src, n.Offset, "%s needs an Env that implements metricmath.Clock", n.Func)
	}
	t := clk.Time().UTC()
	var v int64
	switch n.Func {
	case "MINUTE":
		v = int64(t.Minute())
	case "HOUR":
		v = int64(t.Hour())
	case "DAY":
		v = int64(t.Weekday())
		if v == 0 {
			v = 7
		}
	case "DATE":
		v = int64(t.Day())
	case "MONTH":
		v = int64(t.Month())
	case "YEAR":
		v = int64(t.Year())
	case "EPOCH":
		v = t.Unix()
	}
	return value{kind: kSeries, p: some(float64(v))}, nil
}

// reduce computes MIN, MAX, SUM or AVG over the series of an array at one
// timestamp; none when no series has a datapoint. SUM and AVG count a
// missing datapoint as 0 ("Missing values are treated as 0", so AVG
// divides by the number of series); MIN and MAX skip it.
func reduce(fn string, pts []point) point {
	var acc float64
	n := 0
	for _, p := range pts {
		if !p.ok {
			continue
		}
		switch {
		case n == 0 && (fn == "MIN" || fn == "MAX"):
			acc = p.v
		case fn == "MIN":
			acc = math.Min(acc, p.v)
		case fn == "MAX":
			acc = math.Max(acc, p.v)
		default:
			acc += p.v
		}
		n++
	}
	if n == 0 {
		return point{}
	}
	if fn == "AVG" {
		acc /= float64(len(pts))
	}
	return some(acc)
}
