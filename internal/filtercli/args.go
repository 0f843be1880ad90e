package filtercli

import (
	"errors"
	"fmt"
	"strings"
)

// options are the parsed command-line arguments.
type options struct {
	value   string            // --value EXPR; "" when not given
	dims    map[string]string // --dimension NAME=EXPR
	json    bool              // --json
	pattern string
	files   []string
}

// errHelp is returned by parseArgs for -h and --help.
var errHelp = errors.New("help requested")

// parseArgs parses flags and positional arguments. Flags may come before or
// after the pattern; "--" ends them, which is how a pattern starting with
// '-' (an exclusion term) is passed.
func parseArgs(args []string) (*options, error) {
	o := &options{}
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			positional = append(positional, arg)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		takeValue := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "h", "help":
			return nil, errHelp
		case "json":
			if hasVal {
				return nil, fmt.Errorf("flag --json takes no value")
			}
			o.json = true
		case "value":
			v, err := takeValue()
			if err != nil {
				return nil, err
			}
			o.value = v
		case "dimension":
			v, err := takeValue()
			if err != nil {
				return nil, err
			}
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
		default:
			return nil, fmt.Errorf("unknown flag %s (put -- before a pattern that starts with '-')", arg)
		}
	}
	if len(positional) == 0 {
		return nil, fmt.Errorf("missing PATTERN")
	}
	o.pattern, o.files = positional[0], positional[1:]
	return o, nil
}

// usage is printed by --help.
const usage = `Usage: logq filter [--value EXPR] [--dimension NAME=EXPR]... [--json] PATTERN [FILE...]

Runs a CloudWatch Logs filter pattern over log events, one event message
per line, read from the FILEs or from standard input ("-" or no FILE), and
prints the matching lines unchanged.

PATTERN uses the filter pattern syntax of metric filters, subscription
filters and FilterLogEvents: terms (ERROR ?WARN -DEBUG "a phrase"),
JSON ({ $.status >= 500 && $.path = "/api/*" }), space-delimited
([ip, user, ..., status = 4*, bytes > 1000]) or %regex%. Quote it for the
shell. A pattern that starts with '-' must follow "--".

Options:
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
