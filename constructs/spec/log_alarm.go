package spec

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/insights"
)

// LogAlarmProps configures a LogAlarm: an AWS::CloudWatch::LogAlarm, which
// runs a Logs Insights query on a schedule (CloudWatch creates and deletes
// the AWS managed scheduled query behind it), applies AggregationExpression
// to each run's results and compares the value with Threshold, M
// (QueryResultsToAlarm) out of the last N (QueryResultsToEvaluate) runs
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-log.html,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutLogAlarm.html).
//
// Numbers are float64 so that a CDK number token (IsUnresolvedNumber) can
// stand for a value known at deploy time; a token skips the checks that
// need its value. A nil pointer takes the default.
type LogAlarmProps struct {
	// AlarmName is stable and readable; it is the alarm's physical ID, so a
	// new name replaces the alarm. Required.
	AlarmName string
	// Description tells the on-call engineer what happened. Default: none.
	Description string
	// RunbookURL is appended to the description. Default: none.
	RunbookURL string
	// QueryString is the Logs Insights query each run executes; it is
	// checked as SavedQuery checks a Logs Insights query. Required.
	QueryString string
	// LogGroupNames are the log groups queried, by name, in the stack's
	// account and region (GivenAsObject for an awslogs.ILogGroup).
	// Required: 1 to MaxLogAlarmLogGroups.
	LogGroupNames []string
	// ScheduleSeconds is how often the query runs: whole minutes, from
	// MinLogAlarmScheduleSeconds to MaxLogAlarmScheduleSeconds.
	// Default: DefaultLogAlarmScheduleSeconds (5 minutes).
	ScheduleSeconds *float64
	// WindowSeconds is how far back from each run the query looks (the
	// scheduled query's StartTimeOffset): whole seconds, 1 to
	// MaxLogAlarmWindowSeconds. Default: ScheduleSeconds, so that
	// consecutive runs cover the time between them once.
	WindowSeconds *float64
	// AggregationExpression is what the alarm compares with Threshold: one
	// Logs Insights stats aggregation ("count(*)", "avg(latency)"), with an
	// optional "by" clause that makes each group a contributor alarmed on
	// separately. Required.
	AggregationExpression string
	// Threshold the aggregated value is compared with. Required (the
	// construct checks that it is set).
	Threshold float64
	// Comparison is one of ValidComparisons; log alarms have no anomaly
	// detection band. Default: DefaultComparison.
	Comparison string
	// QueryResultsToEvaluate is N of M-out-of-N: 1 to
	// MaxQueryResultsToEvaluate. Default: DefaultQueryResultsToEvaluate (1).
	QueryResultsToEvaluate *float64
	// QueryResultsToAlarm is M of M-out-of-N: 1 to QueryResultsToEvaluate.
	// Default: QueryResultsToEvaluate.
	QueryResultsToAlarm *float64
	// TreatMissingData is one of ValidMissingData.
	// Default: DefaultLogAlarmMissingData ("notBreaching": a query that
	// matched nothing found nothing wrong).
	TreatMissingData string
	// ActionLogLineCount is how many log lines of the last run the
	// notifications carry: 0 to MaxActionLogLineCount.
	// Default: DefaultActionLogLineCount (0, none).
	ActionLogLineCount float64
	// ActionsDisabled keeps the alarm evaluating without notifying anyone,
	// for development environments. Default: false.
	ActionsDisabled bool
	// Tags are added to the alarm and its scheduled query. Default: none.
	Tags map[string]string
}

// Defaults of LogAlarmProps, applied by WithDefaults.
const (
	// DefaultLogAlarmScheduleSeconds runs the query every 5 minutes, as an
	// EventAlarm's default period.
	DefaultLogAlarmScheduleSeconds = 300
	// DefaultQueryResultsToEvaluate: the alarm follows the last run.
	DefaultQueryResultsToEvaluate = 1
	// DefaultLogAlarmMissingData: a run without results is not a breach,
	// as for an event count (DefaultCountMissingData).
	DefaultLogAlarmMissingData = DefaultCountMissingData
	// DefaultActionLogLineCount: notifications carry no log lines.
	DefaultActionLogLineCount = 0
)

