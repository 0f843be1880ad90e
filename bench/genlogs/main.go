// Command genlogs writes synthetic structured log events for benchmarks and
// demos: the events of the eventwatch example config (my-queue-worker,
// httpbin-post, assumption-check) mixed with unrelated traffic, from a fixed
// seed so that every run writes the same bytes.
//
//	go run ./bench/genlogs -n 1000000 -out /tmp/events.jsonl            # one JSON message per line
//	go run ./bench/genlogs -n 1000000 -format cwl -out /tmp/events.cwl  # filter-log-events shape
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"time"
)

// Defaults of the generator, named once.
const (
	defaultEvents = 1_000_000
	defaultSeed   = 42
	// startTime is the timestamp of the first event; events are spaced
	// spacing apart so that a million events cover about eleven days.
	spacing = time.Second
)

var startTime = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func main() {
	n := flag.Int("n", defaultEvents, "number of events to write")
	seed := flag.Uint64("seed", defaultSeed, "random seed; the same seed writes the same file")
	format := flag.String("format", "jsonl", "jsonl: one JSON message per line; cwl: one CloudWatch event per line ({timestamp, message, logStreamName, logGroupName})")
	out := flag.String("out", "-", "output file, - for stdout")
	flag.Parse()
	if *format != "jsonl" && *format != "cwl" {
		fmt.Fprintf(os.Stderr, "genlogs: -format must be jsonl or cwl, not %q\n", *format)
		os.Exit(2)
	}
	w := io.Writer(os.Stdout)
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "genlogs:", err)
			os.Exit(2)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := generate(bw, *n, *seed, *format == "cwl"); err != nil {
		fmt.Fprintln(os.Stderr, "genlogs:", err)
		os.Exit(2)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genlogs:", err)
		os.Exit(2)
	}
}

var (
	methods = []string{"GET", "POST", "PUT", "DELETE"}
	errors  = []string{"timeout", "connection reset", "HTTP 502 Bad Gateway", "HTTP 500 Internal Server Error"}
	streams = []string{"worker/1", "worker/2", "web/1"}
)

func generate(w *bufio.Writer, n int, seed uint64, cwl bool) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	line := make([]byte, 0, 512)
	for i := range n {
		ts := startTime.Add(time.Duration(i) * spacing)
		line = appendMessage(line[:0], rng, ts)
		if cwl {
			msg, _ := json.Marshal(string(line))
			stream := streams[rng.IntN(len(streams))]
			fmt.Fprintf(w, `{"timestamp":%d,"message":%s,"logStreamName":%q,"logGroupName":"/eventwatch/dev/orders"}`+"\n", ts.UnixMilli(), msg, stream)
			continue
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// appendMessage appends one JSON log message for time ts.
func appendMessage(b []byte, rng *rand.Rand, ts time.Time) []byte {
	b = append(b, `{"time":"`...)
	b = ts.AppendFormat(b, "2006-01-02T15:04:05.000Z")
	b = append(b, `","level":`...)
	switch r := rng.IntN(100); {
	case r < 40: // the queue worker: success and processing time
		success := "True"
		if rng.IntN(10) == 0 {
			success = "False"
		}
		b = append(b, `"INFO","event":"my-queue-worker","success":"`...)
		b = append(b, success...)
		b = append(b, `","time_sec":`...)
		b = strconv.AppendFloat(b, float64(rng.IntN(5000))/1000, 'f', -1, 64)
		b = append(b, `,"queue":"orders"}`...)
	case r < 50: // failed HTTP POSTs to httpbin
		b = append(b, `"ERROR","event":"httpbin-post","method":"`...)
		b = append(b, methods[rng.IntN(len(methods))]...)
		b = append(b, `","error":"`...)
		b = append(b, errors[rng.IntN(len(errors))]...)
		b = append(b, `","time_sec":`...)
		b = strconv.AppendFloat(b, float64(rng.IntN(30000))/1000, 'f', -1, 64)
		b = append(b, '}')
	case r < 53: // a violated assumption, logged instead of crashing
		b = append(b, `"WARN","event":"assumption-check","assumption":"order total is positive","ok":false}`...)
	case r < 55: // an exception in the message text
		b = append(b, `"ERROR","event":"request","message":"java.lang.IllegalStateException: queue closed"}`...)
	default: // unrelated traffic
		b = append(b, `"INFO","event":"request","path":"/orders/`...)
		b = strconv.AppendInt(b, int64(rng.IntN(100000)), 10)
		b = append(b, `","status":`...)
		b = strconv.AppendInt(b, int64([]int{200, 200, 200, 201, 404}[rng.IntN(5)]), 10)
		b = append(b, `,"time_sec":`...)
		b = strconv.AppendFloat(b, float64(rng.IntN(800))/1000, 'f', -1, 64)
		b = append(b, '}')
	}
	return b
}
