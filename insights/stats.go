package insights

import (
	"slices"
	"strings"
)

// group is the state of one stats group.
type group struct {
	key   string
	keys  []value
	accs  []aggState
	first int64 // seq of the group's first row
}

// statsStage groups rows and aggregates them. Workers fill one per batch;
// the coordinator merges the batches' groups in input order.
type statsStage struct {
	x       *inst
	by      []evalFn
	bySlots []int
	aggs    []aggSpec
	items   []statsItem
	needTS  bool

	groups  map[string]*group
	order   []*group
	key     []byte
	keyVals []value
	out     func(*row)
	fin     func()
}

// statsItem computes one output column from the aggregate results.
type statsItem struct {
	slot int
	eval evalFn
}

// statsStage compiles a stats command.
func (x *inst) statsStage(c *StatsCmd, sc *scope) *statsStage {
	st := &statsStage{x: x, groups: map[string]*group{}}
	for _, it := range c.By {
		st.by = append(st.by, x.expr(it.Expr, sc))
		st.bySlots = append(st.bySlots, x.p.slot(it.Name()))
	}
	st.keyVals = make([]value, len(st.by))
	itemScope := &scope{assigned: sc.assigned, afterStats: true, aggSlots: map[*Call]int{}}
	for _, it := range c.Aggs {
		walkExpr(it.Expr, func(e Expr) bool {
			call, ok := e.(*Call)
			if !ok || !functions[strings.ToLower(call.Name)].agg {
				return true
			}
			spec := aggSpec{name: call.Name, star: call.Star, slot: x.p.slot(hiddenSlotName(c, len(st.aggs)))}
			if len(call.Args) > 0 {
				spec.arg = x.expr(call.Args[0], sc)
			}
			if call.Name == "pct" {
				spec.pct = x.expr(call.Args[1], sc)
			}
			if call.Name == "earliest" || call.Name == "latest" {
				st.needTS = true
			}
			itemScope.aggSlots[call] = spec.slot
			st.aggs = append(st.aggs, spec)
			return false
		})
	}
	for _, it := range c.Aggs {
		st.items = append(st.items, statsItem{slot: x.p.slot(it.Name()), eval: x.expr(it.Expr, itemScope)})
	}
	return st
}

func (st *statsStage) link(out func(*row), fin func()) { st.out, st.fin = out, fin }

func (st *statsStage) push(r *row) {
	st.key = st.key[:0]
	for i, f := range st.by {
		v := f(r)
		st.keyVals[i] = v
		st.key = appendKey(st.key, v)
	}
	g, ok := st.groups[string(st.key)]
	if !ok {
		g = &group{key: string(st.key), keys: slices.Clone(st.keyVals), accs: make([]aggState, len(st.aggs)), first: r.seq}
		for i := range st.aggs {
			g.accs[i] = st.aggs[i].newState()
			if st.aggs[i].pct != nil {
				p, _ := st.aggs[i].pct(r).number()
				g.accs[i].(*pctAgg).p = p
			}
		}
		st.groups[g.key] = g
		st.order = append(st.order, g)
	}
	var ts int64
	if st.needTS {
		ts, _ = toMillis(st.x.get(r, st.x.p.tsSlot))
	}
	for i := range st.aggs {
		a := &st.aggs[i]
		v := nullValue
		if a.arg != nil {
			v = a.arg(r)
		}
		g.accs[i].add(v, ts, r.seq)
	}
}

// take returns the groups collected so far in first-seen order and resets
// the stage.
func (st *statsStage) take() []*group {
	gs := st.order
	st.order = nil
	clear(st.groups)
	return gs
}

// mergeGroups merges groups of a later batch.
func (st *statsStage) mergeGroups(gs []*group) {
	for _, g := range gs {
		if old, ok := st.groups[g.key]; ok {
			for i, a := range old.accs {
				a.merge(g.accs[i])
			}
			continue
		}
		st.groups[g.key] = g
		st.order = append(st.order, g)
	}
}

// finish emits one row per group, ordered by the group values.
func (st *statsStage) finish() {
	gs := st.take()
	if len(st.by) == 0 && len(gs) == 0 {
		// stats without by over no rows still gives one row (count 0)
		g := &group{accs: make([]aggState, len(st.aggs))}
		for i := range st.aggs {
			g.accs[i] = st.aggs[i].newState()
		}
		gs = []*group{g}
	}
	slices.SortStableFunc(gs, func(a, b *group) int {
		for i := range a.keys {
			if c := compareKeys(a.keys[i], b.keys[i], false); c != 0 {
				return c
			}
		}
		return 0
	})
	n := len(st.x.p.slots)
	for i, g := range gs {
		r := &row{vals: make([]value, n), seq: int64(i)}
		for j, s := range st.bySlots {
			r.vals[s] = g.keys[j]
			if g.keys[j].k == kUnset {
				r.vals[s] = nullValue
			}
		}
		for j := range st.aggs {
			r.vals[st.aggs[j].slot] = g.accs[j].result()
		}
		for _, it := range st.items {
			r.vals[it.slot] = it.eval(r)
		}
		st.out(r)
	}
	st.fin()
}
