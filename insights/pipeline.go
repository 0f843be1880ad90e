package insights

import (
	"encoding/csv"
	"regexp"
	"strings"
)

// compile builds the pipeline of one instance. The first call for a plan
// also fills the plan (slots, discovered fields, output columns, prefilter).
func compile(p *plan, first bool) *inst {
	x := &inst{p: p, first: first}
	sc := &scope{assigned: map[string]bool{}}
	ordered := false
	cmds := p.q.Commands
	var lastStats *StatsCmd
	for i := 0; i < len(cmds); i++ {
		switch c := cmds[i].(type) {
		case *FieldsCmd:
			x.ops = append(x.ops, x.fieldsOp(c, sc))
		case *FilterCmd:
			cond := x.expr(c.Cond, sc)
			if first && !ordered && len(x.ops) == len(x.rowOpsPrefix()) {
				p.addNeedles(c.Cond, sc)
			}
			x.ops = append(x.ops, rowOp(func(r *row, next func(*row)) {
				if cond(r).truthy() {
					next(r)
				}
			}))
		case *ParseCmd:
			x.ops = append(x.ops, x.parseOp(c, sc))
		case *UnmaskCmd:
			// the identity offline
		case *FilterIndexCmd:
			cond := x.expr(c.Cond, sc)
			x.ops = append(x.ops, rowOp(func(r *row, next func(*row)) {
				if cond(r).truthy() {
					next(r)
				}
			}))
		case *SourceCmd:
			x.ops = append(x.ops, x.sourceOp(c))
		case *UnnestCmd:
			x.ops = append(x.ops, x.unnestOp(c, sc))
		case *LookupCmd:
			x.ops = append(x.ops, x.lookupOp(c, sc))
		case *DiffCmd:
			x.ops = append(x.ops, x.newDiffStage(c))
			sc.assigned[DiffPreviousCountField] = true
			sc.assigned[DiffIsNewField] = true
		case *StatsCmd:
			x.ops = append(x.ops, x.statsStage(c, sc))
			lastStats = c
			sc = &scope{assigned: map[string]bool{}, afterStats: true}
			for _, it := range append(append([]*Projection{}, c.By...), c.Aggs...) {
				sc.assigned[it.Name()] = true
			}
			ordered = true
		case *SortCmd:
			st := &orderStage{x: x}
			for _, k := range c.Keys {
				st.keys = append(st.keys, sortKey{slot: x.refSlot(k.Field, sc), desc: k.Desc})
			}
			i = x.absorbLimitDedup(st, cmds, i, sc)
			x.ops = append(x.ops, st)
			ordered = true
		case *LimitCmd:
			if first {
				p.explicitLimit = true
			}
			if ordered {
				x.ops = append(x.ops, newLimitOp(c.N))
				continue
			}
			st := x.defaultOrder()
			i = x.absorbLimitDedup(st, cmds, i-1, sc)
			x.ops = append(x.ops, st)
			ordered = true
		case *DedupCmd:
			if ordered {
				slots := make([]int, len(c.Fields))
				for j, f := range c.Fields {
					slots[j] = x.refSlot(f, sc)
				}
				x.ops = append(x.ops, x.dedupOp(slots))
				continue
			}
			st := x.defaultOrder()
			i = x.absorbLimitDedup(st, cmds, i-1, sc)
			x.ops = append(x.ops, st)
			ordered = true
		}
	}
	if !ordered {
		st := x.defaultOrder()
		st.limit = DefaultLimit
		x.ops = append(x.ops, st)
	}
	if first {
		p.prefixEnd = len(x.rowOpsPrefix())
		p.outNames = outputColumns(p.q, lastStats)
		for _, n := range p.outNames {
			s := x.refSlot(&Field{Parts: strings.Split(n, ".")}, sc)
			if _, isMap := x.mapPrefix(n, sc); isMap {
				s = p.slot(n)
			}
			p.outSlots = append(p.outSlots, s)
		}
	}
	return x
}

// rowOpsPrefix returns the row operations before the first barrier.
func (x *inst) rowOpsPrefix() []any {
	for i, op := range x.ops {
		if _, ok := op.(barrier); ok {
			return x.ops[:i]
		}
	}
	return x.ops
}

// mapPrefix reports whether name is a path into an assigned map field.
func (x *inst) mapPrefix(name string, sc *scope) (string, bool) {
	parts := strings.Split(name, ".")
	for i := len(parts) - 1; i >= 1; i-- {
		if pre := strings.Join(parts[:i], "."); sc.assigned[pre] && !sc.assigned[name] {
			return pre, true
		}
	}
	return "", false
}

