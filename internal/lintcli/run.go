package lintcli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/chunked"
	"github.com/eventwatch/eventwatch/internal/cliflags"
	"github.com/eventwatch/eventwatch/internal/querycli"
	"github.com/eventwatch/eventwatch/queries"
)

const usage = `usage: logq lint [--config DIR] [--env ENV] [--service NAME] [--input auto|cwl|raw] [FILE ...]

Holds log lines against the log events the config declares (logEvents in
services.yaml) and reports, with counts and the file:line of the first
few of each:

  - lines that are no declared event: not JSON (unless a plain-text event
    of the config counts them), JSON without the event field, an event
    name no service declares;
  - declared events with a required field missing, a field not declared,
    a field of another JSON type (1.2 logged as "1.2", false as "False",
    null), an enum value outside its values, a key logged twice;
  - metric dimensions that take more values within an hour than their
    bound (allowedValues, maxValues, the field's enum or maxValues): lines
    of CloudWatch events are cut into hours by their timestamps, plain
    lines count as one hour;
  - declared events that no config event with an alarm (or in a ratio)
    counts: listed for the reader, not a failure.

FILE is plain log lines or CloudWatch events, one per line (- or none:
standard input), such as aws logs filter-log-events --log-group-name
/eventwatch/prod/orders --output json | jq -c '.events[]' writes.

  --config DIR           the config (default: the built-in example)
  --env ENV              with CloudWatch events, check a line from a
                         service's log group in ENV against that service's
                         events only (default: every service's)
  --service NAME         lint against this service's events only; repeat
                         for several (default: every service)
  --input auto|cwl|raw   how to read input lines, as logq query reads them
                         (default auto: cwl when a file's first line is a
                         JSON object with "timestamp" and "message")

Examples:
  logq lint --config ./config service.log
  logq lint --env prod service.cwl.jsonl

Exit status: 0 no problem, 1 problems found, 2 bad usage, an invalid
config, or an input that could not be read (a line over 8 MiB, a bad
CloudWatch event line).
`

// options are the flags of logq lint.
type options struct {
	configDir, env string
	services       cliflags.List
	input          *cliflags.Choice
}

// FlagSet defines the flags of logq lint, for completion.
func FlagSet() *flag.FlagSet {
	fs, _ := flagSet()
	return fs
}

func flagSet() (*flag.FlagSet, *options) {
	o := &options{}
	fs := flag.NewFlagSet("logq lint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.configDir, "config", "", "the config (default: the built-in example)")
	fs.StringVar(&o.env, "env", "", "route CloudWatch events to the service whose log group in ENV they come from")
	fs.Var(&o.services, "service", "lint against this service's events only; repeat for several")
	o.input = cliflags.NewChoice(fs, "input", querycli.InputAuto, querycli.Inputs, "how to read input lines")
	return fs, o
}

// Run runs "logq lint" with args (which exclude the word "lint") and
// returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, stdin, stdout, stderr, chunked.Config{})
}

// run is Run with the chunking of inputs, which tests make tiny.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, chunks chunked.Config) int {
	fs, o := flagSet()
	files, err := cliflags.Parse(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return ExitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "logq lint: %v\nRun 'logq lint --help' for usage.\n", err)
		return ExitUsage
	}
	cfg, err := loadConfig(o.configDir)
	if err != nil {
		fmt.Fprintf(stderr, "logq lint: the config is invalid:\n%v\n", err)
		return ExitUsage
	}
	if _, ok := cfg.Environment(o.env); o.env != "" && !ok {
		fmt.Fprintf(stderr, "logq lint: --env %s: no such environment; expected one of %v\n", o.env, cfg.EnvironmentNames())
		return ExitUsage
	}
	m, err := newModel(cfg, o.env, o.services)
	if err != nil {
		fmt.Fprintf(stderr, "logq lint: %v\n", err)
		return ExitUsage
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	ins, errs := openInputs(files, stdin)
	if len(errs) > 0 {
		for _, in := range ins {
			in.close()
		}
		for _, err := range errs {
			fmt.Fprintf(stderr, "logq lint: %v\n", err)
		}
		return ExitUsage
	}
	s := newScanner(m, chunks)
	for _, in := range ins {
		err := s.file(in.name, in, o.input.Value)
		in.close()
		if err != nil {
			fmt.Fprintf(stderr, "logq lint: %s: %v\n", in.name, err)
			return ExitUsage
		}
	}
	out := bufio.NewWriterSize(stdout, outputBufferSize)
	problems := report(out, m, s.total)
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "logq lint: writing the report: %v\n", err)
		return ExitUsage
	}
	switch {
	case s.total.inputs > 0:
		return ExitUsage
	case problems > 0:
		return ExitProblems
	}
	return ExitClean
}

// loadConfig loads the config in dir, or the built-in one.
func loadConfig(dir string) (*appconfig.Config, error) {
	if dir == "" {
		return appconfig.Load(config.FS, "config", queries.FS)
	}
	return appconfig.Load(os.DirFS(dir), dir, queries.FS)
}
