package logq

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/internal/alarmtest"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cliflags"
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
  logq alarms test --cdk-out test/golden --generate test/alarms/prod-silence.yaml

Exit status: 0 all passed, 1 an expectation failed, 2 a scenario or the
templates could not be read.
`

// alarmsOptions are the flags of `logq alarms test`.
type alarmsOptions struct {
	cdkOut, configDir, env string
	generate, verbose      bool
}

// alarmsFlagSet defines the flags of `logq alarms test`.
func alarmsFlagSet() (*flag.FlagSet, *alarmsOptions) {
	o := &alarmsOptions{}
	fs := flag.NewFlagSet("logq alarms test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.cdkOut, "cdk-out", "cdk.out", "the synthesized templates: a cloud assembly or a directory of templates")
	fs.BoolVar(&o.generate, "generate", false, "also run the scenarios generated from the config's event examples")
	fs.StringVar(&o.configDir, "config", "", "the config --generate reads (default: the built-in example)")
	fs.StringVar(&o.env, "env", "", "only the scenarios of this environment")
	fs.BoolVar(&o.verbose, "v", false, "print every scenario's timeline, not only the failures'")
	return fs, o
}

// runAlarms is `logq alarms`.
func runAlarms(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "test" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			fmt.Fprint(stdout, alarmsUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "logq alarms: expected the subcommand test\n\n%s", alarmsUsage)
		return exitUsage
	}
	fs, o := alarmsFlagSet()
	paths, err := cliflags.Parse(fs, args[1:])
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, alarmsUsage)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "logq alarms test: %v\n\n%s", err, alarmsUsage)
		return exitUsage
	}
	if len(paths) == 0 && !o.generate {
		fmt.Fprintf(stderr, "logq alarms test: name scenario files or directories, or --generate\n\n%s", alarmsUsage)
		return exitUsage
	}
	asm, err := alarmtest.OpenAssembly(o.cdkOut)
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
	if o.generate {
		generated, problems, err := generateAll(o.configDir, o.env)
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
	if o.env != "" {
		var kept []*alarmtest.File
		for _, f := range files {
			if f.Environment == o.env {
				kept = append(kept, f)
			}
		}
		fmt.Fprintf(stdout, "environment %s: %d of %d scenarios\n", o.env, len(kept), len(files))
		files = kept
	}
	sum := alarmtest.RunFiles(asm, files, stdout, o.verbose)
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
