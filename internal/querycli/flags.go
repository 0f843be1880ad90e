package querycli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/insights"
	"github.com/eventwatch/eventwatch/insights/langcheck"
	"github.com/eventwatch/eventwatch/internal/chunked"
	"github.com/eventwatch/eventwatch/internal/cliflags"
	"github.com/eventwatch/eventwatch/internal/safefile"
)

const queryUsage = `usage: logq query (-q QUERY | -f FILE) [flags] [INPUT...]
       logq query (-q QUERY | -f FILE) --log-group NAME [--log-group NAME...] (--since 1h | --start T --end T) [flags]

Runs a CloudWatch Logs Insights query over local log files, offline, with
the semantics of the insights package (see insights/semantics.go); or, with
--log-group, runs it in CloudWatch Logs Insights and prints the rows in the
same formats, so that a local run and production can be compared.

INPUT files are read in order; with none, or with "-", standard input.
Flags may come before or after them; "--" ends the flags.

Flags:
  -q QUERY               the query text
  -f FILE                read the query from FILE ("-" for standard input);
                         FILE.sql and FILE.ppl are OpenSearch SQL and PPL,
                         run only in CloudWatch
  --input auto|cwl|raw   how to read input lines (default auto):
                           cwl  one CloudWatch event per line, the shape of
                                aws logs filter-log-events events:
                                {"timestamp": 1793491200000, "message": "...",
                                 "logStreamName": "...", "logGroupName": "..."}
                           raw  one message per line
                           auto cwl when a file's first line is a JSON object
                                with "timestamp" and "message", else raw
  --timestamp-field NAME with raw input, take @timestamp from this field of
                         JSON messages (dots for nested fields): RFC 3339 /
                         ISO 8601 strings, or epoch seconds or milliseconds.
                         A line without a readable time in 1970..9999 is
                         reported and left out. Without the flag raw events
                         have @timestamp 0 and the default newest-first
                         order keeps the line order; when every event has
                         the same @timestamp and the query reads the time
                         (bin, earliest, latest, diff, @timestamp), a
                         warning says so on standard error.
  --lookup NAME=FILE     the CSV file (header row, at most 10 MB) of the
                         lookup table NAME; repeat for several tables
  --format table|json|csv|chart  output (default table):
                           table aligned columns, missing values blank
                           json  one JSON object per row, keys in column
                                 order, missing fields left out
                           csv   a header line, then one line per row
                           chart the rows of stats ... by bin(...) as a bar
                                 chart, one bar per bin; with more group
                                 columns, one sparkline per group
  --chart-value NAME     the numeric column the chart draws (default: the
                         first column whose values are all numbers)
  --width N              chart width in columns (default: the terminal's,
                         else 80)
  --start TIME, --end TIME  the query range (RFC 3339 or epoch seconds/ms,
                         1970..9999): queryStartTime(), queryEndTime(),
                         diff; with --log-group, the range searched
  --since DURATION       the range ending now: 90s, 15m, 1h, 7d
  --log-group NAME       run in CloudWatch Logs Insights on this log group
                         (repeat for more, at most 50); needs --since or
                         --start and --end. Uses the AWS SDK's standard
                         credential chain and region (AWS_PROFILE,
                         AWS_REGION, ~/.aws/config, SSO, instance roles);
                         --region overrides the region.
  --region REGION        the AWS region for --log-group

A query error is printed with its line, column and a caret, exit code 2. An
input that is missing or unreadable is named and nothing is run, exit code
2. A bad input line (not an event, a time out of range, a line over 8 MiB or
a message over 1 MiB) is reported as FILE:LINE: problem; the other lines are
still processed and the exit code is 1. While a run goes on, a progress line
is shown on standard error when it is a terminal and NO_COLOR is not set.

Examples:
  logq query -q 'filter level = "ERROR" | stats count(*) by bin(1h)' events.cwl.jsonl
  aws logs filter-log-events --log-group-name /app --output json \
    | jq -c '.events[]' | logq query -f queries/exceptions-per-hour.insights
  logq query --input raw --timestamp-field time --format json \
    -q 'filter event = "my-queue-worker" | stats avg(time_sec) by bin(1h)' app.log
  logq query -f queries/exceptions-per-hour.insights --log-group /eventwatch/prod/orders --since 24h
  logq query --format chart -q 'stats count(*) as n by bin(5m)' events.cwl.jsonl
  logq query -f queries/errors-by-team.insights events.cwl.jsonl \
    --lookup teams=queries/testdata/teams.csv --format csv
`

