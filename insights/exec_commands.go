package insights

import (
	"fmt"
	"strings"
	"time"
)

// This file compiles the newer commands the offline engine runs: unnest,
// filterIndex, SOURCE, lookup and diff (see semantics.go for what each
// does offline).

// unnestOp emits one row per element of the field's list; a value that is
// not a list is a list of one, a missing value a list of none.
func (x *inst) unnestOp(c *UnnestCmd, sc *scope) rowOp {
	get := x.expr(c.Field, sc)
	slot := x.p.slot(c.Into)
	sc.assigned[c.Into] = true
	return func(r *row, next func(*row)) {
		v := get(r)
		if v.isNull() {
			return
		}
		list, isList := v.x.([]any)
		if v.k != kList || !isList {
			r.vals[slot] = v
			next(r)
			return
		}
		sub := r.sub
		for i, item := range list {
			r.vals[slot] = fromAny(item)
			r.sub = sub*int32(len(list)+1) + int32(i)
			next(r)
		}
		r.sub = sub
	}
}

// sourceOp keeps the events of the log groups SOURCE selects, and the
// events that carry no log group (raw lines: nothing to select on).
func (x *inst) sourceOp(c *SourceCmd) rowOp {
	slot := x.p.slot("@log")
	return func(r *row, next func(*row)) {
		v := x.get(r, slot)
		if v.isNull() || c.selects(v.text()) {
			next(r)
		}
	}
}

