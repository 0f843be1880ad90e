package filtercli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/eventwatch/eventwatch/internal/cliflags"
)

// options are the parsed command-line arguments.
type options struct {
	value   string            // --value EXPR; "" when not given
	dims    map[string]string // --dimension NAME=EXPR
	json    bool              // --json
	pattern string
	files   []string
}

// FlagSet returns the flags of "logq filter", as Run parses them; logq
// completion lists them.
func FlagSet() *flag.FlagSet {
	fs, _, _ := newFlagSet()
	return fs
}

// newFlagSet defines the flags; the options are filled as they are parsed,
// except the dimensions, which parseArgs reads from the returned list.
func newFlagSet() (*flag.FlagSet, *options, *cliflags.List) {
	o := &options{}
	fs := flag.NewFlagSet("logq filter", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.json, "json", false, "print one JSON object per match, with the metric value and dimensions")
	fs.StringVar(&o.value, "value", "", "the metric value: a number, a JSON selector ($.latency) or a field ($bytes)")
	dims := &cliflags.List{}
	fs.Var(dims, "dimension", "a metric dimension NAME=EXPR (at most 3), repeatable")
	return fs, o, dims
}

// parseArgs parses flags and positional arguments. Flags may come before or
// after the pattern; "--" ends them, which is how a pattern starting with
// '-' (an exclusion term) is passed. -h and --help give flag.ErrHelp.
func parseArgs(args []string) (*options, error) {
	fs, o, dims := newFlagSet()
	positional, err := cliflags.Parse(fs, args)
	if errors.Is(err, cliflags.ErrUnknownFlag) {
		return nil, fmt.Errorf("%v (put -- before a pattern that starts with '-')", err)
	}
	if err != nil {
		return nil, err
	}
	for _, v := range *dims {
		dname, expr, ok := strings.Cut(v, "=")
		if !ok || dname == "" || expr == "" {
			return nil, fmt.Errorf("--dimension wants NAME=EXPR, got %q", v)
		}
		if o.dims == nil {
			o.dims = map[string]string{}
		}
		if _, dup := o.dims[dname]; dup {
			return nil, fmt.Errorf("dimension %s is given twice", dname)
		}
		o.dims[dname] = expr
	}
	if len(positional) == 0 {
		return nil, fmt.Errorf("missing PATTERN")
	}
	o.pattern, o.files = positional[0], positional[1:]
	return o, nil
}

// usage is printed by --help.
const usage = `usage: logq filter [--value EXPR] [--dimension NAME=EXPR]... [--json] PATTERN [FILE...]

Runs a CloudWatch Logs filter pattern over log events, one event message
per line, read from the FILEs or from standard input ("-" or no FILE), and
prints the matching lines unchanged.

PATTERN uses the filter pattern syntax of metric filters, subscription
filters and FilterLogEvents: terms (ERROR ?WARN -DEBUG "a phrase"),
JSON ({ $.status >= 500 && $.path = "/api/*" }), space-delimited
([ip, user, ..., status = 4*, bytes > 1000]) or %regex%. Quote it for the
shell. Flags may come before or after PATTERN and the FILEs; a pattern
that starts with '-' must follow "--", which ends the flags.

Flags:
  --json                  print one JSON object per match instead of the line:
                          {"line": N, "message": "...", "value": V, "dimensions": {...}}
                          ("file" is added when reading several files; "value"
                          and "dimensions" appear with --value / --dimension;
                          value is null when the event has no numeric value,
                          in which case CloudWatch emits nothing)
  --value EXPR            metric value: a number ("1"), a JSON selector
                          ("$.latency") or a field ("$bytes"); default 1 when
                          --dimension is given
  --dimension NAME=EXPR   a metric dimension (at most 3), repeatable
  -h, --help              print this help

Exit status: 0 if an event matched, 1 if none did, 2 on error (a bad
pattern, an unreadable file: other files are still read).

Examples:
  logq filter 'ERROR -"retrying"' app.log
  logq filter '{ $.event = "my-queue-worker" && $.success = "False" }' events.jsonl
  logq filter --json --value '$.time_sec' --dimension 'Queue=$.queue' \
      '{ $.event = "my-queue-worker" }' events.jsonl
  logq filter --json --value '$bytes' '[ip, user, ..., status = 4*, bytes]' access.log
  cat app.log | logq filter -- '-DEBUG'
`
