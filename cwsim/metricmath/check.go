package metricmath

import "slices"

// kind is the static type of a node, as the documentation's tables name
// them: S (a scalar), TS (one time series: at one timestamp, a datapoint
// or none) and TS[] (an array of time series); plus the string and
// keyword arguments of some functions.
type kind uint8

const (
	kScalar  kind = iota // S: a number, the same at every timestamp
	kSeries              // TS
	kArray               // TS[]
	kString              // a quoted string argument
	kKeyword             // a keyword argument
)

var kindNames = [...]string{"a number", "a time series", "an array of time series", "a string", "a keyword"}

// checker computes the kind of every node and finds the first type error
// or refusal, in source order. Errors are raised with panic(*Error).
type checker struct {
	src string
}

func newChecker(src string) *checker { return &checker{src: src} }

// check returns the error of the whole expression, or nil. The result
// must be one time series ("Any expression used in a PutMetricAlarm
// operation must return a single time series"), or an anomaly detection
// band.
func (c *checker) check(root Node) (err *Error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	switch k := c.kind(root); {
	case k == kScalar:
		return newError(c.src, start(root), "the expression returns a number, not a time series; an alarm's expression must return a time series (TIME_SERIES(x) makes one)")
	case k == kArray && !isBand(root):
		return newError(c.src, start(root), "the expression returns an array of time series; an alarm's expression must return a single time series")
	}
	return nil
}

// fail raises a type error at off.
func (c *checker) fail(off int, format string, args ...any) {
	panic(newError(c.src, off, format, args...))
}

// refuse raises a refusal (ErrNotSimulated) at off.
func (c *checker) refuse(off int, format string, args ...any) {
	panic(notSimulated(c.src, off, format, args...))
}

// kind returns the kind of n.
func (c *checker) kind(n Node) kind {
	switch n := n.(type) {
	case *Number:
		return kScalar
	case *Ref:
		return kSeries
	case *StringLit:
		return kString
	case *Keyword:
		return kKeyword
	case *Paren:
		return c.kind(n.X)
	case *Unary:
		return c.numeric(n.X)
	case *Binary:
		x, y := c.numeric(n.X), c.numeric(n.Y)
		if x == kArray && y == kArray {
			c.fail(n.Offset, "%s between two arrays of time series is not supported", n.Op)
		}
		return max(x, y) // kArray > kSeries > kScalar
	case *Array:
		for _, e := range n.Elems {
			if k := c.kind(e); k != kSeries && k != kArray {
				c.fail(start(e), "an array holds time series, not %s", kindNames[k])
			}
		}
		return kArray
	case *Call:
		return c.call(n)
	}
	panic("metricmath: unknown node")
}

// numeric returns the kind of an operand of an operator or of a
// per-datapoint function: a number, a time series or an array.
func (c *checker) numeric(n Node) kind {
	k := c.kind(n)
	if k > kArray {
		c.fail(start(n), "expected a number or a time series, not %s", kindNames[k])
	}
	return k
}

