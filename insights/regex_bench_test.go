package insights_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/querytest"
)

// accessLogEvents returns n access-log lines (combined log format), one in
// ten a 5xx.
func accessLogEvents(n int) []insights.Event {
	events := make([]insights.Event, n)
	methods := []string{"GET", "POST", "GET", "PUT", "GET"}
	for i := range events {
		status := 200
		if i%10 == 3 {
			status = 502
		}
		msg := fmt.Sprintf(`10.%d.%d.%d - - [01/Nov/2026:00:%02d:%02d +0000] "%s /orders/%d HTTP/1.1" %d %d "-" "Mozilla/5.0 (X11; Linux x86_64) curl/8.%d"`,
			i%256, (i/256)%256, i%7, (i/60)%60, i%60, methods[i%len(methods)], i, status, 100+i%5000, i%10)
		events[i] = insights.Event{Timestamp: 1793491200000 + int64(i)*1000, Message: msg}
	}
	return events
}

// BenchmarkRunRegex runs a realistic regex filter and parse over 100,000
// access-log lines.
func BenchmarkRunRegex(b *testing.B) {
	events := accessLogEvents(100_000)
	var size int64
	for _, e := range events {
		size += int64(len(e.Message))
	}
	q := insights.MustParse(`filter @message like /" 5\d\d / | parse @message /^(?<ip>\d{1,3}(?:\.\d{1,3}){3}) \S+ \S+ \[(?<ts>[^\]]+)\] "(?<method>[A-Z]+) (?<path>\S+)[^"]*" (?<status>\d{3}) (?<bytes>\d+)/ | stats count(*) as n, sum(bytes) by method, status`)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Run(context.Background(), querytest.Seq(events), insights.Options{Parallelism: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunLargestRegex1MiB runs a regex at MaxRegexProgram that keeps
// every instruction busy over one 1 MiB message: the slowest a query with
// one regex can be per event.
func BenchmarkRunLargestRegex1MiB(b *testing.B) {
	events := []insights.Event{{Timestamp: 1, Message: strings.Repeat("x", 1<<20)}}
	q := insights.MustParse(`filter @message =~ /x{1,127}y/`)
	b.SetBytes(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Run(context.Background(), querytest.Seq(events), insights.Options{Parallelism: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunFourLargestRegexes1MiB runs four regexes of MaxRegexProgram
// size, all evaluated, over one 1 MiB message that keeps every instruction
// busy: the slowest a row can be (MaxQueryRegexProgram in all).
func BenchmarkRunFourLargestRegexes1MiB(b *testing.B) {
	events := []insights.Event{{Timestamp: 1, Message: strings.Repeat("x", 1<<20)}}
	q := insights.MustParse(`filter @message =~ /x{1,127}y/ or @message =~ /x{1,127}z/ or @message =~ /x{1,127}w/ or @message =~ /x{1,127}v/`)
	b.SetBytes(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Run(context.Background(), querytest.Seq(events), insights.Options{Parallelism: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
