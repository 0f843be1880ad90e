package querycli

import (
	"fmt"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/insights"
)

// timeFunctions are the functions and aggregates whose result depends on
// the events' @timestamp without naming it.
var timeFunctions = map[string]bool{"bin": true, "earliest": true, "latest": true}

// timeUse returns what in q reads the events' time, as "bin(1h) at 2:9":
// bin(), earliest() and latest(), diff, or a reference to @timestamp
// (fields, filter, sort, datefloor(@timestamp, ...)), subqueries
// included; "" when nothing does.
func timeUse(q *insights.Query) string {
	var found insights.Node
	var expr func(e insights.Expr)
	var query func(q *insights.Query)
	field := func(f *insights.Field) {
		if found == nil && f != nil && strings.EqualFold(f.Name(), "@timestamp") {
			found = f
		}
	}
	expr = func(e insights.Expr) {
		if found != nil || e == nil {
			return
		}
		switch e := e.(type) {
		case *insights.Field:
			field(e)
		case *insights.Call:
			if timeFunctions[e.Name] {
				found = e
				return
			}
			for _, a := range e.Args {
				expr(a)
			}
		case *insights.Unary:
			expr(e.X)
		case *insights.Binary:
			expr(e.X)
			expr(e.Y)
		case *insights.In:
			expr(e.X)
			for _, x := range e.List {
				expr(x)
			}
			if e.Sub != nil {
				query(e.Sub)
			}
		}
	}
	query = func(q *insights.Query) {
		for _, c := range q.Commands {
			switch c := c.(type) {
			case *insights.FieldsCmd:
				for _, p := range c.Items {
					expr(p.Expr)
				}
			case *insights.FilterCmd:
				expr(c.Cond)
			case *insights.FilterIndexCmd:
				expr(c.Cond)
			case *insights.StatsCmd:
				for _, p := range append(append([]*insights.Projection{}, c.Aggs...), c.By...) {
					expr(p.Expr)
				}
			case *insights.SortCmd:
				for _, k := range c.Keys {
					field(k.Field)
				}
			case *insights.DedupCmd:
				for _, f := range c.Fields {
					field(f)
				}
			case *insights.DiffCmd:
				if found == nil {
					found = c
				}
			}
		}
	}
	query(q)
	if found == nil {
		return ""
	}
	what := found.String()
	if c, ok := found.(*insights.Call); ok {
		what = c.Name + "()"
		if c.Name == "bin" {
			what = c.String()
		}
	}
	return what + " at " + lineCol(q.Source(), int(found.Pos()))
}

// lineCol returns the 1-based "line:column" of a byte offset in src.
func lineCol(src string, off int) string {
	off = min(max(off, 0), len(src))
	line := 1 + strings.Count(src[:off], "\n")
	col := off - strings.LastIndex(src[:off], "\n")
	return fmt.Sprintf("%d:%d", line, col)
}

// sameTime tracks whether every event read has one @timestamp.
type sameTime struct {
	events int
	first  int64
	differ bool
	raw    bool // some events were raw lines, whose @timestamp is 0
}

func (s *sameTime) add(ts int64, raw bool) {
	if s.events == 0 {
		s.first = ts
	} else if ts != s.first {
		s.differ = true
	}
	s.events++
	s.raw = s.raw || raw
}

// merge adds what o saw of the events after those s saw.
func (s *sameTime) merge(o sameTime) {
	if o.events == 0 {
		return
	}
	if s.events == 0 {
		*s = o
		return
	}
	s.differ = s.differ || o.differ || o.first != s.first
	s.events += o.events
	s.raw = s.raw || o.raw
}

// warning returns the warning for a query that reads the events' time
// when every event has the same @timestamp, or "".
func (s *sameTime) warning(q *insights.Query) string {
	if s.events < 2 || s.differ || q == nil {
		return ""
	}
	use := timeUse(q)
	if use == "" {
		return ""
	}
	at := time.UnixMilli(s.first).UTC().Format("2006-01-02 15:04:05.000")
	msg := fmt.Sprintf("logq query: warning: all %d events have the same @timestamp (%s) and the query reads the time (%s); ", s.events, at, use)
	if s.raw {
		return msg + "give --timestamp-field FIELD to read it from the events"
	}
	return msg + `check the events' "timestamp"`
}
