// Package querycli implements the `logq query` and `logq check`
// subcommands: running Logs Insights queries over local log files or in
// CloudWatch, and validating a folder of saved queries with their
// sample-event tests. cmd/logq calls RunQuery and RunCheck; streams are
// passed in so tests can use buffers.
package querycli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/internal/chunked"
)

// Exit codes of the subcommands.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the run finished but something failed: bad input lines, failed checks
	ExitUsage   = 2 // bad flags, unreadable query or inputs, query syntax error
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
	FormatChart = "chart"
)

// RunQuery runs `logq query` with args (without the subcommand name) and
// returns the exit code. Local inputs are read in chunks decoded on every
// core (internal/chunked); the result is that of a sequential run.
func RunQuery(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runQuery(args, stdin, stdout, stderr, chunked.Config{})
}

// runQuery is RunQuery with the chunking set (tests use tiny chunks and 1
// or N workers).
func runQuery(args []string, stdin io.Reader, stdout, stderr io.Writer, chunks chunked.Config) int {
	o, code := parseQueryFlags(args, stdin, stdout, stderr)
	if o == nil {
		return code
	}
	o.chunks = chunks
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var res *insights.Result
	if len(o.logGroups) > 0 {
		res, code = runInCloudWatch(ctx, o, stderr)
	} else {
		res, code = runLocal(ctx, o, stdin, stderr)
	}
	if res == nil {
		return code
	}
	if err := o.write(stdout, res); err != nil {
		fmt.Fprintf(stderr, "logq query: %v\n", err)
		return ExitFailure
	}
	return code
}

// runLocal runs the query over the input files.
func runLocal(ctx context.Context, o *queryOptions, stdin io.Reader, stderr io.Writer) (*insights.Result, int) {
	if o.language != "" && o.language != "CWLI" {
		fmt.Fprintf(stderr, "logq query: %s: %s queries are not run offline; run them in CloudWatch with --log-group NAME\n", o.srcName, o.language)
		return nil, ExitUsage
	}
	rd := &reader{stdin: stdin, stderr: stderr, input: o.input, tsField: o.tsField, chunks: o.chunks}
	ins, problems := rd.openInputs(o.files)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(stderr, "logq query: %s\n", p)
		}
		fmt.Fprintf(stderr, "logq query: %d input(s) cannot be read; nothing was run\n", len(problems))
		return nil, ExitUsage
	}
	opts := o.engine
	if o.tsField != "" {
		opts.TimestampField = o.tsField
		opts.OnTimestampError = rd.timestampError
	}
	if opts.Parallelism == 0 {
		opts.Parallelism = o.chunks.Workers // 0: every core
	}
	rd.keep = o.query.Prefilter(opts)
	stopProgress := startProgress(stderr, rd)
	res, err := o.query.RunBlocks(ctx, rd.blocks(ins), opts)
	stopProgress()
	if err != nil {
		var nr *insights.NotRunError
		var qe *insights.Error
		switch {
		case errors.As(err, &nr):
			fmt.Fprintf(stderr, "logq query: %s: %v; run it in CloudWatch with --log-group NAME\n", o.srcName, err)
		case errors.As(err, &qe):
			printQueryError(stderr, o.srcName, err)
		default:
			fmt.Fprintf(stderr, "logq query: %v\n", err)
		}
		return nil, ExitUsage
	}
	if o.tsField == "" {
		if w := rd.times.warning(o.query); w != "" {
			fmt.Fprintln(stderr, w)
		}
	}
	code := ExitOK
	if badLines, readErrors := rd.failures(); badLines > 0 || readErrors > 0 {
		fmt.Fprintf(stderr, "logq query: %d bad input line(s), %d read error(s); the other lines were run\n", badLines, readErrors)
		code = ExitFailure
	}
	return res, code
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
