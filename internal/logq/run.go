// Package logq is the logq command: it dispatches to the subcommands, each
// of which takes its arguments and injected streams and returns an exit code.
package logq

import (
	"fmt"
	"io"

	"github.com/eventwatch/eventwatch/internal/filtercli"
	"github.com/eventwatch/eventwatch/internal/querycli"
)

// Exit codes shared by the subcommands: 0 success (or, for filter, a
// match), 1 a negative answer (no match, a failed test), 2 a usage or input error.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

const usage = `logq: CloudWatch Logs filter patterns and Logs Insights queries, offline.

usage: logq <command> [arguments]

commands:
  filter   print the log lines a filter pattern matches, with metric values and dimensions
  query    run a Logs Insights query on log files, or in CloudWatch (--log-group)
  test     check every event example of an eventwatch config against its pattern
  check    check every saved query in a folder (Logs Insights, SQL, PPL) and run its sample-event tests
  alarms   run alarm scenarios (log lines in, alarm states and pages out) on the synthesized templates

Run "logq <command> --help" for a command's flags and examples.
Exit status: 0 success or a match, 1 no match or a failed check, 2 an error.
`

type command func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

var commands = map[string]command{
	"filter": filtercli.Run,
	"query":  querycli.RunQuery,
	"check":  querycli.RunCheck,
	"test":   runTest,
	"alarms": runAlarms,
}

// Run runs logq with args (without the program name).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "logq: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	return cmd(args[1:], stdin, stdout, stderr)
}
