package insights

import (
	"strings"
)

// check enforces the rules that span commands (see semantics.go): where
// aggregates may appear, the two-stats rules and what may follow dedup.
func check(q *Query) ErrorList {
	c := &checker{src: q.src}
	var stats []*StatsCmd
	var firstOut map[string]bool
	for i, cmd := range q.Commands {
		if i > 0 {
			if _, ok := q.Commands[i-1].(*DedupCmd); ok {
				if _, ok := cmd.(*LimitCmd); !ok {
					if _, ok := cmd.(*DedupCmd); !ok {
						c.errorf(cmd.Pos(), "only limit may follow dedup")
					}
				}
			}
		}
		switch cmd := cmd.(type) {
		case *SourceCmd:
			if i > 0 {
				c.errorf(cmd.P, "SOURCE must be the first command of the query")
			}
		case *StatsCmd:
			stats = append(stats, cmd)
			if len(stats) > MaxStatsCommands {
				c.errorf(cmd.P, "a query may have at most %d stats commands", MaxStatsCommands)
			}
			c.checkStats(cmd, firstOut)
			if len(stats) == 1 {
				firstOut = map[string]bool{}
				for _, p := range cmd.By {
					firstOut[p.Name()] = true
				}
				for _, p := range cmd.Aggs {
					firstOut[p.Name()] = true
				}
			}
		case *FieldsCmd:
			where := "fields"
			if cmd.Display {
				where = "display"
			}
			for _, p := range cmd.Items {
				c.noAggregates(p.Expr, where)
			}
		case *FilterCmd:
			c.noAggregates(cmd.Cond, "filter")
		}
	}
	// sort and limit must come after the second stats.
	if len(stats) == MaxStatsCommands {
		for _, cmd := range q.Commands {
			if cmd == Command(stats[1]) {
				break
			}
			switch cmd.(type) {
			case *SortCmd, *LimitCmd:
				name := strings.Fields(cmd.String())[0]
				c.errorf(cmd.Pos(), "%s must come after the second stats command", name)
			}
		}
	}
	return c.errs
}

type checker struct {
	src  string
	errs ErrorList
}

func (c *checker) errorf(pos Pos, format string, args ...any) {
	c.errs = append(c.errs, newError(c.src, int(pos), format, args...))
}

// noAggregates reports every aggregate call in e.
func (c *checker) noAggregates(e Expr, where string) {
	walkExpr(e, func(x Expr) bool {
		if call, ok := x.(*Call); ok && functions[strings.ToLower(call.Name)].agg {
			c.errorf(call.P, "aggregate function %s() can only be used in stats, not in %s", call.Name, where)
			return false
		}
		return true
	})
}

// checkStats checks one stats command. firstOut is nil for the first stats
// and the names the first produced for the second.
func (c *checker) checkStats(s *StatsCmd, firstOut map[string]bool) {
	for _, p := range s.Aggs {
		found := false
		var check func(e Expr, inAgg bool)
		check = func(e Expr, inAgg bool) {
			switch e := e.(type) {
			case *Call:
				fi := functions[strings.ToLower(e.Name)]
				if fi.agg {
					if inAgg {
						c.errorf(e.P, "aggregate function %s() cannot be inside another aggregate", e.Name)
						return
					}
					found = true
					for _, a := range e.Args {
						check(a, true)
					}
					return
				}
				for _, a := range e.Args {
					check(a, inAgg)
				}
			case *Field:
				if !inAgg {
					c.errorf(e.P, "field %s must be inside an aggregate function such as count() or sum() in stats", e.String())
				}
			default:
				forChildren(e, func(x Expr) { check(x, inAgg) })
			}
		}
		check(p.Expr, false)
		if !found {
			c.errorf(p.Pos(), "stats expression %s has no aggregate function (count, sum, avg, min, max, pct, stddev, count_distinct, earliest, latest, sortsFirst, sortsLast)", p.Expr.String())
		}
	}
	for _, p := range s.By {
		c.noAggregates(p.Expr, `"by"`)
	}
	if firstOut == nil {
		return
	}
	for _, p := range append(append([]*Projection{}, s.Aggs...), s.By...) {
		walkExpr(p.Expr, func(x Expr) bool {
			switch x := x.(type) {
			case *Field:
				if !firstOut[x.Name()] {
					c.errorf(x.P, "the second stats may only use fields the first stats produced; %s is not one of them", x.String())
				}
			case *Call:
				if x.Name == "bin" && !firstOut["@timestamp"] {
					c.errorf(x.P, "bin() in the second stats needs @timestamp from the first stats (e.g. max(@timestamp) as @timestamp)")
				}
			}
			return true
		})
	}
}

// walkExpr calls f for e and, while f returns true, its children.
func walkExpr(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	forChildren(e, func(x Expr) { walkExpr(x, f) })
}

// forChildren calls f for each direct child of e.
func forChildren(e Expr, f func(Expr)) {
	switch e := e.(type) {
	case *Unary:
		f(e.X)
	case *Binary:
		f(e.X)
		f(e.Y)
	case *In:
		f(e.X)
		for _, x := range e.List {
			f(x)
		}
	case *Call:
		for _, x := range e.Args {
			f(x)
		}
	}
}