// Limits of AWS::CloudWatch::LogAlarm checked at synth, so that they fail
// before `cdk deploy` does. AlarmName is limited by MaxAlarmNameLength (the
// resource schema's maxLength 255), the query by MaxQueryStringLength
// (ScheduledQueryConfiguration.QueryString, "Maximum length of 10000").
const (
	// MaxLogAlarmAggregationLength: API_ScheduledQueryConfiguration gives
	// AggregationExpression "Length Constraints: Minimum length of 1.
	// Maximum length of 256." while its prose says 2048 characters; the
	// smaller is used.
	MaxLogAlarmAggregationLength = 256
	// MaxLogAlarmLogGroups: LogGroupIdentifiers "must contain between 1
	// and 50 entries" (API_ScheduledQueryConfiguration).
	MaxLogAlarmLogGroups = 50
	// MaxQueryResultsToEvaluate: "Valid range is 1 through 100" (PutLogAlarm).
	MaxQueryResultsToEvaluate = 100
	// MaxActionLogLineCount: "Valid range is 0 through 50" (PutLogAlarm;
	// the resource schema's maximum is 50).
	MaxActionLogLineCount = 50
	// MaxLogAlarmWindowSeconds: StartTimeOffset "Must be a positive value
	// and cannot exceed 2592000 seconds (30 days)" (the CloudFormation
	// reference, as aws-cdk-go v2.270.0's
	// CfnLogAlarm_ScheduleConfigurationProperty quotes it).
	MaxLogAlarmWindowSeconds = 30 * 86400
	// MinLogAlarmScheduleSeconds: ScheduleExpression is a rate()
	// expression ("Specify a rate() expression, for example rate(5
	// minutes)", API_ScheduleConfiguration), whose smallest unit is the
	// minute.
	MinLogAlarmScheduleSeconds = 60
	// MaxLogAlarmScheduleSeconds: AWS documents no upper bound for the
	// schedule. A schedule longer than the longest window would leave logs
	// that no run queries, so the window's limit is used.
	MaxLogAlarmScheduleSeconds = MaxLogAlarmWindowSeconds
	// MaxLogAlarmTags: the resource schema's Tags maxItems.
	MaxLogAlarmTags = 50
)

// logAlarmQueryName names the stand-in SavedQueryProps that checks a log
// alarm's query (a log alarm's query has no name of its own).
const logAlarmQueryName = "log-alarm"

// WithDefaults returns the props with every default applied.
func (p LogAlarmProps) WithDefaults() LogAlarmProps {
	if p.Comparison == "" {
		p.Comparison = DefaultComparison
	}
	if p.ScheduleSeconds == nil {
		p.ScheduleSeconds = logAlarmNumber(DefaultLogAlarmScheduleSeconds)
	}
	if p.WindowSeconds == nil {
		p.WindowSeconds = p.ScheduleSeconds
	}
	if p.QueryResultsToEvaluate == nil {
		p.QueryResultsToEvaluate = logAlarmNumber(DefaultQueryResultsToEvaluate)
	}
	if p.QueryResultsToAlarm == nil {
		p.QueryResultsToAlarm = p.QueryResultsToEvaluate
	}
	if p.TreatMissingData == "" {
		p.TreatMissingData = DefaultLogAlarmMissingData
	}
	return p
}

func logAlarmNumber(v float64) *float64 { return &v }

// Validate checks the alarm against CloudWatch's rules and parses its query
// and its aggregation expression.
func (p *LogAlarmProps) Validate() error {
	d := p.WithDefaults()
	if err := d.checkNames(); err != nil {
		return err
	}
	if err := d.checkQuery(); err != nil {
		return err
	}
	if err := d.checkNumbers(); err != nil {
		return err
	}
	if err := d.checkSchedule(); err != nil {
		return err
	}
	if slices.Contains(ValidAnomalyComparisons, d.Comparison) {
		return fieldErr("comparison", "%s compares with an anomaly detection band, which log alarms do not have; expected one of %s", d.Comparison, joinValues(ValidComparisons))
	}
	if err := oneOf("comparison", d.Comparison, ValidComparisons); err != nil {
		return err
	}
	if err := oneOf("missingData", d.TreatMissingData, ValidMissingData); err != nil {
		return err
	}
	if n := len(d.Tags); n > MaxLogAlarmTags {
		return fieldErr("tags", "%d tags; a log alarm takes at most %d", n, MaxLogAlarmTags)
	}
	return validateTags(d.Tags)
}

