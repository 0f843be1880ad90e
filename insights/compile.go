package insights

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
)

// plan is what all instances of one Run share: slots, the discovered
// fields, the output columns. It is filled while the first instance is
// compiled and read-only afterwards.
type plan struct {
	q       *Query
	opts    Options
	slots   []slotInfo
	slotOf  map[string]int
	want    map[string]int // discovered name → index in evState.disc
	tsSlot  int
	msgSlot int
	tsDisc  int // discovered index of Options.TimestampField, -1 without

	outNames      []string
	outSlots      []int
	explicitLimit bool
	prefixEnd     int                   // index of the first barrier in inst.ops
	needles       []needle              // prefilter substrings (see prefilter)
	regexCache    sync.Map              // pattern → *regex (regex.go)
	failed        atomic.Pointer[Error] // the first limit a row passed (see limits.go)
	subs          map[*In]*subValues    // the values of each subquery (subquery.go)
}

// needle is a substring every event that can pass the filters contains.
type needle struct {
	s         string
	jsonValue bool // the substring is a JSON string value: \u escapes could hide it
}

func newPlan(q *Query, opts Options) *plan {
	p := &plan{q: q, opts: opts, slotOf: map[string]int{}, want: map[string]int{}}
	p.tsSlot = p.slot("@timestamp")
	p.msgSlot = p.slot("@message")
	p.tsDisc = -1
	if f := opts.TimestampField; f != "" && systemFields[f] == sysNone {
		s := p.slot(f)
		p.discover(s)
		p.tsDisc = p.slots[s].disc
	}
	return p
}

// slot returns the slot of name, creating it.
func (p *plan) slot(name string) int {
	if s, ok := p.slotOf[name]; ok {
		return s
	}
	s := len(p.slots)
	p.slots = append(p.slots, slotInfo{name: name, sys: systemFields[name], disc: -1})
	p.slotOf[name] = s
	return s
}

// discover marks slot s as a field to extract from JSON messages.
func (p *plan) discover(s int) {
	si := &p.slots[s]
	if si.sys != sysNone || si.disc >= 0 {
		return
	}
	si.disc = len(p.want)
	p.want[si.name] = si.disc
}

// evalFn evaluates an expression on a row.
type evalFn func(r *row) value

// inst is one compiled copy of the pipeline, used by one goroutine: the
// closures own scratch buffers.
type inst struct {
	p       *plan
	ops     []any // rowOp or barrier
	scanner jsonScanner
	first   bool                 // this compile fills the plan
	tsError func(TimestampError) // where timestamp errors go; nil: dropped
}

// rowOp transforms a row and passes zero or more rows to next.
type rowOp func(r *row, next func(*row))

// barrier is a stage that may hold rows until finish.
type barrier interface {
	push(r *row)
	finish()
	link(out func(*row), fin func())
}

// scope is what the compiler knows at a point of the pipeline.
type scope struct {
	assigned   map[string]bool // names set by earlier commands
	afterStats bool            // rows are stats groups: no event fields
	aggSlots   map[*Call]int   // aggregate calls → hidden slots (stats items)
}

// fieldRef compiles a field reference: a slot, or a path into a map held
// by an assigned field (jsonParse, logfmt).
func (x *inst) fieldRef(f *Field, sc *scope) evalFn {
	name := f.Name()
	if !sc.assigned[name] {
		for i := len(f.Parts) - 1; i >= 1; i-- {
			prefix := strings.Join(f.Parts[:i], ".")
			if sc.assigned[prefix] {
				s := x.p.slot(prefix)
				path := f.Parts[i:]
				return func(r *row) value { return navigate(x.get(r, s), path) }
			}
		}
	}
	s := x.p.slot(name)
	if x.first && !sc.assigned[name] && !sc.afterStats {
		x.p.discover(s)
	}
	return func(r *row) value { return x.get(r, s) }
}

// navigate follows path segments into maps and lists.
func navigate(v value, path []string) value {
	cur := v.toAny()
	if v.k != kMap && v.k != kList {
		return nullValue
	}
	for _, seg := range path {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[seg]
		case []any:
			i := 0
			for _, ch := range seg {
				if ch < '0' || ch > '9' {
					return nullValue
				}
				i = i*10 + int(ch-'0')
			}
			if i >= len(c) {
				return nullValue
			}
			cur = c[i]
		default:
			return nullValue
		}
	}
	return fromAny(cur)
}