// refSlot returns the slot of a field named by a command (sort, dedup,
// output), marking it for discovery when needed.
func (x *inst) refSlot(f *Field, sc *scope) int {
	x.fieldRef(f, sc)
	return x.p.slot(f.Name())
}

// defaultOrder returns a stage ordering by @timestamp, newest first.
func (x *inst) defaultOrder() *orderStage {
	return &orderStage{x: x, keys: []sortKey{{slot: x.p.tsSlot, desc: true}}}
}

// absorbLimitDedup folds the dedup and limit commands that directly follow
// command i into st, so that it keeps only what they let through. It
// returns the index of the last command absorbed.
func (x *inst) absorbLimitDedup(st *orderStage, cmds []Command, i int, sc *scope) int {
	for i+1 < len(cmds) {
		switch c := cmds[i+1].(type) {
		case *DedupCmd:
			if st.limit > 0 || st.dedup != nil {
				return i
			}
			for _, f := range c.Fields {
				st.dedup = append(st.dedup, x.refSlot(f, sc))
			}
		case *LimitCmd:
			if st.limit > 0 {
				return i
			}
			if x.first {
				x.p.explicitLimit = true
			}
			st.limit = c.N
		default:
			return i
		}
		i++
	}
	return i
}

// fieldsOp compiles fields and display: every item that is not a plain
// field reference is evaluated into the slot of its name.
func (x *inst) fieldsOp(c *FieldsCmd, sc *scope) rowOp {
	type assign struct {
		slot int
		eval evalFn
	}
	var as []assign
	for _, it := range c.Items {
		f, plain := it.Expr.(*Field)
		ev := x.expr(it.Expr, sc)
		name := it.Name()
		if plain && it.Alias == "" {
			if _, isPath := x.mapPrefix(f.Name(), sc); !isPath {
				continue
			}
		}
		as = append(as, assign{slot: x.p.slot(name), eval: ev})
		sc.assigned[name] = true
	}
	if len(as) == 0 {
		return func(r *row, next func(*row)) { next(r) }
	}
	return func(r *row, next func(*row)) {
		for _, a := range as {
			v := a.eval(r)
			if v.k == kUnset {
				v = nullValue
			}
			r.vals[a.slot] = v
		}
		next(r)
	}
}

// globRegex turns a parse glob into a regex: `*` is a lazy group, a
// trailing `*` takes the rest of the value.
func globRegex(glob string) string {
	parts := strings.Split(glob, "*")
	var b strings.Builder
	b.WriteString("(?s)")
	for i, p := range parts {
		b.WriteString(regexp.QuoteMeta(p))
		if i < len(parts)-1 {
			if i == len(parts)-2 && parts[len(parts)-1] == "" {
				b.WriteString("(.*)")
			} else {
				b.WriteString("(.*?)")
			}
		}
	}
	return b.String()
}

// parseOp compiles parse.
func (x *inst) parseOp(c *ParseCmd, sc *scope) rowOp {
	src := func(r *row) value { return x.get(r, x.p.msgSlot) }
	if c.Source != nil {
		src = x.expr(c.Source, sc)
	}
	slots := make([]int, len(c.Names))
	for i, n := range c.Names {
		slots[i] = x.p.slot(n)
	}
	setNull := func(r *row) {
		for _, s := range slots {
			r.vals[s] = nullValue
		}
	}
	var op rowOp
	switch c.Kind {
	case ParseGlob, ParseRegex:
		var re *regex
		groups := make([]int, len(c.Names)) // submatch index per name
		if c.Kind == ParseGlob {
			re = x.p.regex(globRegex(c.Pattern))
			for i := range groups {
				groups[i] = i + 1
			}
		} else {
			re = x.p.regex(c.Pattern)
			for i, n := range c.Names {
				groups[i] = re.re.SubexpIndex(n)
			}
		}
		set := func(r *row, s string, m []int) {
			for i, g := range groups {
				if m[2*g] < 0 {
					r.vals[slots[i]] = nullValue
				} else {
					r.vals[slots[i]] = strValue(s[m[2*g]:m[2*g+1]])
				}
			}
		}
		multi := c.Multi
		op = func(r *row, next func(*row)) {
			v := src(r)
			if v.isNull() {
				setNull(r)
				next(r)
				return
			}
			s := v.text()
			if !multi {
				m := re.find(s)
				if m == nil {
					setNull(r)
				} else {
					set(r, s, m)
				}
				next(r)
				return
			}
			all := re.findAll(s)
			if len(all) == 0 {
				setNull(r)
				next(r)
				return
			}
			for i, m := range all {
				set(r, s, m)
				r.sub = int32(i)
				next(r)
			}
			r.sub = 0
		}
	case ParseLogfmt:
		slot := slots[0]
		op = func(r *row, next func(*row)) {
			v := src(r)
			if v.isNull() {
				setNull(r)
			} else {
				r.vals[slot] = value{k: kMap, x: parseLogfmt(v.text())}
			}
			next(r)
		}
	case ParseCSV:
		op = func(r *row, next func(*row)) {
			v := src(r)
			setNull(r)
			if !v.isNull() {
				cr := csv.NewReader(strings.NewReader(v.text()))
				cr.FieldsPerRecord = -1
				cr.LazyQuotes = true
				if rec, err := cr.Read(); err == nil {
					for i, f := range rec {
						if i < len(slots) {
							r.vals[slots[i]] = strValue(f)
						}
					}
				}
			}
			next(r)
		}
	}
	for _, n := range c.Names {
		sc.assigned[n] = true
	}
	return op
}

