package insights

import (
	"context"
	"iter"
	"runtime"
	"sync"
	"time"
)

// Options are the settings of one Run.
type Options struct {
	// Start and End are the query's time range, returned by queryStartTime(),
	// queryEndTime() and queryTimeRange(). Events are not filtered by them.
	// Default: zero times.
	Start, End time.Time
	// Now is the time now() reports. Default: time.Now() when Run starts.
	Now time.Time
	// Parallelism is the number of worker goroutines. Default:
	// runtime.GOMAXPROCS(0); 1 runs everything on the calling goroutine.
	Parallelism int
	// TimestampField, when set, names a field of JSON messages (flattened,
	// as in queries) that holds @timestamp: an RFC 3339 / ISO 8601 string or
	// epoch seconds or milliseconds (see ParseTimestamp). It is read in the
	// workers for every event; events without a readable value in range are
	// reported and left out. Default: "" (use Event.Timestamp).
	TimestampField string
	// LookupTables are the tables the lookup command reads, by name.
	// Default: none; a query with lookup then fails to run.
	LookupTables map[string]*LookupTable
	// OnTimestampError is called, in input order on the goroutine of Run,
	// for each event whose TimestampField was needed but is missing or
	// unreadable. Default: nil (not reported).
	OnTimestampError func(TimestampError)
}

// withDefaults resolves the defaults of o.
func (o Options) withDefaults() Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Parallelism <= 0 {
		o.Parallelism = runtime.GOMAXPROCS(0)
	}
	return o
}

// Result is the outcome of a query, shaped like GetQueryResults.
type Result struct {
	Fields []string // the result's columns, in order
	Rows   []Row
	Stats  Statistics
}

// Row is one result row: the present fields in column order.
type Row []Cell

// Cell is one field of a row; every value is a string.
type Cell struct {
	Field, Value string
}

// Get returns the value of field f in the row and whether it is present.
func (r Row) Get(f string) (string, bool) {
	for _, c := range r {
		if c.Field == f {
			return c.Value, true
		}
	}
	return "", false
}

// Map returns the row as field → value.
func (r Row) Map() map[string]string {
	m := make(map[string]string, len(r))
	for _, c := range r {
		m[c.Field] = c.Value
	}
	return m
}

// Statistics are the counters of a run.
type Statistics struct {
	RecordsScanned int64 // events read
	RecordsMatched int64 // rows that passed the commands before the first stats/sort/limit/dedup
	BytesScanned   int64 // bytes of @message read
}

// batch is a run of events processed by one worker: the events whose
// index (position in the input) lies in [base, base+batchSize), so that
// the partial aggregates merged, and so the results, do not depend on how
// the input was fed or on the number of workers.
type batch struct {
	events  []Event
	base    int64    // index of the batch's first event: a multiple of batchSize
	idx     []int64  // index of each event when events were left out (RunBlocks); empty when dense
	passed  bool     // every event passed the prefilter already (Block.Passed)
	rows    []*row   // rows reaching the first barrier (when it is not stats)
	groups  []*group // partial stats of the batch (when it is)
	tsErrs  []TimestampError
	matched int64
	done    chan struct{}
}

// index returns the input index of the batch's i-th event.
func (b *batch) index(i int) int64 {
	if len(b.idx) > 0 {
		return b.idx[i]
	}
	return b.base + int64(i)
}

// feeder puts the events of an input into batches, in input order: get
// returns an empty batch for a base, put hands a filled one over (and
// returns the error that stops the run). It counts what it reads in st.
type feeder func(st *Statistics, get func(base int64) *batch, put func(*batch) error) error

// Run runs the query over events and returns the result. Events may come
// in any order. An error from the sequence stops the run and is returned,
// as is ctx's error when it is cancelled.
func (q *Query) Run(ctx context.Context, events iter.Seq2[Event, error], opts Options) (*Result, error) {
	opts = opts.withDefaults()
	if err := q.checkRunnable(opts); err != nil {
		return nil, err
	}
	events, subs, err := q.runSubqueries(ctx, events, opts)
	if err != nil {
		return nil, err
	}
	return q.run(ctx, eventFeeder(events), subs, opts)
}

