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
	errNot []string // not in stderr
}

var cliCases = []cliCase{
	{name: "cwl table", args: []string{"-f", "testdata/saved-queries/exceptions-per-hour.insights", "testdata/events.cwl.jsonl"},
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
	{name: "bad format", args: []string{"-q", "fields a", "--format", "xml"}, exit: ExitUsage, errHas: []string{`invalid value "xml" for --format: must be table, json, csv or chart`}},
	{name: "bad input", args: []string{"-q", "fields a", "--input=json"}, exit: ExitUsage, errHas: []string{`invalid value "json" for --input: must be auto, cwl or raw`}},
	{name: "unknown flag", args: []string{"-q", "fields a", "x.log", "--nope"}, exit: ExitUsage, errHas: []string{"logq query: unknown flag --nope"}},
	{name: "flag without its value", args: []string{"-q", "fields a", "x.log", "--format"}, exit: ExitUsage, errHas: []string{"logq query: flag --format needs a value"}},

	// Flags may follow the inputs; "--" ends them; "-" is standard input.
	{name: "flags after the input", args: []string{"-q", "fields @logStream | limit 1", "testdata/events.cwl.jsonl", "--format", "json"},
		stdout: `{"@logStream":"orders/1"}` + "\n"},
	{name: "flags after stdin", args: []string{"-", "--format=csv", "-q", "stats count(*) as n"},
		stdin: "{\"timestamp\":1,\"message\":\"a\"}\n", stdout: "n\n1\n"},
	{name: "-- ends the flags", args: []string{"-q", "fields a", "--", "--format"}, exit: ExitUsage,
		errHas: []string{"--format: no such file", "nothing was run"}},
	{name: "help after the arguments", args: []string{"-q", "fields a", "x.log", "-h"}, outHas: []string{"usage: logq query"}},

	// The same @timestamp on every event, and a query that reads the time.
	{name: "warning: raw lines without --timestamp-field", args: []string{"--input", "raw", "--format", "csv", "-q", "stats count(*) as n by bin(1h)", "testdata/raw.jsonl"},
		stdout: "bin(1h),n\n1970-01-01 00:00:00.000,5\n",
		errHas: []string{"logq query: warning: all 5 events have the same @timestamp (1970-01-01 00:00:00.000) and the query reads the time (bin(1h) at 1:24); give --timestamp-field FIELD to read it from the events"}},
	{name: "warning: sort @timestamp", args: []string{"--format", "csv", "-q", "fields t\n| sort @timestamp asc", "testdata/raw.jsonl"},
		errHas: []string{"same @timestamp (1970-01-01 00:00:00.000) and the query reads the time (@timestamp at 2:8)", "--timestamp-field FIELD"}},
	{name: "warning: earliest in a subquery", args: []string{"--format", "csv", "-q", "filter t in (stats earliest(t) as t) | fields t", "testdata/raw.jsonl"},
		stdout: "t\n1\n", errHas: []string{"(earliest() at 1:20)"}},
	{name: "warning: cwl events of one instant", args: []string{"--format", "csv", "-q", "stats latest(@message) as m"},
		stdin:  "{\"timestamp\":1793491200000,\"message\":\"a\"}\n{\"timestamp\":1793491200000,\"message\":\"b\"}\n",
		stdout: "m\nb\n", errHas: []string{`all 2 events have the same @timestamp (2026-11-01 00:00:00.000) and the query reads the time (latest() at 1:7); check the events' "timestamp"`}},
	{name: "no warning: the query does not read the time", args: []string{"--format", "csv", "-q", "stats count(*) as n", "testdata/raw.jsonl"},
		stdout: "n\n5\n", errNot: []string{"warning"}},
	{name: "no warning: the events' times differ", args: []string{"--format", "csv", "-q", "stats count(*) as n by bin(1d)", "testdata/events.cwl.jsonl"},
		stdout: "bin(1d),n\n2026-11-01 00:00:00.000,15\n", errNot: []string{"warning"}},
	{name: "no warning: one event", args: []string{"--format", "csv", "-q", "stats count(*) as n by bin(1h)"},
		stdin: "x\n", stdout: "bin(1h),n\n1970-01-01 00:00:00.000,1\n", errNot: []string{"warning"}},
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

	{name: "check ok", check: true, args: []string{"testdata/saved-queries"}, outHas: []string{"5 queries checked, 2 tests run, 3 not run offline, 0 problems",
		"error-patterns: not run offline: pattern at 5:3", "slow-requests: SQL query checked"}},
	{name: "check problems", check: true, args: []string{"testdata/badqueries"}, exit: ExitFailure,
		outHas: []string{"testdata/badqueries/broken.insights:2:20: expected an expression after \"by\"", "                   ^",
			"count: result differs", `row 1: field "n": want "3", got "2"`, "2 queries checked, 1 tests run, 0 not run offline, 2 problems"}},
	{name: "check missing dir", check: true, args: []string{"testdata/none"}, exit: ExitUsage, errHas: []string{"testdata/none"}},
	{name: "check help", check: true, args: []string{"-h"}, outHas: []string{"usage: logq check [DIR]", "expected.json", "do run offline"}},
	{name: "check runs subqueries", check: true, args: []string{"testdata/subqueries"}, stdout: "1 queries checked, 1 tests run, 0 not run offline, 0 problems\n"},
	{name: "check help after DIR", check: true, args: []string{"testdata/saved-queries", "--help"}, outHas: []string{"usage: logq check [DIR]"}},
	{name: "check unknown flag after DIR", check: true, args: []string{"testdata/saved-queries", "--nope"}, exit: ExitUsage, errHas: []string{"logq check: unknown flag --nope"}},
	{name: "check DIR after --", check: true, args: []string{"--", "-queries"}, exit: ExitUsage, errHas: []string{"-queries: no such file"}},
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
			for _, s := range c.errNot {
				if strings.Contains(errb.String(), s) {
					t.Errorf("stderr has %q:\n%s", s, errb.String())
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