// expr compiles e.
func (x *inst) expr(e Expr, sc *scope) evalFn {
	switch e := e.(type) {
	case *Field:
		return x.fieldRef(e, sc)
	case *NumberLit:
		v := numValue(e.Val)
		return func(*row) value { return v }
	case *StringLit:
		v := strValue(e.Val)
		return func(*row) value { return v }
	case *RegexLit:
		v := strValue(e.Pattern)
		return func(*row) value { return v }
	case *DurationLit:
		ms := float64(e.N)
		if u, ok := unitMillis[e.Unit]; ok {
			ms *= float64(u)
		} else {
			ms *= map[string]float64{"mo": 30, "q": 91, "y": 365}[e.Unit] * 86_400_000
		}
		v := numValue(ms)
		return func(*row) value { return v }
	case *Unary:
		a := x.expr(e.X, sc)
		if e.Op == "not" {
			return func(r *row) value { return boolValue(!a(r).truthy()) }
		}
		return func(r *row) value {
			f, ok := a(r).number()
			if !ok {
				return nullValue
			}
			return numValue(-f)
		}
	case *Binary:
		return x.binary(e, sc)
	case *In:
		a := x.expr(e.X, sc)
		if sv := x.p.subs[e]; sv != nil {
			not := e.Not
			return func(r *row) value {
				v := a(r)
				if v.isNull() {
					return boolValue(false)
				}
				return boolValue(sv.has(v) != not)
			}
		}
		list := make([]value, len(e.List))
		for i, l := range e.List {
			list[i] = x.expr(l, sc)(nil)
		}
		not := e.Not
		return func(r *row) value {
			v := a(r)
			if v.isNull() {
				return boolValue(false)
			}
			for _, l := range list {
				if equalValues(v, l) {
					return boolValue(!not)
				}
			}
			return boolValue(not)
		}
	case *Call:
		return x.call(e, sc)
	}
	panic("insights: unknown expression type")
}

func (x *inst) binary(e *Binary, sc *scope) evalFn {
	a := x.expr(e.X, sc)
	switch e.Op {
	case "like", "not like", "=~":
		neg := e.Op == "not like"
		if s, ok := e.Y.(*StringLit); ok && e.Op != "=~" {
			lit := s.Val
			return func(r *row) value {
				v := a(r)
				if v.isNull() {
					return boolValue(false)
				}
				return boolValue(strings.Contains(v.text(), lit) != neg)
			}
		}
		var pattern string
		switch y := e.Y.(type) {
		case *StringLit:
			pattern = y.Val
		case *RegexLit:
			pattern = y.Pattern
		}
		re := x.p.regex(pattern)
		return func(r *row) value {
			v := a(r)
			if v.isNull() {
				return boolValue(false)
			}
			return boolValue(re.match(v.text()) != neg)
		}
	}
	b := x.expr(e.Y, sc)
	switch e.Op {
	case "and":
		return func(r *row) value { return boolValue(a(r).truthy() && b(r).truthy()) }
	case "or":
		return func(r *row) value { return boolValue(a(r).truthy() || b(r).truthy()) }
	case "=":
		return func(r *row) value { return boolValue(equalValues(a(r), b(r))) }
	case "!=":
		return func(r *row) value {
			va, vb := a(r), b(r)
			return boolValue(!va.isNull() && !vb.isNull() && !equalValues(va, vb))
		}
	case "<", "<=", ">", ">=":
		op := e.Op
		return func(r *row) value {
			c, ok := compareOrdered(a(r), b(r))
			if !ok {
				return boolValue(false)
			}
			switch op {
			case "<":
				return boolValue(c < 0)
			case "<=":
				return boolValue(c <= 0)
			case ">":
				return boolValue(c > 0)
			}
			return boolValue(c >= 0)
		}
	}
	var f func(x, y float64) (float64, bool)
	switch e.Op {
	case "+":
		f = func(x, y float64) (float64, bool) { return x + y, true }
	case "-":
		f = func(x, y float64) (float64, bool) { return x - y, true }
	case "*":
		f = func(x, y float64) (float64, bool) { return x * y, true }
	case "/":
		f = func(x, y float64) (float64, bool) { return x / y, y != 0 }
	case "%":
		f = func(x, y float64) (float64, bool) { return math.Mod(x, y), y != 0 }
	case "^":
		f = func(x, y float64) (float64, bool) { return math.Pow(x, y), true }
	}
	return func(r *row) value {
		xv, ok1 := a(r).number()
		yv, ok2 := b(r).number()
		if !ok1 || !ok2 {
			return nullValue
		}
		z, ok := f(xv, yv)
		if !ok || math.IsNaN(z) || math.IsInf(z, 0) {
			return nullValue
		}
		return numValue(z)
	}
}