// parseLogfmt parses key=value pairs; values may be double-quoted.
func parseLogfmt(s string) map[string]any {
	m := map[string]any{}
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		k := i
		for i < len(s) && s[i] != '=' && s[i] != ' ' {
			i++
		}
		key := s[k:i]
		if i >= len(s) || s[i] != '=' {
			if key != "" {
				m[key] = true
			}
			continue
		}
		i++
		var val string
		if i < len(s) && s[i] == '"' {
			i++
			var b strings.Builder
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
				i++
			}
			i++
			val = b.String()
		} else {
			v := i
			for i < len(s) && s[i] != ' ' {
				i++
			}
			val = s[v:i]
		}
		if key != "" {
			m[key] = val
		}
	}
	return m
}

// addNeedles records substrings that every event passing cond contains:
// for each top-level "and" term `field = "text"` on a discovered field, or
// `@message like "text"`.
func (p *plan) addNeedles(cond Expr, sc *scope) {
	var walk func(e Expr)
	walk = func(e Expr) {
		b, ok := e.(*Binary)
		if !ok {
			return
		}
		switch b.Op {
		case "and":
			walk(b.X)
			walk(b.Y)
		case "=":
			f, fok := b.X.(*Field)
			s, sok := b.Y.(*StringLit)
			if !fok || !sok {
				f, fok = b.Y.(*Field)
				s, sok = b.X.(*StringLit)
			}
			if !fok || !sok || sc.assigned[f.Name()] || systemFields[f.Name()] != sysNone || !safeNeedle(s.Val) {
				return
			}
			p.needles = append(p.needles, needle{s: s.Val, jsonValue: true})
		case "like":
			f, fok := b.X.(*Field)
			s, sok := b.Y.(*StringLit)
			if fok && sok && f.Name() == "@message" && !sc.assigned["@message"] && s.Val != "" {
				p.needles = append(p.needles, needle{s: s.Val})
			}
		}
	}
	walk(cond)
}

// safeNeedle reports whether a string compared with = must appear verbatim
// in a JSON message holding it: not a number, no bytes JSON may escape.
func safeNeedle(s string) bool {
	if s == "" {
		return false
	}
	if _, isNum := parseNumber(s); isNum {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/' {
			return false
		}
	}
	return true
}

// outputColumns returns the result's columns (see semantics.go).
func outputColumns(q *Query, lastStats *StatsCmd) []string {
	var cols []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			cols = append(cols, n)
		}
	}
	var display *FieldsCmd
	hasFields := false
	for _, c := range q.Commands {
		switch c := c.(type) {
		case *FieldsCmd:
			if c.Display {
				display = c
			} else {
				hasFields = true
			}
		}
	}
	if display != nil {
		for _, it := range display.Items {
			add(it.Name())
		}
		return cols
	}
	if lastStats == nil && !hasFields {
		add("@timestamp")
		add("@message")
	}
	for _, c := range q.Commands {
		switch c := c.(type) {
		case *StatsCmd:
			if c == lastStats {
				cols, seen = nil, map[string]bool{}
				for _, it := range c.By {
					add(it.Name())
				}
				for _, it := range c.Aggs {
					add(it.Name())
				}
			}
		case *FieldsCmd:
			for _, it := range c.Items {
				add(it.Name())
			}
		case *ParseCmd:
			for _, n := range c.Names {
				add(n)
			}
		case *UnnestCmd:
			add(c.Into)
		case *LookupCmd:
			for _, n := range c.Outputs {
				add(n)
			}
		case *DiffCmd:
			add(DiffPreviousCountField)
			add(DiffIsNewField)
		}
	}
	return cols
}
