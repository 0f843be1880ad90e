package logq

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/alarmtest"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

const alarmsUsage = `usage: logq alarms test [--cdk-out DIR] [--generate [--config DIR]] [--env ENV] [-v] [SCENARIO|DIR ...]

Runs alarm scenarios offline, as promtool tests alerting rules: the log
lines of each scenario go through the metric filters, metrics, alarms,
composite alarms and topics of the synthesized templates in DIR (a cloud
assembly, or a directory of templates), and its expectations are checked:
an alarm in a state at or by an offset, a topic notified or not, alarms
that stay quiet, a metric filter disabled for its dimensions. A failed
expectation prints the timeline of datapoints, state changes and pages
that explains it. A directory stands for its *.yaml files.

  --cdk-out DIR   the synthesized templates (default cdk.out; make synth)
  --generate      also run, for every alarm of every environment of the
                  config, a scenario that fires it from its event's
                  examples and one that stays quiet just below
  --config DIR    the config --generate reads (default: the built-in example)
  --env ENV       only the scenarios of environment ENV (after make synth ENV=...)
  -v              print every scenario's timeline, not only the failures'

Examples:
  make synth && logq alarms test test/alarms
  logq alarms test --cdk-out test/golden --generate test/alarms/silence.yaml

Exit status: 0 all passed, 1 an expectation failed, 2 a scenario or the
templates could not be read.
`

// runAlarms is `logq alarms`.
func runAlarms(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "test" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, alarmsUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "logq alarms: expected the subcommand test\n\n%s", alarmsUsage)
		return exitUsage
	}
	fs := flag.NewFlagSet("alarms test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cdkOut := fs.String("cdk-out", "cdk.out", "synthesized templates")
	generate := fs.Bool("generate", false, "generate scenarios from the config")
	configDir := fs.String("config", "", "config directory")
	only := fs.String("env", "", "run only this environment's scenarios")
	verbose := fs.Bool("v", false, "print every timeline")
	paths, err := parseInterspersed(fs, args[1:])
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, alarmsUsage)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "logq alarms test: %v\n\n%s", err, alarmsUsage)
		return exitUsage
	}
	if len(paths) == 0 && !*generate {
		fmt.Fprintf(stderr, "logq alarms test: name scenario files or directories, or --generate\n\n%s", alarmsUsage)
		return exitUsage
	}
	asm, err := alarmtest.OpenAssembly(*cdkOut)
	if err != nil {
		fmt.Fprintf(stderr, "logq alarms test: %v\n", err)
		return exitUsage
	}
	var files []*alarmtest.File
	if len(paths) > 0 {
		if files, err = alarmtest.LoadPaths(paths); err != nil {
			fmt.Fprintf(stderr, "logq alarms test: %v\n", err)
			return exitUsage
		}
	}
	unfireable := 0
	if *generate {
		generated, problems, err := generateAll(*configDir, *only)
		if err != nil {
			fmt.Fprintf(stderr, "logq alarms test: %v\n", err)
			return exitUsage
		}
		for _, p := range problems {
			fmt.Fprintf(stdout, "FAIL  %v\n", p)
		}
		unfireable = len(problems)
		files = append(files, generated...)
	}
	if *only != "" {
		var kept []*alarmtest.File
		for _, f := range files {
			if f.Environment == *only {
				kept = append(kept, f)
			}
		}
		fmt.Fprintf(stdout, "environment %s: %d of %d scenarios\n", *only, len(kept), len(files))
		files = kept
	}
	sum := alarmtest.RunFiles(asm, files, stdout, *verbose)
	sum.Failed += unfireable
	fmt.Fprintln(stdout, sum)
	switch {
	case sum.Errors > 0:
		return exitUsage
	case sum.Failed > 0:
		return exitFailed
	}
	return exitOK
}

// generateAll generates the scenarios of every environment of the config,
// or of only that one, and names the alarms no example can fire.
func generateAll(dir, only string) ([]*alarmtest.File, []error, error) {
	var cfg *appconfig.Config
	var err error
	if dir != "" {
		cfg, err = appconfig.Load(os.DirFS(dir), dir, queries.FS)
	} else {
		cfg, err = appconfig.Load(config.FS, "config", queries.FS)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("the config is invalid:\n%v", err)
	}
	var files []*alarmtest.File
	var problems []error
	for _, env := range cfg.EnvironmentNames() {
		if only != "" && env != only {
			continue
		}
		made, errs := alarmtest.Generate(cfg, env)
		files = append(files, made...)
		problems = append(problems, errs...)
	}
	return files, problems, nil
}

// parseInterspersed parses flags anywhere among the arguments and returns
// the others, in order; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
