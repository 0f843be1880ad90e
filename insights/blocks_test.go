package insights_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// blocksOf cuts events into blocks of random sizes, leaving out the events
// that pre rejects (nil keeps all); blocks cut with pre say, at random,
// that their events passed it.
func blocksOf(events []insights.Event, rng *rand.Rand, pre *insights.Prefilter) iter.Seq2[*insights.Block, error] {
	return func(yield func(*insights.Block, error) bool) {
		for start := 0; start < len(events); {
			n := min(len(events)-start, rng.IntN(5000))
			blk := &insights.Block{N: n, Passed: pre != nil && rng.IntN(2) == 0}
			dense := true
			for i, ev := range events[start : start+n] {
				blk.Bytes += int64(len(ev.Message))
				if pre != nil && !pre.MayMatch([]byte(ev.Message)) {
					dense = false
					continue
				}
				blk.Events = append(blk.Events, ev)
				blk.Index = append(blk.Index, i)
			}
			if dense {
				blk.Index = nil
			}
			if !yield(blk, nil) {
				return
			}
			start += n
		}
	}
}

// RunBlocks gives Run's result, statistics included, whatever the blocks,
// the events the prefilter leaves out and the number of workers: sums and
// averages included, since batches follow the events' input positions.
func TestRunBlocksIsRun(t *testing.T) {
	events := genEvents(30_000)
	rng := rand.New(rand.NewPCG(3, 4))
	rng.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] }) // out of time order
	for _, src := range []string{
		`filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) as a, sum(time_sec) as s, stddev(time_sec) as sd, pct(time_sec, 95) as p, min(n) as lo, max(n) as hi by bin(1h), @logStream`,
		`filter event = "request" and time_sec > 2 | fields n, time_sec | sort time_sec desc, n asc | limit 50`,
		`filter @message like "orders" | fields time_sec | dedup time_sec`,
		`stats earliest(n) as e, latest(n) as l, count_distinct(time_sec) as d, sortsFirst(event) as f`,
		`filter event = "httpbin-post" | fields n`,
		`filter event = "absent"`,
		`filter event in (filter event = "request" | fields event) | stats count(*)`,
	} {
		q := insights.MustParse(src)
		want, err := q.Run(context.Background(), querytest.Seq(events), insights.Options{Parallelism: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, par := range []int{1, 2, 5} {
			for _, pre := range []*insights.Prefilter{nil, q.Prefilter(insights.Options{})} {
				got, err := q.RunBlocks(context.Background(), blocksOf(events, rng, pre), insights.Options{Parallelism: par})
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s: parallelism %d, prefilter %v: (-Run +RunBlocks)\n%s", src, par, pre != nil, d)
				}
			}
		}
	}
}

func TestPrefilter(t *testing.T) {
	for _, tt := range []struct {
		src  string
		msgs map[string]bool // message → passes
	}{
		{`filter event = "my-queue-worker" and @message like "orders"`, map[string]bool{
			`{"event":"my-queue-worker","queue":"orders"}`:  true,
			`{"event":"my-queue-worker"}`:                   false,
			`{"event":"my-queue-w\u006frker","q":"orders"}`: true,
			`{"event":"request","queue":"orders"}`:          false,
		}},
		{`filter event = "a" or event = "b"`, nil},
		{`stats count(*)`, nil},
		{`filter event in (fields event | filter event = "a") and event = "a"`, nil},
	} {
		pre := insights.MustParse(tt.src).Prefilter(insights.Options{})
		if (pre == nil) != (tt.msgs == nil) {
			t.Errorf("%s: prefilter %v, want one: %v", tt.src, pre != nil, tt.msgs != nil)
		}
		if pre == nil || tt.msgs == nil {
			continue
		}
		var data []byte
		var lines []string
		for msg := range tt.msgs {
			data = append(append(data, msg...), '\n')
		}
		pre.Lines(data, func(start, end int) bool {
			lines = append(lines, string(data[start:end]))
			return true
		})
		for msg, want := range tt.msgs {
			if want && !slices.Contains(lines, msg) {
				t.Errorf("%s: Lines skips %s, which passes", tt.src, msg)
			}
			if got := pre.MayMatch([]byte(msg)); got != want {
				t.Errorf("%s: %s passes %v, want %v", tt.src, msg, got, want)
			}
		}
	}
}

func BenchmarkRunBlocks(b *testing.B) {
	events := genEvents(200_000)
	q := insights.MustParse(`filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) by bin(1h)`)
	for _, par := range []int{1, 2} {
		b.Run(fmt.Sprintf("par%d", par), func(b *testing.B) {
			pre := q.Prefilter(insights.Options{})
			rng := rand.New(rand.NewPCG(1, 1))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := q.RunBlocks(context.Background(), blocksOf(events, rng, pre), insights.Options{Parallelism: par}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
