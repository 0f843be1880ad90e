package insights

import (
	"context"
	"iter"
	"strings"
	"unsafe"

	"github.com/eventwatch/eventwatch/internal/linescan"
)

// Block is a run of consecutive input events decoded by the caller, for
// RunBlocks; callers decode runs on several goroutines (internal/chunked)
// and hand them over in input order. Events that the query's Prefilter
// rejects may be left out of Events: they still count in N and Bytes, so
// the result and its statistics are those of Run over every event.
// RunBlocks copies what it needs of a block before it asks for the next
// one, so a caller may reuse a block's slices from then on.
type Block struct {
	N      int     // events in the run, kept or not
	Bytes  int64   // bytes of the messages of the N events
	Events []Event // the events kept, in input order
	Index  []int   // position in the run (0 to N-1) of each kept event; nil when all N are kept
	Passed bool    // every event of Events passed the query's Prefilter: the engine need not test them again
}

// Prefilter tells, from its text alone, most messages of events that a
// query cannot keep: those that lack a text its first filter commands
// demand (`field = "text"` on a JSON field, `@message like "text"`), which
// Run's workers check before anything else. Events it rejects may be left
// out of the blocks given to RunBlocks without changing the result.
type Prefilter struct {
	needles []needle
	anchor  needle // the longest needle, searched for by Lines
}

// Prefilter returns the query's prefilter, or nil when any event may be
// kept: a query without such filters, or with subqueries, which read every
// event. opts are the options the query will run with.
func (q *Query) Prefilter(opts Options) *Prefilter {
	if q.checkRunnable(opts) != nil || len(q.subqueries()) > 0 {
		return nil
	}
	p := newPlan(q, opts.withDefaults())
	compile(p, true)
	if len(p.needles) == 0 {
		return nil
	}
	f := &Prefilter{needles: p.needles}
	for _, n := range p.needles {
		if len(n.s) > len(f.anchor.s) {
			f.anchor = n
		}
	}
	return f
}

// MayMatch reports whether an event with message msg may be kept.
func (f *Prefilter) MayMatch(msg []byte) bool {
	return passNeedles(f.needles, unsafe.String(unsafe.SliceData(msg), len(msg)))
}

// Lines calls fn with the bounds of the lines of data (raw messages, one a
// line, each ending in "\n", which end excludes) that MayMatch needs to
// see, in order, until fn returns false: those holding the longest needle
// or, when it is a JSON value, a \u escape. The others are skipped by a
// search over the whole of data, not line by line.
func (f *Prefilter) Lines(data []byte, fn func(start, end int) bool) {
	var alt []byte
	if f.anchor.jsonValue {
		alt = []byte(`\u`)
	}
	linescan.Lines(data, []byte(f.anchor.s), alt, fn)
}

// RunBlocks is Run over events given in blocks, in input order. The
// result is the same as Run's over the same events, whatever the blocks'
// sizes and the events left out as Block allows.
func (q *Query) RunBlocks(ctx context.Context, blocks iter.Seq2[*Block, error], opts Options) (*Result, error) {
	opts = opts.withDefaults()
	if err := q.checkRunnable(opts); err != nil {
		return nil, err
	}
	if len(q.subqueries()) > 0 {
		return q.Run(ctx, blockEvents(blocks), opts)
	}
	return q.run(ctx, blockFeeder(ctx, blocks), nil, opts)
}

// blockFeeder puts the kept events of blocks into batches by their input
// index, so that each batch holds the events Run's would hold, less those
// left out.
func blockFeeder(ctx context.Context, blocks iter.Seq2[*Block, error]) feeder {
	return func(st *Statistics, get func(int64) *batch, put func(*batch) error) error {
		var b *batch
		base := int64(0) // index of the block's first event
		for blk, err := range blocks {
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			st.RecordsScanned += int64(blk.N)
			st.BytesScanned += blk.Bytes
			for j := range blk.Events {
				idx := base + int64(j)
				if blk.Index != nil {
					idx = base + int64(blk.Index[j])
				}
				start := idx - idx%batchSize
				if b != nil && b.base != start {
					if err := put(b); err != nil {
						return err
					}
					b = nil
				}
				if b == nil {
					b = get(start)
					b.passed = true
				}
				b.passed = b.passed && blk.Passed
				b.events = append(b.events, blk.Events[j])
				b.idx = append(b.idx, idx)
			}
			base += int64(blk.N)
		}
		if b == nil {
			return nil
		}
		return put(b)
	}
}

// blockEvents is the events of blocks, for queries that read every event
// (subqueries): Prefilter is nil for them, so no event was left out.
func blockEvents(blocks iter.Seq2[*Block, error]) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		for blk, err := range blocks {
			if err != nil {
				yield(Event{}, err)
				return
			}
			for _, ev := range blk.Events {
				if !yield(ev, nil) {
					return
				}
			}
		}
	}
}

// passNeedles reports whether msg holds every needle (a JSON value's
// needle may be spelled with \u escapes, which let msg through).
func passNeedles(needles []needle, msg string) bool {
	for _, n := range needles {
		if !strings.Contains(msg, n.s) {
			if n.jsonValue && strings.Contains(msg, `\u`) {
				continue
			}
			return false
		}
	}
	return true
}