// call returns the kind of a function call, or refuses it.
func (c *checker) call(n *Call) kind {
	f := functions[n.Func]
	if f.refuse != "" {
		c.refuse(n.Offset, "%s %s", n.Func, f.refuse)
	}
	args := n.Args
	switch n.Func {
	case "ABS", "CEIL", "FLOOR", "LOG", "LOG10":
		return c.numeric(args[0])
	case "IF":
		return c.ifKind(n)
	case "FILL":
		return c.fillKind(n)
	case "ANOMALY_DETECTION_BAND":
		if _, ok := unparen(args[0]).(*Ref); !ok {
			c.refuse(start(args[0]), "ANOMALY_DETECTION_BAND is simulated on an Id only (Env.Band gives the band of an Id)")
		}
		if len(args) == 2 && c.numeric(args[1]) != kScalar {
			c.fail(start(args[1]), "the number of standard deviations must be a number, not %s", kindNames[c.kind(args[1])])
		}
		return kArray
	case "MIN", "MAX", "SUM", "AVG", "STDDEV":
		switch k := c.numeric(args[0]); {
		case k == kSeries:
			c.refuse(n.Offset, "%s of a single time series is one number over the whole series: it %s", n.Func, needsWholeSeries)
		case k == kScalar:
			c.fail(start(args[0]), "%s takes a time series or an array of time series, not a number", n.Func)
		case n.Func == "STDDEV":
			c.refuse(n.Offset, "STDDEV of an array: the documentation does not say whether it is the population or the sample deviation")
		}
		return kSeries
	case "FIRST", "LAST", "METRIC_COUNT":
		if k := c.kind(args[0]); k != kArray {
			c.fail(start(args[0]), "%s takes an array of time series, not %s", n.Func, kindNames[k])
		}
		if n.Func == "METRIC_COUNT" {
			return kScalar
		}
		return kSeries
	case "TIME_SERIES":
		if k := c.kind(args[0]); k != kScalar {
			c.fail(start(args[0]), "TIME_SERIES takes a number, not %s", kindNames[k])
		}
		return kSeries
	case "DIFF":
		if _, ok := refIDs(args[0]); !ok {
			c.refuse(n.Offset, "DIFF is simulated on Ids only (Env.Previous gives an Id's previous value)")
		}
		return c.kind(args[0])
	case "PERIOD":
		if _, ok := unparen(args[0]).(*Ref); !ok {
			c.fail(start(args[0]), "PERIOD takes the Id of a metric: \"valid input is metrics, not the results of other expressions\"")
		}
		return kScalar
	}
	if slices.Contains(timeFuncs, n.Func) {
		if k := c.kind(args[0]); k != kSeries {
			c.fail(start(args[0]), "%s takes a time series, not %s", n.Func, kindNames[k])
		}
		return kSeries
	}
	panic("metricmath: function without a kind rule: " + n.Func)
}

// ifKind checks IF(condition, trueValue[, falseValue]): the condition and
// the values are numbers or single time series; the result is a time
// series unless all are numbers.
func (c *checker) ifKind(n *Call) kind {
	k := kScalar
	for i, a := range n.Args {
		ak := c.numeric(a)
		if ak == kArray {
			what := "the values of IF"
			if i == 0 {
				what = "the condition of IF"
			}
			c.fail(start(a), "%s must be a number or a single time series, not an array", what)
		}
		k = max(k, ak)
	}
	return k
}

// fillKind checks FILL(series, filler): the filler is a number, a time
// series, or REPEAT on Ids; LINEAR needs the next datapoint.
func (c *checker) fillKind(n *Call) kind {
	k := c.kind(n.Args[0])
	if k != kSeries && k != kArray {
		c.fail(start(n.Args[0]), "FILL fills a time series or an array of time series, not %s", kindNames[k])
	}
	switch a := n.Args[1].(type) {
	case *Keyword:
		if a.Name == "LINEAR" {
			c.refuse(a.Offset, "FILL(..., LINEAR) needs the next datapoint, after this timestamp")
		}
		if _, ok := refIDs(n.Args[0]); !ok {
			c.refuse(a.Offset, "FILL(..., REPEAT) is simulated on Ids only (Env.Previous gives an Id's last value)")
		}
	default:
		if fk := c.numeric(a); fk == kArray {
			c.fail(start(a), "the filler of FILL must be a number or a time series, not an array")
		}
	}
	return k
}

// refIDs returns the Ids of n when n is an Id or an array of Ids.
func refIDs(n Node) ([]string, bool) {
	switch n := unparen(n).(type) {
	case *Ref:
		return []string{n.ID}, true
	case *Array:
		ids := make([]string, 0, len(n.Elems))
		for _, e := range n.Elems {
			r, ok := unparen(e).(*Ref)
			if !ok {
				return nil, false
			}
			ids = append(ids, r.ID)
		}
		return ids, true
	}
	return nil, false
}

// isBand reports whether n is an ANOMALY_DETECTION_BAND call.
func isBand(n Node) bool {
	c, ok := unparen(n).(*Call)
	return ok && c.Func == "ANOMALY_DETECTION_BAND"
}

// start returns the offset of the first character of n.
func start(n Node) int {
	for {
		b, ok := n.(*Binary)
		if !ok {
			return n.Pos()
		}
		n = b.X
	}
}
