package querycli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// cliCase is one run of a subcommand: args, stdin, and what must appear.
type cliCase struct {
	name   string
	check  bool // RunCheck instead of RunQuery
	args   []string
	stdin  string
	exit   int
	stdout string   // exact, when not ""
	outHas []string // substrings of stdout
	errHas []string // substrings of stderr
}

var cliCases = []cliCase{
	{name: "cwl table", args: []string{"-f", "../../queries/exceptions-per-hour.insights", "testdata/events.cwl.jsonl"},
		stdout: "bin(1h)                  exceptionCount\n2026-11-01 09:00:00.000  4\n2026-11-01 08:00:00.000  2\n2026-11-01 10:00:00.000  1\n"},
	{name: "cwl json", args: []string{"--format", "json", "-q", "fields @logStream, @log | limit 2", "testdata/events.cwl.jsonl"},
		stdout: `{"@logStream":"orders/1","@log":"/eventwatch/dev/orders"}` + "\n" + `{"@logStream":"orders/1","@log":"/eventwatch/dev/orders"}` + "\n"},
	{name: "csv from stdin", args: []string{"--format=csv", "-q", "stats count(*) as n by @logStream", "-"},
		stdin:  "{\"timestamp\":1,\"message\":\"a\",\"logStreamName\":\"s,1\"}\n{\"timestamp\":2,\"message\":\"b\"}\n",
		stdout: "@logStream,n\n\"s,1\",1\n,1\n"},
	{name: "raw with timestamp field", args: []string{"--input", "raw", "--timestamp-field", "time", "--format", "json",
		"-q", `filter event = "w" | stats count(*) as n, avg(t) as avg by bin(1h)`, "testdata/raw.jsonl"},
		stdout: `{"bin(1h)":"2026-11-01 00:00:00.000","n":"2","avg":"2"}` + "\n" + `{"bin(1h)":"2026-11-01 01:00:00.000","n":"1","avg":"2"}` + "\n"},
	{name: "raw bad line is reported and counted", args: []string{"--input", "raw", "--timestamp-field", "time", "-q", "fields t", "testdata/raw.jsonl"},
		exit: ExitFailure, outHas: []string{"t\n5\n2\n3\n1\n"}, errHas: []string{"testdata/raw.jsonl:4: no timestamp field \"time\"", "1 bad input line"}},
	{name: "raw without timestamp keeps line order", args: []string{"--input", "raw", "--format", "csv", "-q", "fields t | limit 2", "testdata/raw.jsonl"},
		stdout: "t\n1\n3\n"},
	{name: "auto detects raw", args: []string{"--format", "csv", "-q", "filter event = \"x\" | fields event", "testdata/raw.jsonl"},
		stdout: "event\nx\n"},
	{name: "bad cwl line", args: []string{"-q", "stats count(*) as n", "--format", "csv", "--input", "cwl"},
		stdin: "{\"timestamp\":1,\"message\":\"a\"}\n{\"message\":\"no time\"}\n", exit: ExitFailure,
		stdout: "n\n1\n", errHas: []string{"<stdin>:2: expected a CloudWatch event"}},
	{name: "query error with caret", args: []string{"-q", "fields a\n| stats count(*) by", "testdata/raw.jsonl"},
		exit: ExitUsage, errHas: []string{"query:2:20: expected an expression after \"by\"", "| stats count(*) by\n                   ^"}},
	{name: "query file error names the file", args: []string{"-f", "testdata/badqueries/broken.insights"},
		exit: ExitUsage, errHas: []string{"testdata/badqueries/broken.insights:2:20: expected an expression"}},
	{name: "command not run offline", args: []string{"-q", "pattern @message", "testdata/raw.jsonl"}, exit: ExitUsage,
		errHas: []string{`not run offline: pattern at 1:1 (it clusters events with machine learning)`, "--log-group"}},
	{name: "no query", args: []string{"x"}, exit: ExitUsage, errHas: []string{"either -q QUERY or -f FILE"}},
	{name: "bad format", args: []string{"-q", "fields a", "--format", "xml"}, exit: ExitUsage, errHas: []string{"--format must be table, json, csv or chart"}},
	{name: "missing file", args: []string{"-q", "fields a", "testdata/events.cwl.jsonl", "testdata/nope.jsonl"}, exit: ExitUsage,
		stdout: "", errHas: []string{"testdata/nope.jsonl: no such file", "nothing was run"}},
	{name: "help", args: []string{"--help"}, outHas: []string{"usage: logq query", "Examples:", "--timestamp-field"}},
	{name: "query range", args: []string{"--format", "csv", "--start", "2026-11-01T00:00:00Z", "--end", "2026-11-01T01:00:00Z",
		"-q", "fields queryTimeRange() as r | limit 1", "testdata/raw.jsonl"}, stdout: "r\n3600000\n"},

	{name: "chart bars", args: []string{"--format", "chart", "--width", "60", "-q", "stats count(*) as n by bin(1h)", "testdata/events.cwl.jsonl"},
		stdout: "                         n\n" +
			"2026-11-01 08:00:00.000  4 █████████████████████████▌\n" +
			"2026-11-01 09:00:00.000  5 ████████████████████████████████\n" +
			"2026-11-01 10:00:00.000  4 █████████████████████████▌\n" +
			"2026-11-01 11:00:00.000  2 ████████████▊\n"},
	{name: "chart sparklines per group", args: []string{"--format", "chart", "--width", "70", "-q", "stats count(*) as n by bin(30m), @logStream", "testdata/events.cwl.jsonl"},
		stdout: "n by @logStream, 8 bins from 2026-11-01 08:00:00.000 to 2026-11-01 11:30:00.000\n" +
			"orders/1    █▄█▄█▄▄▄  min 1 max 2 total 11\n" +
			"orders/2     ███ █    min 1 max 1 total 4\n"},
	{name: "chart value column", args: []string{"--format", "chart", "--chart-value", "n", "-q", "stats count(*) as n, count(*) * 2 as m by bin(1h)", "testdata/events.cwl.jsonl"},
		outHas: []string{"  n\n"}},
	{name: "chart value not numeric", args: []string{"--format", "chart", "--chart-value", "@logStream", "-q", "stats count(*) as n by bin(1h), @logStream", "testdata/events.cwl.jsonl"},
		exit: ExitFailure, errHas: []string{`--chart-value "@logStream" is not a numeric column; numeric columns: n`}},
	{name: "lookup table from a CSV file", args: []string{"--lookup", "teams=../../queries/testdata/teams.csv", "--format", "csv",
		"-q", "lookup teams logGroup as @log OUTPUT team | stats count(*) as n by team", "testdata/events.cwl.jsonl"},
		stdout: "team,n\nshop,15\n"},

	{name: "check ok", check: true, args: []string{"../../queries"}, outHas: []string{"5 queries checked, 2 tests run, 3 not run offline, 0 problems",
		"error-patterns: not run offline: pattern at 5:3", "slow-requests: SQL query checked"}},
	{name: "check problems", check: true, args: []string{"testdata/badqueries"}, exit: ExitFailure,
		outHas: []string{"testdata/badqueries/broken.insights:2:20: expected an expression after \"by\"", "                   ^",
			"count: result differs", `row 1: field "n": want "3", got "2"`, "2 queries checked, 1 tests run, 0 not run offline, 2 problems"}},
	{name: "check missing dir", check: true, args: []string{"testdata/none"}, exit: ExitUsage, errHas: []string{"testdata/none"}},
	{name: "check help", check: true, args: []string{"-h"}, outHas: []string{"usage: logq check [DIR]", "expected.json"}},
}

