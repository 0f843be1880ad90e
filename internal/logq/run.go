// Package logq is the logq command: it dispatches to the subcommands, each
// of which takes its arguments and injected streams and returns an exit code.
package logq

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/eventwatch/eventwatch/internal/filtercli"
	"github.com/eventwatch/eventwatch/internal/lintcli"
	"github.com/eventwatch/eventwatch/internal/querycli"
)

// Exit codes shared by the subcommands: 0 success (or, for filter, a
// match), 1 a negative answer (no match, a failed test), 2 a usage or input error.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// command is one subcommand of logq.
type command struct {
	name    string
	summary string // one line, for logq --help and zsh completion
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
	// flags returns the command's flags as it parses them, for completion
	// and tests; nil when it has none.
	flags func() *flag.FlagSet
	// words are what the command takes as its first argument, completed
	// by the shell: alarms takes test, completion takes bash or zsh.
	words []string
	// files is set when its other arguments are files or directories,
	// which the shell completes.
	files bool
}

// commands are logq's subcommands, in the order logq --help lists them.
// Set in init: completion reads the list.
var commands []command

func init() {
	commands = []command{
		{name: "filter", summary: "print the log lines a filter pattern matches, with metric values and dimensions",
			run: filtercli.Run, flags: filtercli.FlagSet, files: true},
		{name: "query", summary: "run a Logs Insights query on log files, or in CloudWatch (--log-group)",
			run: querycli.RunQuery, flags: querycli.QueryFlagSet, files: true},
		{name: "test", summary: "check every event example of an eventwatch config against its pattern",
			run: runTest, flags: func() *flag.FlagSet { fs, _ := testFlagSet(); return fs }, files: true},
		{name: "check", summary: "check every saved query in a folder (Logs Insights, SQL, PPL) and run its sample-event tests",
			run: querycli.RunCheck, flags: querycli.CheckFlagSet, files: true},
		{name: "lint", summary: "check log lines against the log events the config declares: undeclared events, wrong fields, unbounded dimensions",
			run: lintcli.Run, flags: lintcli.FlagSet, files: true},
		{name: "gen", summary: "write a typed Go or Python logger for the log events the config declares",
			run: runGen, flags: func() *flag.FlagSet { fs, _ := genFlagSet(); return fs }},
		{name: "alarms", summary: "run alarm scenarios (log lines in, alarm states and pages out) on the synthesized templates",
			run: runAlarms, flags: func() *flag.FlagSet { fs, _ := alarmsFlagSet(); return fs }, words: []string{"test"}, files: true},
		{name: "completion", summary: "print a bash or zsh script that completes logq's commands and flags",
			run: runCompletion, words: shells},
		{name: "version", summary: "print logq's version (also logq --version)",
			run: runVersion},
	}
}

// lookup returns the command called name.
func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usage is printed by logq --help.
func usage() string {
	var b strings.Builder
	b.WriteString(`logq: CloudWatch Logs filter patterns and Logs Insights queries, offline.

usage: logq <command> [arguments]
       logq --version

commands:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-10s  %s\n", c.name, c.summary)
	}
	b.WriteString(`
Flags may come before or after a command's other arguments; "--" ends
them, and "-" alone is an argument that means standard input.
Run "logq <command> --help" (or "logq help <command>") for a command's
flags and examples.
Exit status: 0 success or a match, 1 no match or a failed check, 2 an error.
`)
	return b.String()
}

// Run runs logq with args (without the program name).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return exitOK
	case "help":
		if len(args) == 1 {
			fmt.Fprint(stdout, usage())
			return exitOK
		}
		if _, ok := lookup(args[1]); !ok || len(args) > 2 {
			fmt.Fprintf(stderr, "logq help: expected one command, got %q\n\n%s", args[1:], usage())
			return exitUsage
		}
		return Run([]string{args[1], "--help"}, stdin, stdout, stderr)
	case "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	cmd, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "logq: unknown command %q\n\n%s", args[0], usage())
		return exitUsage
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}
