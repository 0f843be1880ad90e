// Package querycli implements the `logq query` and `logq check`
// subcommands: running Logs Insights queries over local log files, and
// validating a folder of saved queries with their sample-event tests.
// cmd/logq calls RunQuery and RunCheck; streams are passed in so tests can
// use buffers.
package querycli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/eventwatch/eventwatch/insights"
)

// Exit codes of the subcommands.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the run finished but something failed: bad input lines, failed checks
	ExitUsage   = 2 // bad flags, unreadable query or files, query syntax error
)

// Input formats.
const (
	InputAuto = "auto" // cwl when the first line is an object with timestamp and message, else raw
	InputCWL  = "cwl"
	InputRaw  = "raw"
)

// Output formats.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

const queryUsage = `usage: logq query (-q QUERY | -f FILE) [flags] [INPUT...]

Runs a CloudWatch Logs Insights query over local log files, offline, with
the semantics of the insights package (see insights/semantics.go).

INPUT files are read in order; with none, or with "-", standard input.

Flags:
  -q QUERY               the query text
  -f FILE                read the query from FILE ("-" for standard input)
  --input auto|cwl|raw   how to read input lines (default auto):
                           cwl  one CloudWatch event per line, the shape of
                                aws logs filter-log-events events:
                                {"timestamp": 1793491200000, "message": "...",
                                 "logStreamName": "...", "logGroupName": "..."}
                           raw  one message per line
                           auto cwl when a file's first line is a JSON object
                                with "timestamp" and "message", else raw
  --timestamp-field NAME with raw input, take @timestamp from this field of
                         JSON messages (dots for nested fields): RFC 3339 /
                         ISO 8601 strings, or epoch seconds or milliseconds.
                         Without it raw events have @timestamp 0 and the
                         default newest-first order keeps the line order.
  --format table|json|csv  output (default table):
                           table aligned columns, missing values blank
                           json  one JSON object per row, keys in column
                                 order, missing fields left out
                           csv   a header line, then one line per row
  --start TIME, --end TIME  the query range (RFC 3339) reported by
                         queryStartTime(), queryEndTime(), queryTimeRange()

A query error is printed with its line, column and a caret, exit code 2. A
bad input line is reported as FILE:LINE: problem; the other lines are still
processed and the exit code is 1. While reading long inputs a progress line
is shown on standard error when it is a terminal and NO_COLOR is not set.

Examples:
  logq query -q 'filter level = "ERROR" | stats count(*) by bin(1h)' events.cwl.jsonl
  aws logs filter-log-events --log-group-name /app --output json \
    | jq -c '.events[]' | logq query -f queries/exceptions-per-hour.insights
  logq query --input raw --timestamp-field time --format json \
    -q 'filter event = "my-queue-worker" | stats avg(time_sec) by bin(1h)' app.log
`

// RunQuery runs `logq query` with args (without the subcommand name) and
// returns the exit code.
func RunQuery(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("logq query", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	queryText := fs.String("q", "", "")
	queryFile := fs.String("f", "", "")
	input := fs.String("input", InputAuto, "")
	tsField := fs.String("timestamp-field", "", "")
	format := fs.String("format", FormatTable, "")
	start := fs.String("start", "", "")
	end := fs.String("end", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, queryUsage)
			return ExitOK
		}
		fmt.Fprintf(stderr, "logq query: %v\n\n%s", err, queryUsage)
		return ExitUsage
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "logq query: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run 'logq query --help' for usage")
		return ExitUsage
	}
	switch *input {
	case InputAuto, InputCWL, InputRaw:
	default:
		return usage("--input must be auto, cwl or raw, not %q", *input)
	}
	switch *format {
	case FormatTable, FormatJSON, FormatCSV:
	default:
		return usage("--format must be table, json or csv, not %q", *format)
	}
	if (*queryText == "") == (*queryFile == "") {
		return usage("give the query with either -q QUERY or -f FILE")
	}
	var opts insights.Options
	for _, t := range []struct {
		flag, val string
		dst       *time.Time
	}{{"--start", *start, &opts.Start}, {"--end", *end, &opts.End}} {
		if t.val == "" {
			continue
		}
		ms, ok := insights.ParseTimestamp(t.val)
		if !ok {
			return usage("%s: cannot read %q as a time (RFC 3339 or epoch)", t.flag, t.val)
		}
		*t.dst = time.UnixMilli(ms).UTC()
	}

	src, srcName := *queryText, "query"
	if *queryFile != "" {
		srcName = *queryFile
		var data []byte
		var err error
		if *queryFile == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(*queryFile)
		}
		if err != nil {
			fmt.Fprintf(stderr, "logq query: %v\n", err)
			return ExitUsage
		}
		src = string(data)
	}
	q, err := insights.Parse(src)
	if err != nil {
		printQueryError(stderr, srcName, err)
		return ExitUsage
	}

	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	if *queryFile == "-" {
		for _, f := range files {
			if f == "-" {
				return usage("the query and the input cannot both come from standard input")
			}
		}
	}
	rd := &reader{stdin: stdin, stderr: stderr, input: *input, tsField: *tsField}
	if *tsField != "" {
		if *input == InputCWL {
			return usage("--timestamp-field is for --input raw; cwl events carry their timestamp")
		}
		opts.TimestampField = *tsField
		opts.OnTimestampError = rd.timestampError
	}
	stop := startProgress(stderr, rd)
	res, err := q.Run(context.Background(), rd.events(files), opts)
	stop()
	if err != nil {
		fmt.Fprintf(stderr, "logq query: %v\n", err)
		return ExitUsage
	}
	if err := writeResult(stdout, *format, res); err != nil {
		fmt.Fprintf(stderr, "logq query: %v\n", err)
		return ExitFailure
	}
	if rd.badLines > 0 || rd.openErrors > 0 {
		fmt.Fprintf(stderr, "logq query: %d bad input line(s), %d unreadable file(s)\n", rd.badLines, rd.openErrors)
		return ExitFailure
	}
	return ExitOK
}

// printQueryError prints each error as NAME:LINE:COL: msg with the source
// line and a caret.
func printQueryError(w io.Writer, name string, err error) {
	var list insights.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintf(w, "%s:%s\n", name, e.Error())
		}
		return
	}
	var qe *insights.Error
	if errors.As(err, &qe) {
		fmt.Fprintf(w, "%s:%s\n", name, qe.Error())
		return
	}
	fmt.Fprintf(w, "%s: %v\n", name, err)
}
