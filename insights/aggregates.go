package insights

import (
	"fmt"
	"math"
	"slices"
)

// aggState accumulates one aggregate of one group. Partial states from
// different batches are merged in input order, so results are
// deterministic.
type aggState interface {
	add(v value, ts, seq int64)
	merge(o aggState)
	result() value
}

// newAgg returns a fresh state for aggregate name (documented spelling).
func newAgg(name string, star bool) aggState {
	switch name {
	case "count":
		return &countAgg{star: star}
	case "count_distinct":
		return &distinctAgg{}
	case "sum":
		return &sumAgg{}
	case "avg":
		return &sumAgg{avg: true}
	case "min":
		return &extremeAgg{sign: -1}
	case "max":
		return &extremeAgg{sign: 1}
	case "sortsFirst":
		return &extremeAgg{sign: -1, natural: true}
	case "sortsLast":
		return &extremeAgg{sign: 1, natural: true}
	case "stddev":
		return &stddevAgg{}
	case "pct":
		return &pctAgg{}
	case "earliest":
		return &timeAgg{}
	case "latest":
		return &timeAgg{latest: true}
	}
	panic("insights: unknown aggregate " + name)
}

type countAgg struct {
	star bool
	n    int64
}

func (a *countAgg) add(v value, _, _ int64) {
	if a.star || !v.isNull() {
		a.n++
	}
}
func (a *countAgg) merge(o aggState) { a.n += o.(*countAgg).n }
func (a *countAgg) result() value    { return numValue(float64(a.n)) }

type distinctAgg struct{ set map[string]struct{} }

func (a *distinctAgg) add(v value, _, _ int64) {
	if v.isNull() {
		return
	}
	if a.set == nil {
		a.set = map[string]struct{}{}
	}
	a.set[v.text()] = struct{}{}
}
func (a *distinctAgg) merge(o aggState) {
	for k := range o.(*distinctAgg).set {
		if a.set == nil {
			a.set = map[string]struct{}{}
		}
		a.set[k] = struct{}{}
	}
}
func (a *distinctAgg) result() value { return numValue(float64(len(a.set))) }

type sumAgg struct {
	avg bool
	sum float64
	n   int64
}

func (a *sumAgg) add(v value, _, _ int64) {
	if f, ok := v.number(); ok {
		a.sum += f
		a.n++
	}
}
func (a *sumAgg) merge(o aggState) {
	b := o.(*sumAgg)
	a.sum += b.sum
	a.n += b.n
}
func (a *sumAgg) result() value {
	if a.n == 0 {
		return nullValue
	}
	if a.avg {
		return numValue(a.sum / float64(a.n))
	}
	return numValue(a.sum)
}

// extremeAgg is min/max (numeric when both are numbers, else by text) and
// sortsFirst/sortsLast (natural sort order).
type extremeAgg struct {
	sign    int
	natural bool
	best    value
	have    bool
}

func (a *extremeAgg) better(v value) bool {
	var c int
	if a.natural {
		c = compareSort(v, a.best)
	} else {
		c, _ = compareOrdered(v, a.best)
	}
	return c*a.sign > 0
}

func (a *extremeAgg) add(v value, _, _ int64) {
	if v.isNull() {
		return
	}
	if !a.have || a.better(v) {
		a.best, a.have = v, true
	}
}
func (a *extremeAgg) merge(o aggState) {
	if b := o.(*extremeAgg); b.have {
		a.add(b.best, 0, 0)
	}
}
func (a *extremeAgg) result() value {
	if !a.have {
		return nullValue
	}
	return a.best
}

// stddevAgg is the sample standard deviation (Welford, merged with Chan's
// formula).
type stddevAgg struct {
	n        float64
	mean, m2 float64
}

func (a *stddevAgg) add(v value, _, _ int64) {
	f, ok := v.number()
	if !ok {
		return
	}
	a.n++
	d := f - a.mean
	a.mean += d / a.n
	a.m2 += d * (f - a.mean)
}
func (a *stddevAgg) merge(o aggState) {
	b := o.(*stddevAgg)
	if b.n == 0 {
		return
	}
	n := a.n + b.n
	d := b.mean - a.mean
	a.m2 += b.m2 + d*d*a.n*b.n/n
	a.mean += d * b.n / n
	a.n = n
}
func (a *stddevAgg) result() value {
	switch {
	case a.n == 0:
		return nullValue
	case a.n == 1:
		return numValue(0)
	}
	return numValue(math.Sqrt(a.m2 / (a.n - 1)))
}

// pctAgg keeps all values; the percentile is nearest-rank.
type pctAgg struct {
	vals []float64
	p    float64
}

func (a *pctAgg) add(v value, _, _ int64) {
	if f, ok := v.number(); ok {
		a.vals = append(a.vals, f)
	}
}
func (a *pctAgg) merge(o aggState) { a.vals = append(a.vals, o.(*pctAgg).vals...) }
func (a *pctAgg) result() value {
	if len(a.vals) == 0 {
		return nullValue
	}
	slices.Sort(a.vals)
	p := min(max(a.p, 0), 100)
	i := int(math.Ceil(p/100*float64(len(a.vals)))) - 1
	return numValue(a.vals[max(i, 0)])
}

// timeAgg is earliest/latest: the value of the row with the smallest or
// largest @timestamp; ties go to the first (earliest) or last (latest)
// row in input order.
type timeAgg struct {
	latest bool
	have   bool
	ts     int64
	seq    int64
	v      value
}

func (a *timeAgg) add(v value, ts, seq int64) {
	if v.isNull() {
		return
	}
	if !a.have {
		a.have, a.ts, a.seq, a.v = true, ts, seq, v
		return
	}
	var better bool
	if a.latest {
		better = ts > a.ts || ts == a.ts && seq > a.seq
	} else {
		better = ts < a.ts || ts == a.ts && seq < a.seq
	}
	if better {
		a.ts, a.seq, a.v = ts, seq, v
	}
}
func (a *timeAgg) merge(o aggState) {
	if b := o.(*timeAgg); b.have {
		a.add(b.v, b.ts, b.seq)
	}
}
func (a *timeAgg) result() value {
	if !a.have {
		return nullValue
	}
	return a.v
}

// aggSpec is one aggregate call of a stats command.
type aggSpec struct {
	name string
	star bool
	arg  evalFn // nil for count(*) and count()
	pct  evalFn // second argument of pct
	slot int    // hidden slot of the result
}

func (s *aggSpec) newState() aggState {
	a := newAgg(s.name, s.star || s.arg == nil)
	return a
}

// hiddenSlotName names the slot of the i-th aggregate call of stats
// command c; it cannot clash with a field name.
func hiddenSlotName(c *StatsCmd, i int) string {
	return fmt.Sprintf("\x00agg%d.%d", c.P, i)
}
