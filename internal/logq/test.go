package logq

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/insights/querytest"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/internal/cliflags"
	"github.com/eventwatch/eventwatch/queries"
)

const testUsage = `usage: logq test [-v] [CONFIG_DIR]

Checks an eventwatch config offline: loads and validates it (every filter
pattern and saved query is parsed), runs every event's examples (lines under
examples.match must match, with the metric value and dimensions written
beside them; lines under examples.noMatch must not) and the sample-event
tests of its saved queries. Without CONFIG_DIR, the example config built
into eventwatch is checked.

  -v    list every example, not only the failures

Examples:
  logq test                 # the built-in example config
  logq test ./config        # a config directory
  logq test ./config -v     # every example, not only the failures

Exit status: 0 all passed, 1 an example or query test failed, 2 the config is invalid.
`

// testFlagSet defines the flags of `logq test`.
func testFlagSet() (*flag.FlagSet, *bool) {
	fs := flag.NewFlagSet("logq test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	verbose := fs.Bool("v", false, "list every example, not only the failures")
	return fs, verbose
}

// runTest is `logq test`.
func runTest(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs, verbose := testFlagSet()
	dirs, err := cliflags.Parse(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, testUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "logq test: %v\n\n%s", err, testUsage)
		return exitUsage
	}
	if len(dirs) > 1 {
		fmt.Fprintf(stderr, "logq test: one config directory at most, got %d\n\n%s", len(dirs), testUsage)
		return exitUsage
	}
	var cfg *appconfig.Config
	if len(dirs) == 1 {
		cfg, err = appconfig.Load(os.DirFS(dirs[0]), dirs[0], queries.FS)
	} else {
		cfg, err = appconfig.Load(config.FS, "config", queries.FS)
	}
	if err != nil {
		fmt.Fprintf(stderr, "logq test: the config is invalid:\n%v\n", err)
		return exitUsage
	}

	failed := 0
	results := cfg.CheckExamples()
	for _, r := range results {
		if r.Failed() {
			failed++
			fmt.Fprintln(stdout, r)
		} else if *verbose {
			fmt.Fprintln(stdout, r)
		}
	}
	report := querytest.Check(cfg.Queries)
	for _, e := range report.Errors {
		fmt.Fprintf(stdout, "%s: %v\n", cfg.QueriesRoot, e)
	}
	fmt.Fprintf(stdout, "%d event examples: %d passed, %d failed; %d saved queries parsed, %d query tests, %d problems\n",
		len(results), len(results)-failed, failed, report.Queries, report.Tests, len(report.Errors))
	if failed > 0 || len(report.Errors) > 0 {
		return exitFailed
	}
	return exitOK
}
