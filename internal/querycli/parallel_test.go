package querycli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/chunked"
)

// hostileRaw is a raw JSON log that chunking must not change the result
// of: events out of time order, multibyte characters (cut in the middle
// by tiny chunks), CRLF line ends, blank and malformed lines, missing and
// unreadable timestamps, an event over CloudWatch's size limit and a last
// line without "\n". (TestChunkedBadLineNumbers has a line over
// MaxLineBytes.)
func hostileRaw() string {
	var b strings.Builder
	events := []string{"my-queue-worker", "httpbin-post", "request", "my-queue-w\\u006frker"}
	for i := range 2000 {
		hour, min := (i*7919)%24, (i*31)%60
		switch {
		case i%97 == 0:
			b.WriteString("not json at all ✓\n")
		case i%89 == 0:
			fmt.Fprintf(&b, `{"event":"my-queue-worker","time_sec":%d}`+"\n", i) // no time
		case i%83 == 0:
			fmt.Fprintf(&b, `{"time":"yesterday","event":"my-queue-worker","time_sec":%d}`+"\n", i)
		case i%13 == 0:
			b.WriteString("\n   \r\n")
		default:
			end := "\n"
			if i%5 == 0 {
				end = "\r\n"
			}
			fmt.Fprintf(&b, `{"time":"2026-11-%02dT%02d:%02d:00.000Z","event":"%s","success":"%v","time_sec":%d.%03d,"queue":"ørders-%d","note":"naïve café 日本語 €%d"}%s`,
				1+i%3, hour, min, events[i%len(events)], i%3 == 0, i%17, (i*37)%1000, i%4, i%9, end)
		}
		if i == 1500 {
			fmt.Fprintf(&b, `{"time":"2026-11-01T00:00:00Z","event":"my-queue-worker","big":"%s"}`+"\n", strings.Repeat("é", MaxEventBytes/2))
		}
	}
	b.WriteString(`{"time":"2026-11-02T12:00:00Z","event":"my-queue-worker","success":"false","time_sec":9.5,"queue":"last ✓"}`)
	return b.String()
}

// hostileCWL is the same kind of log as CloudWatch event lines, with
// events that are not CloudWatch events among them.
func hostileCWL() string {
	var b strings.Builder
	for i := range 1500 {
		switch {
		case i%71 == 70:
			fmt.Fprintf(&b, `{"message":"no timestamp %d"}`+"\n", i)
		case i%67 == 66:
			fmt.Fprintf(&b, `{"timestamp":"soon","message":"x"}`+"\n")
		case i%11 == 10:
			b.WriteString("\r\n")
		default:
			fmt.Fprintf(&b, `{"timestamp":%d,"message":"{\"event\":\"%s\",\"n\":%d,\"note\":\"ünïcode ✓\"}","logStreamName":"s%d"}`+"\r\n",
				1793491200000+int64((i*7919)%100000)*1000, []string{"my-queue-worker", "request"}[i%2], i, i%3)
		}
	}
	b.WriteString(`{"timestamp":1793491200000,"message":"last without newline","logStreamName":"s0"}`)
	return b.String()
}

// queryChunkings are the ways the tests cut inputs: one worker reading
// whole chunks (the sequential run), and several on tiny chunks.
var queryChunkings = []chunked.Config{
	{Workers: 1},
	{Workers: 4, ChunkBytes: 1},
	{Workers: 3, ChunkBytes: 7, InFlight: 3},
	{Workers: 2, ChunkBytes: 100},
	{Workers: 8, ChunkBytes: 4096},
}