func TestCLI(t *testing.T) {
	for _, c := range cliCases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			run := RunQuery
			if c.check {
				run = RunCheck
			}
			code := run(c.args, strings.NewReader(c.stdin), &out, &errb)
			if code != c.exit {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.exit, out.String(), errb.String())
			}
			if c.stdout != "" && out.String() != c.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s\nstderr:\n%s", out.String(), c.stdout, errb.String())
			}
			for _, s := range c.outHas {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out.String())
				}
			}
			for _, s := range c.errHas {
				if !strings.Contains(errb.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, errb.String())
				}
			}
		})
	}
}

// BenchmarkRunQueryRaw runs the bench/query.sh query over generated lines.
func BenchmarkRunQueryRaw(b *testing.B) {
	var buf bytes.Buffer
	for i := range 100_000 {
		ev := []string{"my-queue-worker", "request", "httpbin-post"}[i%3]
		buf.WriteString(`{"time":"2026-11-01T`)
		buf.WriteString([]string{"00", "01", "02"}[i%3])
		buf.WriteString(`:00:02.000Z","level":"INFO","event":"` + ev + `","success":"True","time_sec":3.252,"queue":"orders"}` + "\n")
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		code := RunQuery([]string{"--input", "raw", "--timestamp-field", "time", "--format", "json",
			"-q", `filter event = "my-queue-worker" | stats count(*) as n, avg(time_sec) as avg_s by bin(1h)`},
			bytes.NewReader(data), &bytes.Buffer{}, os.Stderr)
		if code != 0 {
			b.Fatal(code)
		}
	}
}