// eventFeeder feeds events one by one into dense batches.
func eventFeeder(events iter.Seq2[Event, error]) feeder {
	return func(st *Statistics, get func(int64) *batch, put func(*batch) error) error {
		b := get(0)
		for ev, err := range events {
			if err != nil {
				return err
			}
			st.RecordsScanned++
			st.BytesScanned += int64(len(ev.Message))
			b.events = append(b.events, ev)
			if len(b.events) == batchSize {
				if err := put(b); err != nil {
					return err
				}
				b = get(b.base + batchSize)
			}
		}
		if len(b.events) == 0 {
			return nil
		}
		return put(b)
	}
}

// run runs the plan of q over the batches of feed.
func (q *Query) run(ctx context.Context, feed feeder, subs map[*In]*subValues, opts Options) (*Result, error) {
	p := newPlan(q, opts)
	p.subs = subs
	coord := compile(p, true)
	workers := make([]*inst, 0, opts.Parallelism)
	for range opts.Parallelism {
		workers = append(workers, compile(p, false))
	}
	for _, x := range append([]*inst{coord}, workers...) {
		x.scanner.setWant(p.want)
	}
	coord.tsError = opts.OnTimestampError

	res := &Result{Fields: p.outNames}
	col := &collector{x: coord, res: res, cap: DefaultLimit}
	if p.explicitLimit {
		col.cap = MaxLimit
	}
	first := coord.link(p.prefixEnd, col.push, col.finish)
	stats, _ := coord.ops[p.prefixEnd].(*statsStage)
	if ord, ok := coord.ops[p.prefixEnd].(*orderStage); ok {
		ord.owned = true
	}
	merge := func(b *batch) {
		res.Stats.RecordsMatched += b.matched
		if opts.OnTimestampError != nil {
			for _, te := range b.tsErrs {
				opts.OnTimestampError(te)
			}
		}
		if stats != nil {
			stats.mergeGroups(b.groups)
		} else {
			for _, r := range b.rows {
				first(r)
			}
		}
	}
	// ready is checked before each batch is handed over.
	ready := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.failed.Load(); err != nil {
			return err
		}
		return nil
	}

	var runErr error
	if len(workers) <= 1 {
		sink := workers[0].workerSink(p)
		b := &batch{}
		get := func(base int64) *batch {
			b.events, b.idx, b.base, b.matched, b.passed = b.events[:0], b.idx[:0], base, 0, false
			b.rows, b.groups, b.tsErrs = nil, nil, nil
			return b
		}
		put := func(b *batch) error {
			if err := ready(); err != nil {
				return err
			}
			sink.process(b)
			merge(b)
			return nil
		}
		runErr = feed(&res.Stats, get, put)
	} else {
		runErr = runParallel(p, workers, feed, merge, ready, &res.Stats)
	}
	if runErr != nil {
		return nil, runErr
	}
	if err := p.failed.Load(); err != nil {
		return nil, err
	}
	coord.ops[p.prefixEnd].(barrier).finish()
	if err := p.failed.Load(); err != nil {
		return nil, err
	}
	return res, nil
}

