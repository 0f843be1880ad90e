package insights

import (
	"container/heap"
	"slices"
)

// sortKey is one key of an ordering.
type sortKey struct {
	slot int
	desc bool
}

// orderStage puts rows in order (sort, or the default newest-first order)
// and applies a directly following dedup and limit. With a limit it keeps a
// bounded heap of the best rows; with dedup, one row per distinct key.
type orderStage struct {
	x     *inst
	keys  []sortKey
	limit int   // 0: no limit
	dedup []int // slots; nil: no dedup
	owned bool  // pushed rows belong to the stage (no clone needed)

	rows    rowHeap
	byKey   map[string]*row
	scratch []value
	key     []byte
	out     func(*row)
	fin     func()
}

func (st *orderStage) link(out func(*row), fin func()) { st.out, st.fin = out, fin }

// less orders a before b (both with cached keys): by the keys, then
// input order.
func (st *orderStage) less(a, b *row) bool {
	for i, k := range st.keys {
		if c := compareKeys(a.keys[i], b.keys[i], k.desc); c != 0 {
			return c < 0
		}
	}
	if a.seq != b.seq {
		return a.seq < b.seq
	}
	return a.sub < b.sub
}

// keep returns a row the stage may hold, with its own copy of the keys.
func (st *orderStage) keep(r *row) *row {
	keys := slices.Clone(r.keys)
	if !st.owned {
		r = r.clone()
	}
	r.keys = keys
	return r
}

func (st *orderStage) push(r *row) {
	st.scratch = st.scratch[:0]
	for _, k := range st.keys {
		st.scratch = append(st.scratch, st.x.get(r, k.slot))
	}
	r.keys = st.scratch
	if st.rows.less == nil {
		st.rows.less = func(a, b *row) bool { return st.less(b, a) } // worst on top
	}
	if st.dedup != nil {
		st.key = st.key[:0]
		null := false
		for _, s := range st.dedup {
			v := st.x.get(r, s)
			if v.isNull() {
				null = true
				break
			}
			st.key = appendKey(st.key, v)
		}
		if !null {
			if st.byKey == nil {
				st.byKey = map[string]*row{}
			}
			if old, ok := st.byKey[string(st.key)]; ok {
				if st.less(r, old) {
					st.byKey[string(st.key)] = st.keep(r)
				}
				return
			}
			st.byKey[string(st.key)] = st.keep(r)
			return
		}
	}
	if st.limit > 0 && st.rows.Len() >= st.limit {
		if !st.less(r, st.rows.rows[0]) {
			return
		}
		st.rows.rows[0] = st.keep(r)
		heap.Fix(&st.rows, 0)
		return
	}
	heap.Push(&st.rows, st.keep(r))
}

func (st *orderStage) finish() {
	all := st.rows.rows
	for _, r := range st.byKey {
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b *row) int {
		if st.less(a, b) {
			return -1
		}
		if st.less(b, a) {
			return 1
		}
		return 0
	})
	if st.limit > 0 && len(all) > st.limit {
		all = all[:st.limit]
	}
	for _, r := range all {
		st.out(r)
	}
	st.rows.rows, st.byKey = nil, nil
	st.fin()
}

// rowHeap is a heap of rows under less.
type rowHeap struct {
	rows []*row
	less func(a, b *row) bool
}

// Len is part of heap.Interface.
func (h *rowHeap) Len() int { return len(h.rows) }

// Less is part of heap.Interface.
func (h *rowHeap) Less(i, j int) bool { return h.less(h.rows[i], h.rows[j]) }

// Swap is part of heap.Interface.
func (h *rowHeap) Swap(i, j int) { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }

// Push is part of heap.Interface.
func (h *rowHeap) Push(x any) { h.rows = append(h.rows, x.(*row)) }

// Pop is part of heap.Interface.
func (h *rowHeap) Pop() any {
	r := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return r
}

// appendKey appends an unambiguous encoding of v (for grouping and dedup).
func appendKey(b []byte, v value) []byte {
	switch v.k {
	case kNull, kUnset:
		return append(b, 0)
	case kTime:
		b = append(b, 2)
		ms := uint64(int64(v.n))
		return append(b, byte(ms>>56), byte(ms>>48), byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms))
	case kStr:
		return appendLenPrefixed(append(b, 1), v.s)
	case kNum:
		if v.s != "" {
			return appendLenPrefixed(append(b, 1), v.s)
		}
	}
	return appendLenPrefixed(append(b, 1), v.text())
}

func appendLenPrefixed(b []byte, s string) []byte {
	n := len(s)
	for n >= 0x80 {
		b = append(b, byte(n)|0x80)
		n >>= 7
	}
	b = append(b, byte(n))
	return append(b, s...)
}

// limitOp passes the first n rows of an ordered stream.
type limitOp struct {
	n, seen int
	out     func(*row)
	fin     func()
}

func newLimitOp(n int) *limitOp { return &limitOp{n: n} }

func (l *limitOp) link(out func(*row), fin func()) { l.out, l.fin = out, fin }
func (l *limitOp) push(r *row) {
	if l.seen < l.n {
		l.seen++
		l.out(r)
	}
}
func (l *limitOp) finish() { l.fin() }

// dedupOp passes the first row per distinct key of an ordered stream; rows
// with a null key field all pass.
type dedupOp struct {
	x     *inst
	slots []int
	seen  map[string]bool
	key   []byte
	out   func(*row)
	fin   func()
}

func (x *inst) dedupOp(slots []int) *dedupOp {
	return &dedupOp{x: x, slots: slots, seen: map[string]bool{}}
}

func (d *dedupOp) link(out func(*row), fin func()) { d.out, d.fin = out, fin }
func (d *dedupOp) push(r *row) {
	d.key = d.key[:0]
	for _, s := range d.slots {
		v := d.x.get(r, s)
		if v.isNull() {
			d.out(r)
			return
		}
		d.key = appendKey(d.key, v)
	}
	if d.seen[string(d.key)] {
		return
	}
	d.seen[string(d.key)] = true
	d.out(r)
}
func (d *dedupOp) finish() { d.fin() }