// queryOptions is a parsed command line.
type queryOptions struct {
	query      *insights.Query // nil for SQL and PPL
	src        string
	srcName    string // "query" or the file name, for messages
	language   string // "" or CWLI, SQL, PPL
	input      string
	tsField    string
	format     string
	chartValue string
	width      int
	files      []string
	logGroups  []string
	region     string
	engine     insights.Options // Start, End, LookupTables
	chunks     chunked.Config   // how local inputs are cut and decoded (tests set it)
}

// Inputs and Formats are the values of --input and --format.
var (
	Inputs  = []string{InputAuto, InputCWL, InputRaw}
	Formats = []string{FormatTable, FormatJSON, FormatCSV, FormatChart}
)

// queryFlags are the flags of a command line as they are parsed; o holds
// those that need no further reading.
type queryFlags struct {
	o                    *queryOptions
	queryText, queryFile *string
	start, end, since    *string
	input, format        *cliflags.Choice
	groups, lookups      cliflags.List
}

// QueryFlagSet returns the flags of `logq query`, as RunQuery parses them;
// logq completion lists them.
func QueryFlagSet() *flag.FlagSet {
	fs, _ := newQueryFlagSet()
	return fs
}

func newQueryFlagSet() (*flag.FlagSet, *queryFlags) {
	fs := flag.NewFlagSet("logq query", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	qf := &queryFlags{o: &queryOptions{}}
	o := qf.o
	qf.queryText = fs.String("q", "", "the query text")
	qf.queryFile = fs.String("f", "", "read the query from FILE (.insights, .sql, .ppl; - for standard input)")
	qf.input = cliflags.NewChoice(fs, "input", InputAuto, Inputs, "how to read input lines")
	fs.StringVar(&o.tsField, "timestamp-field", "", "with raw input, take @timestamp from this field of JSON messages")
	qf.format = cliflags.NewChoice(fs, "format", FormatTable, Formats, "the output format")
	fs.StringVar(&o.chartValue, "chart-value", "", "the numeric column the chart draws")
	fs.IntVar(&o.width, "width", 0, "chart width in columns")
	fs.StringVar(&o.region, "region", "", "the AWS region for --log-group")
	qf.start = fs.String("start", "", "the start of the query range (RFC 3339, or epoch seconds or ms)")
	qf.end = fs.String("end", "", "the end of the query range")
	qf.since = fs.String("since", "", "the range ending now: 90s, 15m, 1h, 7d")
	fs.Var(&qf.groups, "log-group", "run in CloudWatch Logs Insights on this log group (repeatable)")
	fs.Var(&qf.lookups, "lookup", "NAME=FILE.csv: the lookup table NAME (repeatable)")
	return fs, qf
}

// parseQueryFlags parses the command line and reads the query and lookup
// tables; on failure it returns nil and the exit code. Flags may come
// anywhere among the INPUT files.
func parseQueryFlags(args []string, stdin io.Reader, stdout, stderr io.Writer) (*queryOptions, int) {
	fs, qf := newQueryFlagSet()
	files, err := cliflags.Parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, queryUsage)
			return nil, ExitOK
		}
		fmt.Fprintf(stderr, "logq query: %v\n\n%s", err, queryUsage)
		return nil, ExitUsage
	}
	o := qf.o
	o.input, o.format = qf.input.Value, qf.format.Value
	usage := func(format string, a ...any) (*queryOptions, int) {
		fmt.Fprintf(stderr, "logq query: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run 'logq query --help' for usage")
		return nil, ExitUsage
	}
	o.logGroups, o.files = qf.groups, files
	if o.format != FormatChart && (o.chartValue != "" || o.width != 0) {
		return usage("--chart-value and --width are for --format chart")
	}
	if o.width < 0 || o.width > 0 && o.width < minChartWidth {
		return usage("--width must be at least %d, found %d", minChartWidth, o.width)
	}
	if (*qf.queryText == "") == (*qf.queryFile == "") {
		return usage("give the query with either -q QUERY or -f FILE")
	}
	if len(o.logGroups) > maxLogGroups {
		return usage("--log-group is given %d times; StartQuery takes at most %d log groups", len(o.logGroups), maxLogGroups)
	}
	if len(o.logGroups) > 0 && (len(o.files) > 0 || o.tsField != "" || len(qf.lookups) > 0) {
		return usage("--log-group runs the query in CloudWatch: it takes no INPUT files, --timestamp-field or --lookup")
	}
	if o.tsField != "" && o.input == InputCWL {
		return usage("--timestamp-field is for --input raw; cwl events carry their timestamp")
	}
	if msg := o.setRange(*qf.start, *qf.end, *qf.since, len(o.logGroups) > 0); msg != "" {
		return usage("%s", msg)
	}

	o.src, o.srcName = *qf.queryText, "query"
	if *qf.queryFile != "" {
		o.srcName = *qf.queryFile
		var data []byte
		var err error
		if *qf.queryFile == "-" {
			data, err = safefile.ReadAll(stdin, "<stdin>", safefile.Query)
		} else {
			data, err = safefile.ReadFile(*qf.queryFile, safefile.Query)
		}
		if err != nil {
			fmt.Fprintf(stderr, "logq query: %v\n", err)
			return nil, ExitUsage
		}
		o.src = string(data)
		switch strings.ToLower(filepath.Ext(*qf.queryFile)) {
		case ".sql":
			o.language = langcheck.LanguageSQL
		case ".ppl":
			o.language = langcheck.LanguagePPL
		}
	}
	if o.language != "" {
		if err := langcheck.Check(o.language, o.src); err != nil {
			printQueryError(stderr, o.srcName, err)
			return nil, ExitUsage
		}
	} else {
		q, err := insights.Parse(o.src)
		if err != nil {
			printQueryError(stderr, o.srcName, err)
			return nil, ExitUsage
		}
		o.query = q
	}
	if *qf.queryFile == "-" {
		for _, f := range o.files {
			if f == "-" || len(o.files) == 0 {
				return usage("the query and the input cannot both come from standard input")
			}
		}
		if len(o.files) == 0 && len(o.logGroups) == 0 {
			return usage("the query and the input cannot both come from standard input")
		}
	}
	if len(o.files) == 0 {
		o.files = []string{"-"}
	}
	if len(qf.lookups) > MaxLookupFiles {
		return usage("--lookup is given %d times; at most %d", len(qf.lookups), MaxLookupFiles)
	}
	for _, l := range qf.lookups {
		name, file, ok := strings.Cut(l, "=")
		if !ok || name == "" || file == "" {
			return usage("--lookup takes NAME=FILE.csv, found %q", l)
		}
		t, err := readLookupFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "logq query: --lookup %s: %v\n", name, err)
			return nil, ExitUsage
		}
		if o.engine.LookupTables == nil {
			o.engine.LookupTables = map[string]*insights.LookupTable{}
		}
		o.engine.LookupTables[name] = t
	}
	return o, ExitOK
}