// runParallel feeds batches to the workers and merges their results in
// input order on one goroutine.
func runParallel(p *plan, workers []*inst, feed feeder, merge func(*batch), ready func() error, st *Statistics) error {
	jobs := make(chan *batch, len(workers))
	inOrder := make(chan *batch, 2*len(workers))
	free := make(chan *batch, 3*len(workers)+2)
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sink := w.workerSink(p)
			for b := range jobs {
				sink.process(b)
				close(b.done)
			}
		}()
	}
	merged := make(chan struct{})
	go func() {
		defer close(merged)
		for b := range inOrder {
			<-b.done
			merge(b)
			b.rows, b.groups, b.tsErrs = nil, nil, nil
			clear(b.events)
			select {
			case free <- b:
			default:
			}
		}
	}()
	get := func(base int64) *batch {
		var b *batch
		select {
		case b = <-free:
			b.events, b.idx = b.events[:0], b.idx[:0]
			b.matched, b.passed = 0, false
		default:
			b = &batch{events: make([]Event, 0, batchSize)}
		}
		b.base = base
		b.done = make(chan struct{})
		return b
	}
	put := func(b *batch) error {
		if err := ready(); err != nil {
			return err
		}
		inOrder <- b
		jobs <- b
		return nil
	}
	err := feed(st, get, put)
	close(jobs)
	close(inOrder)
	<-merged
	wg.Wait()
	return err
}

// link connects ops[start:] to the final push/finish and returns the push
// function of ops[start].
func (x *inst) link(start int, push func(*row), fin func()) func(*row) {
	for i := len(x.ops) - 1; i >= start; i-- {
		switch op := x.ops[i].(type) {
		case rowOp:
			next := push
			push = func(r *row) { op(r, next) }
		case barrier:
			op.link(push, fin)
			push, fin = op.push, op.finish
		}
	}
	return push
}

// workerSink runs the commands before the first barrier on a worker.
type workerSink struct {
	x     *inst
	p     *plan
	push  func(*row)
	stats *statsStage
	cur   *batch
	row   row
	ev    evState
}

func (x *inst) workerSink(p *plan) *workerSink {
	w := &workerSink{x: x, p: p}
	w.stats, _ = x.ops[p.prefixEnd].(*statsStage)
	end := func(r *row) {
		w.cur.matched++
		if w.stats != nil {
			w.stats.push(r)
		} else {
			w.cur.rows = append(w.cur.rows, r.clone())
		}
	}
	// link only the row operations of the prefix
	push := end
	for i := p.prefixEnd - 1; i >= 0; i-- {
		op := x.ops[i].(rowOp)
		next := push
		push = func(r *row) { op(r, next) }
	}
	w.push = push
	w.row.vals = make([]value, len(p.slots))
	w.ev.disc = make([]value, len(p.want))
	w.row.ev = &w.ev
	x.tsError = func(te TimestampError) { w.cur.tsErrs = append(w.cur.tsErrs, te) }
	return w
}

// process runs one batch.
func (w *workerSink) process(b *batch) {
	w.cur = b
	r := &w.row
	for i := range b.events {
		ev := &b.events[i]
		if !b.passed && !w.passNeedles(ev.Message) {
			continue
		}
		w.ev.Event = *ev
		w.ev.index = b.index(i)
		w.ev.scanned, w.ev.tsDone, w.ev.tsBad = false, false, false
		if w.p.tsDisc >= 0 {
			if w.x.timestamp(&w.ev); w.ev.tsBad {
				continue
			}
		}
		clear(r.vals)
		r.seq, r.sub = w.ev.index, 0
		w.push(r)
	}
	if w.stats != nil {
		b.groups = w.stats.take()
	}
	w.cur = nil
}

// passNeedles reports whether msg contains every prefilter needle.
func (w *workerSink) passNeedles(msg string) bool { return passNeedles(w.p.needles, msg) }

// collector turns final rows into result rows.
type collector struct {
	x   *inst
	res *Result
	cap int
}

func (c *collector) push(r *row) {
	if len(c.res.Rows) >= c.cap {
		return
	}
	p := c.x.p
	out := make(Row, 0, len(p.outSlots))
	for i, s := range p.outSlots {
		v := c.x.get(r, s)
		if v.isNull() {
			continue
		}
		out = append(out, Cell{Field: p.outNames[i], Value: v.text()})
	}
	c.res.Rows = append(c.res.Rows, out)
}

func (c *collector) finish() {}
