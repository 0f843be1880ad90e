package querycli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/eventwatch/eventwatch/insights/querytest"
)

// DefaultCheckDir is the folder `logq check` validates without an argument.
const DefaultCheckDir = "queries"

const checkUsage = `usage: logq check [DIR]

Parses every saved query (*.insights) below DIR (default "queries") and
runs the sample-event tests of those that have them:

  DIR/testdata/NAME.events.jsonl   one CloudWatch event per line
  DIR/testdata/NAME.expected.json  the expected rows, a JSON array of
                                   objects field -> string value, in order

Each problem is printed as FILE:LINE:COL: message with the source line and
a caret, or as a row difference for a failed test; then a summary. The
exit code is 0 when everything passes, 1 when something fails, 2 when DIR
cannot be read. The expected-file format is documented in package
insights/querytest.

Examples:
  logq check
  logq check ./team-queries
`

// RunCheck runs `logq check` with args (without the subcommand name) and
// returns the exit code.
func RunCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("logq check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, checkUsage)
			return ExitOK
		}
		fmt.Fprintf(stderr, "logq check: %v\n\n%s", err, checkUsage)
		return ExitUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "logq check: one DIR at most, found %d\n\n%s", fs.NArg(), checkUsage)
		return ExitUsage
	}
	dir := DefaultCheckDir
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			err = fmt.Errorf("%s is not a directory", dir)
		}
		fmt.Fprintf(stderr, "logq check: %v\n", err)
		return ExitUsage
	}
	rep := querytest.Check(os.DirFS(dir))
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
	fmt.Fprintf(stdout, "%d queries parsed, %d tests run, %d problem%s\n", rep.Queries, rep.Tests, len(rep.Errors), plural(len(rep.Errors)))
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
