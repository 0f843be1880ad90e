package querycli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/eventwatch/eventwatch/insights/querytest"
	"github.com/eventwatch/eventwatch/internal/cliflags"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

// DefaultCheckDir is the folder `logq check` validates without an argument.
const DefaultCheckDir = "queries"

const checkUsage = `usage: logq check [DIR]

Parses every saved query below DIR (default "queries") and runs the
sample-event tests of those that have them:

  NAME.insights                    a Logs Insights query: parsed, and run
                                   over its sample events when it has some
  NAME.sql, NAME.ppl               OpenSearch SQL and PPL queries: checked
                                   (quotes, brackets, clauses or commands),
                                   never run offline
  DIR/testdata/NAME.events.jsonl   one CloudWatch event per line; a line
                                   "# range: START END" sets the query range
  DIR/testdata/NAME.expected.json  the expected rows, a JSON array of
                                   objects field -> string value, in order
  DIR/testdata/TABLE.csv           a lookup table read by lookup TABLE ...

A query whose commands the offline engine does not run (pattern, anomaly,
join, appendcols, ...) is parsed and checked, and reported as "not run
offline" with the reason; that is not a failure. Subqueries (field in
(query)) do run offline: over the same sample events, their SOURCE
selecting among the events' log groups.

Each problem is printed as FILE:LINE:COL: message with the source line and
a caret, or as a row difference for a failed test; then a summary. The
exit code is 0 when everything passes, 1 when something fails, 2 when DIR
cannot be read. The expected-file format is documented in package
insights/querytest.

Examples:
  logq check
  logq check ./team-queries
`

// CheckFlagSet returns the flags of `logq check` (only -h, --help, which
// the flag package answers); logq completion lists them.
func CheckFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("logq check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// RunCheck runs `logq check` with args (without the subcommand name) and
// returns the exit code.
func RunCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	dirs, err := cliflags.Parse(CheckFlagSet(), args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, checkUsage)
			return ExitOK
		}
		fmt.Fprintf(stderr, "logq check: %v\n\n%s", err, checkUsage)
		return ExitUsage
	}
	if len(dirs) > 1 {
		fmt.Fprintf(stderr, "logq check: one DIR at most, found %d\n\n%s", len(dirs), checkUsage)
		return ExitUsage
	}
	dir := DefaultCheckDir
	if len(dirs) == 1 {
		dir = dirs[0]
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			err = fmt.Errorf("%s is not a directory", dir)
		}
		fmt.Fprintf(stderr, "logq check: %v\n", err)
		return ExitUsage
	}
	// Every file is read through safefile's guards: a named pipe or a
	// link to a device among the queries is reported, never waited on.
	rep := querytest.Check(safefile.NewFS(os.DirFS(dir), safefile.QueriesKind))
	for _, err := range rep.Errors {
		var fe *querytest.FileError
		if errors.As(err, &fe) {
			fe.File = filepath.Join(dir, fe.File)
		}
		var me *querytest.MismatchError
		if errors.As(err, &me) {
			me.Expected = filepath.Join(dir, me.Expected)
		}
		fmt.Fprintln(stdout, err)
	}
	for _, n := range rep.NotRun {
		fmt.Fprintf(stdout, "%s: %s\n", filepath.Join(dir, n.Name), n.Reason)
	}
	fmt.Fprintf(stdout, "%d queries checked, %d tests run, %d not run offline, %d problem%s\n", rep.Queries, rep.Tests, len(rep.NotRun), len(rep.Errors), plural(len(rep.Errors)))
	if len(rep.Errors) > 0 {
		return ExitFailure
	}
	return ExitOK
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