// checkNames checks the alarm name, the description and the log groups.
func (d *LogAlarmProps) checkNames() error {
	switch {
	case d.AlarmName == "":
		return fieldErr("alarmName", "is required")
	case IsUnresolved(d.AlarmName):
	case chars(d.AlarmName) > MaxAlarmNameLength:
		return fieldErr("alarmName", "%s is %d characters; CloudWatch allows at most %d", echo(d.AlarmName), chars(d.AlarmName), MaxAlarmNameLength)
	default:
		if err := checkAlarmName(d.AlarmName); err != nil {
			return err
		}
	}
	// AWS documents no length for a log alarm's description; the limit of
	// every other CloudWatch alarm's AlarmDescription is used.
	if desc := d.AlarmDescription(); !IsUnresolved(desc) && chars(desc) > MaxAlarmDescriptionLen {
		return fieldErr("description", "with the runbook link is %d characters; CloudWatch allows at most %d", chars(desc), MaxAlarmDescriptionLen)
	}
	switch n := len(d.LogGroupNames); {
	case n == 0:
		return fieldErr("logGroups", "is empty; a log alarm queries 1 to %d log groups (logGroups or logGroupNames)", MaxLogAlarmLogGroups)
	case n > MaxLogAlarmLogGroups:
		return fieldErr("logGroups", "%d log groups; a log alarm queries at most %d", n, MaxLogAlarmLogGroups)
	}
	for i, name := range d.LogGroupNames {
		field := indexField("logGroupNames", i)
		if name == "" {
			return fieldErr(field, "is empty; expected a log group name")
		}
		if IsUnresolved(name) {
			continue
		}
		// The name rules of a LogGroup's name (length and characters).
		lg := LogGroupProps{LogGroupName: name}
		if err := lg.Validate(); err != nil {
			var fe *FieldError
			if errors.As(err, &fe) { // the first problem, under this prop's name
				return &FieldError{Field: field, Msg: fe.Msg, Cause: fe.Cause}
			}
			return err
		}
	}
	return nil
}

// checkQuery runs SavedQuery's check of a Logs Insights query (required,
// MaxQueryStringLength, parsed), then parses the aggregation expression.
// A log alarm's query is a Logs Insights query: the resource has no query
// language, and the log alarm documentation speaks of "the same Logs
// Insights query language you use for ad-hoc analysis".
func (d *LogAlarmProps) checkQuery() error {
	if !IsUnresolved(d.QueryString) {
		q := SavedQueryProps{Name: logAlarmQueryName, QueryString: d.QueryString, QueryLanguage: QueryLanguageInsights}
		if err := q.Validate(); err != nil {
			return err
		}
	}
	switch e := d.AggregationExpression; {
	case strings.TrimSpace(e) == "":
		return fieldErr("aggregationExpression", "is empty; expected a stats aggregation such as count(*)")
	case IsUnresolved(e):
		return nil
	case chars(e) > MaxLogAlarmAggregationLength:
		return fieldErr("aggregationExpression", "%s is %d characters; CloudWatch allows at most %d", echo(e), chars(e), MaxLogAlarmAggregationLength)
	default:
		return CheckAggregationExpression(e)
	}
}

// aggregationPrefix makes an aggregation expression a Logs Insights query
// that package insights parses: the stats command it is the body of.
const aggregationPrefix = "stats "

// CheckAggregationExpression parses a log alarm's AggregationExpression
// with package insights, as the body of a stats command:
//
//	aggregation = expr-with-one-aggregate [ "by" group { "," group } ]
//
// The expression must hold one aggregate function the engine knows
// (count, sum, avg, min, max, pct, stddev, count_distinct, earliest,
// latest, sortsFirst, sortsLast), every field inside an aggregate, and no
// aggregate inside another or in "by". AWS documents the single value
// ("count(*)", "avg(duration)") and the "by" clause that makes each group a
// contributor (alarm-log.html, API_ScheduledQueryConfiguration). Where the
// documentation is silent the narrow reading is taken: one aggregation (the
// alarm compares one value per contributor), no alias (an alias names a
// column, and no example has one) and no "| command" after it
// (API_ScheduledQueryConfiguration shows "avg(latency) by host | sort desc"
// once, with no grammar for what follows "|"). Errors point into the
// expression, with line, column and a caret.
func CheckAggregationExpression(expr string) error {
	q, err := insights.Parse(aggregationPrefix + expr)
	if err != nil {
		return aggregationErr(reanchor(expr, err))
	}
	if len(q.Commands) > 1 {
		return aggregationErr(insights.NewError(expr, logAlarmOffset(q.Commands[1].Pos()),
			"a log alarm's aggregation expression is one stats aggregation, `aggregate [by group, ...]`; %s after it is not documented for log alarms",
			strconv.Quote(insights.CommandName(q.Commands[1]))))
	}
	stats, ok := q.Commands[0].(*insights.StatsCmd)
	if !ok { // "stats " starts the query; the parser gives a stats command or an error
		return aggregationErr(insights.NewError(expr, 0, "expected a stats aggregation such as count(*)"))
	}
	if len(stats.Aggs) > 1 {
		return aggregationErr(insights.NewError(expr, logAlarmOffset(stats.Aggs[1].Pos()),
			"a log alarm compares one value with its threshold; found %d aggregations, expected one", len(stats.Aggs)))
	}
	if a := stats.Aggs[0]; a.Alias != "" {
		return aggregationErr(insights.NewError(expr, logAlarmOffset(a.Pos()),
			"%s names its value %s; a log alarm compares the value itself, so drop \"as %s\"", a.Expr.String(), strconv.Quote(a.Alias), a.Alias))
	}
	return nil
}