// selects reports whether SOURCE reads the log group named group, which
// may carry its account as "123456789012:/name" (the form of @log).
func (c *SourceCmd) selects(group string) bool {
	account, name := "", group
	if len(group) > 13 && group[12] == ':' && strings.Trim(group[:12], "0123456789") == "" {
		account, name = group[:12], group[13:]
	}
	if c.LogGroups == nil {
		for _, n := range c.Names {
			if n == name || n == group {
				return true
			}
		}
		return false
	}
	sel := c.LogGroups
	if len(sel.NamePrefix) > 0 && !hasAnyPrefix(name, sel.NamePrefix) {
		return false
	}
	if len(sel.AccountIdentifiers) > 0 && account != "" && !hasAnyPrefix(account, sel.AccountIdentifiers) {
		return false
	}
	return true
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// lookupOp adds the output columns of the first table row whose key
// columns equal the row's key fields.
func (x *inst) lookupOp(c *LookupCmd, sc *scope) rowOp {
	t := x.p.opts.LookupTables[c.Table]
	keyCols := make([]int, len(c.Keys))
	gets := make([]evalFn, len(c.Keys))
	for i, k := range c.Keys {
		keyCols[i] = t.column(k.Column)
		gets[i] = x.expr(k.Field, sc)
	}
	index := map[string]int{}
	for ri, rec := range t.Rows {
		var b strings.Builder
		for _, ci := range keyCols {
			b.WriteString(rec[ci])
			b.WriteByte(0)
		}
		if _, dup := index[b.String()]; !dup {
			index[b.String()] = ri
		}
	}
	outCols := make([]int, len(c.Outputs))
	outSlots := make([]int, len(c.Outputs))
	for i, o := range c.Outputs {
		outCols[i] = t.column(o)
		outSlots[i] = x.p.slot(o)
		if c.New {
			x.expr(&Field{Parts: strings.Split(o, ".")}, sc) // read the existing value
		}
		sc.assigned[o] = true
	}
	var key strings.Builder
	return func(r *row, next func(*row)) {
		key.Reset()
		for _, g := range gets {
			v := g(r)
			if v.isNull() {
				next(r)
				return
			}
			key.WriteString(v.text())
			key.WriteByte(0)
		}
		ri, ok := index[key.String()]
		if ok {
			rec := t.Rows[ri]
			for i, s := range outSlots {
				if c.New && !x.get(r, s).isNull() {
					continue
				}
				r.vals[s] = strValue(rec[outCols[i]])
			}
		}
		next(r)
	}
}

// diffRanges returns the query's range and the one diff compares it with.
func diffRanges(period string, start, end time.Time) (cur, prev [2]int64) {
	cur = [2]int64{start.UnixMilli(), end.UnixMilli()}
	var ps, pe time.Time
	switch period {
	case DiffPreviousDay:
		ps, pe = start.Add(-24*time.Hour), end.Add(-24*time.Hour)
	case DiffPreviousWeek:
		ps, pe = start.Add(-7*24*time.Hour), end.Add(-7*24*time.Hour)
	case DiffPreviousMonth:
		ps, pe = start.AddDate(0, -1, 0), end.AddDate(0, -1, 0)
	default:
		ps, pe = start.Add(-end.Sub(start)), start
	}
	return cur, [2]int64{ps.UnixMilli(), pe.UnixMilli()}
}

// Fields diff adds to the rows of the query's range.
const (
	DiffPreviousCountField = "@previousCount" // rows of the earlier range with the same @message
	DiffIsNewField         = "@isNew"         // 1 when that count is 0
)

// diffStage holds the rows of the query's range until every row of the
// earlier range has been counted, then emits them with the diff fields.
type diffStage struct {
	x         *inst
	cur, prev [2]int64
	ts, msg   int
	count, nw int
	rows      []*row
	seen      map[string]int
	out       func(*row)
	fin       func()
}

func (x *inst) newDiffStage(c *DiffCmd) *diffStage {
	o := x.p.opts
	st := &diffStage{x: x, ts: x.p.tsSlot, msg: x.p.msgSlot, seen: map[string]int{},
		count: x.p.slot(DiffPreviousCountField), nw: x.p.slot(DiffIsNewField)}
	st.cur, st.prev = diffRanges(c.Period, o.Start, o.End)
	return st
}

func (st *diffStage) link(out func(*row), fin func()) { st.out, st.fin = out, fin }

func within(ms int64, r [2]int64) bool { return ms >= r[0] && ms <= r[1] }

func (st *diffStage) push(r *row) {
	ms, ok := toMillis(st.x.get(r, st.ts))
	if !ok {
		return
	}
	switch {
	case within(ms, st.cur):
		st.rows = append(st.rows, r.clone())
	case within(ms, st.prev):
		st.seen[st.x.get(r, st.msg).text()]++
	}
}

func (st *diffStage) finish() {
	for _, r := range st.rows {
		n := st.seen[st.x.get(r, st.msg).text()]
		r.vals[st.count] = numValue(float64(n))
		r.vals[st.nw] = boolValue(n == 0)
		st.out(r)
	}
	st.rows, st.seen = nil, nil
	st.fin()
}

// NotRun is a command the offline engine parsed and checked but does not
// run.
type NotRun struct {
	Name string // documented spelling
	Pos  string // line:col in the query
	Why  string
}

// NotRunError is returned by Run for a query with commands the offline
// engine does not run; the query itself is valid.
type NotRunError struct {
	Commands []NotRun
}

// Error lists the commands and why each is not run.
func (e *NotRunError) Error() string {
	parts := make([]string, len(e.Commands))
	for i, c := range e.Commands {
		parts[i] = fmt.Sprintf("%s at %s (%s)", c.Name, c.Pos, c.Why)
	}
	return "not run offline: " + strings.Join(parts, "; ") + "; the query was parsed and each command's arguments checked"
}

// NotRunOffline lists the commands of q the offline engine does not run,
// subqueries included; nil when it runs them all.
func (q *Query) NotRunOffline() []NotRun {
	var out []NotRun
	add := func(pos Pos, name, why string) {
		e := newError(q.src, int(pos), "")
		out = append(out, NotRun{Name: name, Pos: e.Position(), Why: why})
	}
	for _, c := range q.Commands {
		if o, ok := c.(*OtherCmd); ok {
			add(o.P, o.Name, otherCommands[strings.ToLower(o.Name)].why)
		}
		forExprs(c, func(e Expr) {
			walkExpr(e, func(x Expr) bool {
				if in, ok := x.(*In); ok && in.Sub != nil {
					out = append(out, in.Sub.NotRunOffline()...)
				}
				return true
			})
		})
	}
	return out
}

// forExprs calls f for each top-level expression of a command.
func forExprs(c Command, f func(Expr)) {
	switch c := c.(type) {
	case *FilterCmd:
		f(c.Cond)
	case *FilterIndexCmd:
		f(c.Cond)
	case *FieldsCmd:
		for _, it := range c.Items {
			f(it.Expr)
		}
	case *StatsCmd:
		for _, it := range append(append([]*Projection{}, c.Aggs...), c.By...) {
			f(it.Expr)
		}
	}
}

// checkRunnable returns the error that stops q from running offline with
// opts: commands not run offline, or a lookup table that is not given.
func (q *Query) checkRunnable(opts Options) error {
	if nr := q.NotRunOffline(); nr != nil {
		return &NotRunError{Commands: nr}
	}
	for _, c := range q.Commands {
		l, ok := c.(*LookupCmd)
		if !ok {
			continue
		}
		t := opts.LookupTables[l.Table]
		if t == nil {
			return newError(q.src, int(l.P), "lookup table %q is not given (offline, a CSV file: logq query --lookup %s=FILE.csv; saved-query tests: testdata/%s.csv)", l.Table, l.Table, l.Table)
		}
		for _, k := range l.Keys {
			if t.column(k.Column) < 0 {
				return newError(q.src, int(l.P), "lookup table %q has no column %q; it has %s", l.Table, k.Column, strings.Join(t.Columns, ", "))
			}
		}
		for _, o := range l.Outputs {
			if t.column(o) < 0 {
				return newError(q.src, int(l.P), "lookup table %q has no column %q; it has %s", l.Table, o, strings.Join(t.Columns, ", "))
			}
		}
	}
	return nil
}