func (x *inst) call(e *Call, sc *scope) evalFn {
	fi := functions[strings.ToLower(e.Name)]
	if fi.agg {
		s, ok := sc.aggSlots[e]
		if !ok {
			panic("insights: aggregate outside stats") // rejected by check
		}
		return func(r *row) value { return r.vals[s] }
	}
	args := make([]evalFn, len(e.Args))
	for i, a := range e.Args {
		if _, isDur := a.(*DurationLit); isDur && contains(fi.duration, i) {
			continue
		}
		args[i] = x.expr(a, sc)
	}
	opts := x.p.opts
	switch fi.name {
	case "bin":
		per := newPeriod(e.Args[0].(*DurationLit))
		ts := x.p.tsSlot
		return func(r *row) value {
			ms, ok := toMillis(x.get(r, ts))
			if !ok {
				return nullValue
			}
			return timeValue(per.floor(ms))
		}
	case "datefloor", "dateceil":
		per := newPeriod(e.Args[1].(*DurationLit))
		ceil := fi.name == "dateceil"
		a := args[0]
		return func(r *row) value {
			ms, ok := toMillis(a(r))
			if !ok {
				return nullValue
			}
			if ceil {
				return timeValue(per.ceil(ms))
			}
			return timeValue(per.floor(ms))
		}
	case "messageSize":
		get := func(r *row) value { return x.get(r, x.p.msgSlot) }
		if len(args) == 1 {
			get = args[0]
		}
		return func(r *row) value {
			v := get(r)
			if v.isNull() {
				return nullValue
			}
			return numValue(float64(len(v.text())))
		}
	case "queryStartTime":
		v := timeValue(opts.Start.UnixMilli())
		return func(*row) value { return v }
	case "queryEndTime":
		v := timeValue(opts.End.UnixMilli())
		return func(*row) value { return v }
	case "queryTimeRange":
		v := numValue(float64(opts.End.Sub(opts.Start).Milliseconds()))
		return func(*row) value { return v }
	case "now":
		v := numValue(float64(opts.Now.Unix()))
		return func(*row) value { return v }
	case "regexReplace":
		var pattern string
		switch y := e.Args[1].(type) {
		case *StringLit:
			pattern = y.Val
		case *RegexLit:
			pattern = y.Pattern
		}
		re := x.p.regex(pattern)
		s, repl := args[0], args[2]
		return func(r *row) value {
			v := s(r)
			if v.isNull() {
				return nullValue
			}
			out, ok := boundedReplace(re, v.text(), repl(r).text())
			if !ok {
				return x.tooBig(e.P, fi.name, MaxValueBytes+1)
			}
			return strValue(out)
		}
	case "replace":
		s, old, repl := args[0], args[1], args[2]
		return func(r *row) value {
			v := s(r)
			if v.isNull() {
				return nullValue
			}
			text, o, n := v.text(), old(r).text(), repl(r).text()
			if size := replacedSize(text, o, n); size > MaxValueBytes {
				return x.tooBig(e.P, fi.name, size)
			}
			return strValue(strings.ReplaceAll(text, o, n))
		}
	case "concat":
		buf := make([]value, len(args))
		fn := fi.fn
		return func(r *row) value {
			size := 0
			for i, a := range args {
				buf[i] = a(r)
				size += len(buf[i].text())
			}
			if size > MaxValueBytes {
				return x.tooBig(e.P, fi.name, size)
			}
			return fn(buf)
		}
	}
	fn := fi.fn
	buf := make([]value, len(args))
	check := func(v value) value {
		if v.k == kStr && len(v.s) > MaxValueBytes {
			return x.tooBig(e.P, fi.name, len(v.s))
		}
		return v
	}
	switch len(args) {
	case 1:
		a0 := args[0]
		return func(r *row) value {
			buf[0] = a0(r)
			return check(fn(buf))
		}
	}
	return func(r *row) value {
		for i, a := range args {
			buf[i] = a(r)
		}
		return check(fn(buf))
	}
}

func contains(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}