// readLookupFile reads a CSV lookup table (safefile.LookupTable: a regular
// file of UTF-8 text, at most CloudWatch's 10 MB); errors name the file.
func readLookupFile(file string) (*insights.LookupTable, error) {
	data, err := safefile.ReadFile(file, safefile.LookupTable)
	if err != nil {
		return nil, err
	}
	t, err := insights.ReadLookupTable(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return t, nil
}

// setRange sets the query range from --start/--end or --since; it returns
// a message for a bad range.
func (o *queryOptions) setRange(start, end, since string, cloud bool) string {
	if since != "" && (start != "" || end != "") {
		return "give either --since or --start/--end, not both"
	}
	if since != "" {
		d, err := parseSince(since)
		if err != nil {
			return err.Error()
		}
		o.engine.End = time.Now().UTC().Truncate(time.Second)
		o.engine.Start = o.engine.End.Add(-d)
		return ""
	}
	for _, t := range []struct {
		flag, val string
		dst       *time.Time
	}{{"--start", start, &o.engine.Start}, {"--end", end, &o.engine.End}} {
		if t.val == "" {
			continue
		}
		ms, ok := insights.ParseTimestamp(t.val)
		if !ok {
			return fmt.Sprintf("%s: cannot read %q as a time CloudWatch accepts (RFC 3339, or epoch seconds or milliseconds, from 1970-01-01 to 9999-12-31)", t.flag, t.val)
		}
		*t.dst = time.UnixMilli(ms).UTC()
	}
	if start != "" && end != "" && o.engine.End.Before(o.engine.Start) {
		return fmt.Sprintf("--start %s is after --end %s", start, end)
	}
	if cloud && (start == "" || end == "") {
		return "--log-group needs the range to search: --since DURATION, or --start and --end"
	}
	return ""
}

// parseSince reads 90s, 15m, 1h, 7d (and Go durations such as 1h30m).
func parseSince(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
		if n > 100*365 {
			err = errors.New("too long")
		}
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--since takes a positive duration such as 90s, 15m, 1h or 7d, found %q", s)
	}
	return d, nil
}
