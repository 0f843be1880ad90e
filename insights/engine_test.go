package insights_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// genEvents makes n JSON events one second apart, like bench/genlogs.
func genEvents(n int) []insights.Event {
	events := make([]insights.Event, n)
	names := []string{"my-queue-worker", "request", "httpbin-post", "request", "request"}
	for i := range events {
		msg := fmt.Sprintf(`{"level":"INFO","event":%q,"success":"True","time_sec":%d.%03d,"queue":"orders","n":%d}`,
			names[i%len(names)], i%5, i%1000, i)
		events[i] = insights.Event{Timestamp: 1793491200000 + int64(i)*1000, Message: msg, LogStream: "s" + strconv.Itoa(i%3)}
	}
	return events
}

func TestDefaultLimit(t *testing.T) {
	events := genEvents(insights.DefaultLimit + 5)
	res, err := querytest.Run(insights.MustParse("fields n"), events)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != insights.DefaultLimit {
		t.Fatalf("%d rows, want %d", len(res.Rows), insights.DefaultLimit)
	}
	if v, _ := res.Rows[0].Get("n"); v != strconv.Itoa(len(events)-1) {
		t.Errorf("first row n = %s, want the newest event", v)
	}
	res, err = querytest.Run(insights.MustParse("fields n | limit 10003"), events)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 10003 {
		t.Errorf("limit 10003: %d rows", len(res.Rows))
	}
}

func TestJSONFieldCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range insights.MaxJSONFields + 10 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"f%d":%d`, i, i)
	}
	b.WriteString("}")
	events := []insights.Event{{Message: b.String()}}
	last, over := fmt.Sprintf("f%d", insights.MaxJSONFields-1), fmt.Sprintf("f%d", insights.MaxJSONFields)
	res, err := querytest.Run(insights.MustParse("fields "+last+", "+over), events)
	if err != nil {
		t.Fatal(err)
	}
	want := []insights.Row{{{Field: last, Value: strconv.Itoa(insights.MaxJSONFields - 1)}}}
	if d := cmp.Diff(want, res.Rows); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestParallelDeterministic checks that every worker count gives the same
// result, stats sums included.
func TestParallelDeterministic(t *testing.T) {
	events := genEvents(50_000)
	for _, src := range []string{
		`filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) as a, sum(time_sec) as s, stddev(time_sec) as sd, pct(time_sec, 95) as p by bin(1h), @logStream`,
		`fields n, time_sec | sort time_sec desc, n asc | limit 50`,
		`fields time_sec | dedup time_sec`,
		`stats earliest(n) as e, latest(n) as l, count_distinct(time_sec) as d`,
	} {
		q := insights.MustParse(src)
		var first *insights.Result
		for _, par := range []int{1, 2, 4, 7} {
			res, err := q.Run(context.Background(), querytest.Seq(events), insights.Options{Parallelism: par})
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = res
				continue
			}
			if d := cmp.Diff(first.Rows, res.Rows); d != "" {
				t.Errorf("%s: parallelism %d differs from 1:\n%s", src, par, d)
			}
		}
	}
}

func TestSequenceError(t *testing.T) {
	boom := errors.New("boom")
	seq := func(yield func(insights.Event, error) bool) {
		if yield(insights.Event{Message: "a"}, nil) {
			yield(insights.Event{}, boom)
		}
	}
	for _, par := range []int{1, 2} {
		_, err := insights.MustParse("fields a").Run(context.Background(), iter.Seq2[insights.Event, error](seq), insights.Options{Parallelism: par})
		if !errors.Is(err, boom) {
			t.Errorf("parallelism %d: err = %v, want boom", par, err)
		}
	}
}

func TestErrorList(t *testing.T) {
	_, err := insights.Parse("filter a = | fields b c")
	var list insights.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want a list of 2", err)
	}
	if got := strings.SplitN(err.Error(), "\n", 2)[0]; got != `1:12: expected an expression after "=", found "|" (and 1 more errors)` {
		t.Errorf("first line %q", got)
	}
	e := list[1]
	if e.Line != 1 || e.Col != 23 || e.Offset != 22 {
		t.Errorf("second error at %d:%d offset %d", e.Line, e.Col, e.Offset)
	}
}

func BenchmarkParse(b *testing.B) {
	src := `filter @message like /Exception/ and level in ["ERROR", "WARN"]
| parse @message "[*] * The error was: *" as lvl, config, exception
| stats count(*) as n, avg(duration) as avg, pct(duration, 95) by bin(5m), exception
| sort n desc | limit 20`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := insights.Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRun(b *testing.B, src string, par int) {
	events := genEvents(200_000)
	var size int64
	for _, e := range events {
		size += int64(len(e.Message))
	}
	q := insights.MustParse(src)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Run(context.Background(), querytest.Seq(events), insights.Options{Parallelism: par}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunFilterStats(b *testing.B) {
	for _, par := range []int{1, 2} {
		b.Run(fmt.Sprintf("par%d", par), func(b *testing.B) {
			benchRun(b, `filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) by bin(1h)`, par)
		})
	}
}

func BenchmarkRunSortLimit(b *testing.B) {
	benchRun(b, `fields n, time_sec | sort time_sec desc | limit 100`, 0)
}

func BenchmarkRunDefaultOrder(b *testing.B) {
	benchRun(b, `filter level = "INFO" | fields n`, 0)
}