func aggregationErr(cause error) error {
	return &FieldError{Field: "aggregationExpression", Msg: cause.Error(), Cause: cause}
}

// logAlarmOffset is the offset in the aggregation expression of a position
// in the stats query made of it.
func logAlarmOffset(pos insights.Pos) int { return max(0, int(pos)-len(aggregationPrefix)) }

// reanchor moves the parser's errors from the stats query to the
// aggregation expression, so that their line, column and caret point into
// what the user wrote.
func reanchor(expr string, err error) error {
	move := func(e *insights.Error) *insights.Error {
		return insights.NewError(expr, max(0, e.Offset-len(aggregationPrefix)), "%s", e.Msg)
	}
	switch e := err.(type) {
	case *insights.Error:
		return move(e)
	case insights.ErrorList:
		out := make(insights.ErrorList, len(e))
		for i, x := range e {
			out[i] = move(x)
		}
		return out
	}
	return err
}

// checkNumbers checks the threshold, M out of N and the number of log
// lines. Tokens are skipped before any conversion to an integer.
func (d *LogAlarmProps) checkNumbers() error {
	if !IsUnresolvedNumber(d.Threshold) && (math.IsNaN(d.Threshold) || math.IsInf(d.Threshold, 0)) {
		return fieldErr("threshold", "%g is not a finite number", d.Threshold)
	}
	n, m := *d.QueryResultsToEvaluate, *d.QueryResultsToAlarm
	if !IsUnresolvedNumber(n) && (n != math.Trunc(n) || n < 1 || n > MaxQueryResultsToEvaluate) {
		return fieldErr("queryResultsToEvaluate", "%g is out of range; CloudWatch accepts a whole number from 1 to %d", n, MaxQueryResultsToEvaluate)
	}
	if !IsUnresolvedNumber(m) {
		switch {
		case m != math.Trunc(m) || m < 1:
			return fieldErr("queryResultsToAlarm", "%g is out of range; expected a whole number from 1 to queryResultsToEvaluate", m)
		case !IsUnresolvedNumber(n) && m > n:
			return fieldErr("queryResultsToAlarm", "%g is more than queryResultsToEvaluate (%g); M of M-out-of-N is at most N", m, n)
		}
	}
	if c := d.ActionLogLineCount; !IsUnresolvedNumber(c) && (c != math.Trunc(c) || c < 0 || c > MaxActionLogLineCount) {
		return fieldErr("actionLogLineCount", "%g is out of range; CloudWatch accepts a whole number from 0 to %d", c, MaxActionLogLineCount)
	}
	return nil
}

// checkSchedule checks how often the query runs and how far back it looks.
func (d *LogAlarmProps) checkSchedule() error {
	if s := *d.ScheduleSeconds; !IsUnresolvedNumber(s) {
		if s != math.Trunc(s) || int64(s)%60 != 0 || s < MinLogAlarmScheduleSeconds || s > MaxLogAlarmScheduleSeconds {
			return fieldErr("schedule", "%gs is not a log alarm schedule; expected whole minutes from %ds (rate(1 minute)) to %ds (30 days)", s, MinLogAlarmScheduleSeconds, MaxLogAlarmScheduleSeconds)
		}
	}
	if w := *d.WindowSeconds; !IsUnresolvedNumber(w) {
		if w != math.Trunc(w) || w < 1 || w > MaxLogAlarmWindowSeconds {
			return fieldErr("window", "%gs is out of range; CloudWatch accepts whole seconds from 1 to %d (30 days)", w, MaxLogAlarmWindowSeconds)
		}
	}
	return nil
}

// AlarmDescription is the description with the runbook link appended, as
// an EventAlarm's.
func (p LogAlarmProps) AlarmDescription() string {
	a := EventAlarmProps{Description: p.Description, RunbookURL: p.RunbookURL}
	return a.AlarmDescription()
}

// LogAlarmScheduleExpression is the rate() expression of a schedule of
// whole minutes: "rate(1 minute)", "rate(5 minutes)". It is always in
// minutes, the unit AWS's examples use ("rate(5 minutes)",
// API_ScheduleConfiguration; "rate(1 minute)", the CloudFormation
// reference); hours and days are not documented for log alarms.
func LogAlarmScheduleExpression(seconds int) string {
	minutes := seconds / 60
	if minutes == 1 {
		return "rate(1 minute)"
	}
	return "rate(" + strconv.Itoa(minutes) + " minutes)"
}

// ResourceCount is the alarm and its scheduled query role with its managed
// policy, and the role (with its policy) that reads log lines for the
// notifications when they carry any.
func (p *LogAlarmProps) ResourceCount() int {
	if p.ActionLogLineCount > 0 || IsUnresolvedNumber(p.ActionLogLineCount) {
		return 5
	}
	return 3
}