func TestChunkedQueriesAreIdentical(t *testing.T) {
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.jsonl")
	cwl := filepath.Join(dir, "events.cwl.jsonl")
	if err := os.WriteFile(raw, []byte(hostileRaw()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cwl, []byte(hostileCWL()), 0o644); err != nil {
		t.Fatal(err)
	}
	rawArgs := []string{"--input", "raw", "--timestamp-field", "time", "--format", "json", raw, "-q"}
	runs := [][]string{
		append(slices.Clone(rawArgs), `filter event = "my-queue-worker" | stats count(*) as n, sum(time_sec) as s, avg(time_sec) as a, min(time_sec) as lo, max(time_sec) as hi, stddev(time_sec) as sd, pct(time_sec, 90) as p90, count_distinct(queue) as qs, earliest(note) as e, latest(note) as l by bin(1h)`),
		append(slices.Clone(rawArgs), `stats count(*) as n, avg(time_sec) as a, sortsFirst(queue) as f by queue, success | sort n desc, queue`),
		append(slices.Clone(rawArgs), `filter @message like "café" and time_sec > 3 | fields @timestamp, queue, time_sec | sort time_sec desc | limit 25`),
		append(slices.Clone(rawArgs), `fields queue, note | dedup queue`),
		append(slices.Clone(rawArgs), `filter event = "httpbin-post"`),
		append(slices.Clone(rawArgs), `parse note "naïve * *" as word, rest | stats count(*) by word, rest`),
		append(slices.Clone(rawArgs), `filter queue in (filter event = "request" | fields queue) | stats count(*) as n by bin(6h)`),
		{"--input", "raw", "--format", "csv", raw, "-q", `filter event = "my-queue-worker" | fields time_sec | limit 10000`},
		{"--format", "json", raw, "-q", `stats count(*) as n by event`}, // auto: raw
		{"--format", "json", cwl, raw, "-q", `stats count(*) as n, earliest(n) as first, latest(@message) as last by @logStream, bin(1h) | sort n desc | limit 20`},
		{"--format", "json", cwl, "-q", `filter event = "request" | fields @timestamp, n, @logStream`},
	}
	for _, args := range runs {
		var want string
		for i, cfg := range queryChunkings {
			var stdout, stderr bytes.Buffer
			code := runQuery(args, nil, &stdout, &stderr, cfg)
			errs := strings.Split(stderr.String(), "\n")
			slices.Sort(errs) // timestamp errors come from the engine's merging goroutine
			got := fmt.Sprintf("exit %d\n%s\nstderr:\n%s", code, stdout.String(), strings.Join(errs, "\n"))
			if i == 0 {
				want = got
				if stdout.Len() == 0 || code == ExitUsage {
					t.Errorf("%q: no result:\n%s", args, got)
				}
				continue
			}
			if got != want {
				t.Errorf("%q with %+v differs from the sequential run:\n%.3000s\nwant:\n%.3000s", args[len(args)-1], cfg, got, want)
			}
		}
	}
}

// Bad lines are reported with the right file:line, whichever chunk they
// fall in.
func TestChunkedBadLineNumbers(t *testing.T) {
	input := "{\"time\":\"2026-11-01T00:00:00Z\",\"a\":1}\r\n\n" + strings.Repeat("y", MaxLineBytes+1) + "\n{\"a\":\"ünï\"}\n{\"time\":\"2026-11-01T01:00:00Z\",\"a\":2}"
	for _, cfg := range queryChunkings {
		var stdout, stderr bytes.Buffer
		code := runQuery([]string{"--input", "raw", "--timestamp-field", "time", "--format", "csv", "-q", "stats sum(a) as s", "-"}, strings.NewReader(input), &stdout, &stderr, cfg)
		for _, want := range []string{"<stdin>:3: line of 8388610 bytes is over", `<stdin>:4: no timestamp field "time"`, "2 bad input line(s)"} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("%+v: stderr lacks %q:\n%s", cfg, want, stderr.String())
			}
		}
		if code != ExitFailure || stdout.String() != "s\n3\n" {
			t.Errorf("%+v: exit %d, stdout %q", cfg, code, stdout.String())
		}
	}
}

// The prefilter changes no result: each query gives what its twin, whose
// filter the prefilter cannot use (an "or" of the same test), gives.
func TestPrefilterChangesNothing(t *testing.T) {
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.jsonl")
	if err := os.WriteFile(raw, []byte(hostileRaw()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{
		{`filter event = "my-queue-worker" | stats count(*) as n, sum(time_sec) as s by bin(1h)`,
			`filter event = "my-queue-worker" or event = "my-queue-worker" | stats count(*) as n, sum(time_sec) as s by bin(1h)`},
		{`filter @message like "café" and queue = "ørders-1" | fields @timestamp, time_sec | limit 50`,
			`filter (@message like "café" or @message like "café") and (queue = "ørders-1" or queue = "ørders-1") | fields @timestamp, time_sec | limit 50`},
	} {
		var outs [2]string
		for i, q := range pair {
			var stdout, stderr bytes.Buffer
			code := runQuery([]string{"--input", "raw", "--timestamp-field", "time", "--format", "json", raw, "-q", q}, nil, &stdout, &stderr, chunked.Config{Workers: 3, ChunkBytes: 333})
			outs[i] = fmt.Sprintf("exit %d\n%s", code, stdout.String())
		}
		if outs[0] != outs[1] || !strings.Contains(outs[0], "{") {
			t.Errorf("%s:\n%s\nwithout the prefilter:\n%s", pair[0], outs[0], outs[1])
		}
	}
}
