package insights

import (
	"context"
	"iter"
	"strings"
)

// This file runs subqueries (`field in (query)`) offline: the events are
// kept in memory, each subquery runs over them first (its SOURCE selects
// among their log groups), and its values become the list of the in.

// subqueries returns the `in (query)` expressions of q's commands.
func (q *Query) subqueries() []*In {
	var out []*In
	for _, c := range q.Commands {
		forExprs(c, func(e Expr) {
			walkExpr(e, func(x Expr) bool {
				if in, ok := x.(*In); ok && in.Sub != nil {
					out = append(out, in)
				}
				return true
			})
		})
	}
	return out
}

// runSubqueries reads all events, runs every subquery of q over them and
// returns the events again with each subquery's values.
func (q *Query) runSubqueries(ctx context.Context, events iter.Seq2[Event, error], opts Options) (iter.Seq2[Event, error], map[*In]*subValues, error) {
	subs := q.subqueries()
	if len(subs) == 0 {
		return events, nil, nil
	}
	var all []Event
	for ev, err := range events {
		if err != nil {
			return nil, nil, err
		}
		all = append(all, ev)
	}
	seq := func(yield func(Event, error) bool) {
		for _, ev := range all {
			if !yield(ev, nil) {
				return
			}
		}
	}
	vals := map[*In]*subValues{}
	for _, in := range subs {
		res, err := in.Sub.Run(ctx, seq, opts)
		if err != nil {
			return nil, nil, err
		}
		col, err := q.subqueryColumn(in, res)
		if err != nil {
			return nil, nil, err
		}
		sv := &subValues{text: map[string]bool{}, num: map[float64]bool{}}
		for _, r := range res.Rows {
			if v, ok := r.Get(col); ok {
				sv.text[v] = true
				if f, isNum := parseNumber(v); isNum {
					sv.num[f] = true
				}
			}
		}
		vals[in] = sv
	}
	return seq, vals, nil
}

// subqueryColumn picks the column of a subquery's result that an in
// compares with: the only one, or the one named like the compared field.
func (q *Query) subqueryColumn(in *In, res *Result) (string, error) {
	if len(res.Fields) == 1 {
		return res.Fields[0], nil
	}
	if f, ok := in.X.(*Field); ok {
		for _, c := range res.Fields {
			if c == f.Name() {
				return c, nil
			}
		}
	}
	return "", newError(q.src, int(in.P), "the subquery returns the columns %s; expected one column, or one named like the field compared with in (end the subquery with fields %s)", strings.Join(res.Fields, ", "), in.X.String())
}

// subValues are the values a subquery returned, as text and as numbers.
type subValues struct {
	text map[string]bool
	num  map[float64]bool
}

// has reports whether v equals one of the values (numerically when both
// are numbers, as = compares).
func (s *subValues) has(v value) bool {
	if f, ok := v.number(); ok && s.num[f] {
		return true
	}
	return s.text[v.text()]
}
