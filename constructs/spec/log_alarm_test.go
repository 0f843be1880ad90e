package spec

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/insights"
)

// laToken is a CDK number token, as aws-cdk-lib encodes one (IsUnresolvedNumber).
var laToken = math.Float64frombits(0xFBFF_0000_0000_0007)

func laNum(v float64) *float64 { return &v }

// laAlarm is a valid log alarm changed by f.
func laAlarm(f func(*LogAlarmProps)) func() error {
	return func() error {
		p := LogAlarmProps{
			AlarmName:             "prod-orders-payment-errors",
			QueryString:           `fields @timestamp, @message | filter level = "ERROR"`,
			LogGroupNames:         []string{"/shop/prod/orders"},
			AggregationExpression: "count(*)",
			Threshold:             5,
		}
		f(&p)
		return p.Validate()
	}
}

// One case per rule of LogAlarmProps: each changes one thing of a valid
// alarm, and the error names the field, the limit and the value.
func TestLogAlarmRules(t *testing.T) {
	cases := []struct {
		name, want string
		validate   func() error
	}{
		{"alarm name required", "alarmName: is required", laAlarm(func(p *LogAlarmProps) { p.AlarmName = "" })},
		{"alarm name length", "alarmName: \"" + strings.Repeat("a", 80) + "\"… (256 characters) is 256 characters; CloudWatch allows at most 255",
			laAlarm(func(p *LogAlarmProps) { p.AlarmName = strings.Repeat("a", 256) })},
		{"alarm name control character", `alarmName: "a\tb" contains the control character '\t'`, laAlarm(func(p *LogAlarmProps) { p.AlarmName = "a\tb" })},
		{"description length with the runbook", "description: with the runbook link is 1062 characters; CloudWatch allows at most 1024",
			laAlarm(func(p *LogAlarmProps) {
				p.Description, p.RunbookURL = strings.Repeat("d", 1000), "https://runbooks.example.com/x"
			})},
		{"log groups required", "logGroups: is empty; a log alarm queries 1 to 50 log groups", laAlarm(func(p *LogAlarmProps) { p.LogGroupNames = nil })},
		{"at most 50 log groups", "logGroups: 51 log groups; a log alarm queries at most 50", laAlarm(func(p *LogAlarmProps) {
			p.LogGroupNames = nil
			for i := range 51 {
				p.LogGroupNames = append(p.LogGroupNames, "/app/"+strconv.Itoa(i))
			}
		})},
		{"log group name empty", "logGroupNames[1]: is empty; expected a log group name", laAlarm(func(p *LogAlarmProps) { p.LogGroupNames = []string{"/a", ""} })},
		{"log group name characters", `logGroupNames[0]: "/app/my orders" contains ' '`, laAlarm(func(p *LogAlarmProps) { p.LogGroupNames = []string{"/app/my orders"} })},
		{"log group name length", "logGroupNames[0]: \"" + strings.Repeat("a", 80) + "\"… (513 characters) is 513 characters; CloudWatch allows at most 512",
			laAlarm(func(p *LogAlarmProps) { p.LogGroupNames = []string{strings.Repeat("a", 513)} })},
		{"query required", "queryString: is empty; expected a query", laAlarm(func(p *LogAlarmProps) { p.QueryString = " " })},
		{"query length", "queryString: is 10001 characters; CloudWatch allows at most 10000",
			laAlarm(func(p *LogAlarmProps) { p.QueryString = "fields " + strings.Repeat("a", 9994) })},
		{"query parses", "queryString: 1:14: expected \")\" to close \"(\"", laAlarm(func(p *LogAlarmProps) { p.QueryString = "filter (level" })},
		{"aggregation required", "aggregationExpression: is empty; expected a stats aggregation such as count(*)",
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "" })},
		{"aggregation length", "is 257 characters; CloudWatch allows at most 256",
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "count(" + strings.Repeat("a", 250) + ")" })},
		{"aggregate function known", "aggregationExpression: 1:1: unknown function \"p99\"\np99(latency)\n^",
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "p99(latency)" })},
		{"field inside an aggregate", "aggregationExpression: 1:1: field latency must be inside an aggregate function",
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "latency" })},
		{"no aggregate inside an aggregate", "1:5: aggregate function count() cannot be inside another aggregate",
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "sum(count(*))" })},
		{"one aggregation", "aggregationExpression: 1:11: a log alarm compares one value with its threshold; found 2 aggregations, expected one",
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "count(*), avg(latency)" })},
		{"no alias", `aggregationExpression: 1:1: count(*) names its value "n"; a log alarm compares the value itself, so drop "as n"`,
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "count(*) as n" })},
		{"no command after the aggregation", `aggregationExpression: 1:24: a log alarm's aggregation expression is one stats aggregation, ` + "`aggregate [by group, ...]`" + `; "sort" after it is not documented`,
			laAlarm(func(p *LogAlarmProps) { p.AggregationExpression = "avg(latency) by host | sort desc" })},
		{"threshold finite", "threshold: NaN is not a finite number", laAlarm(func(p *LogAlarmProps) { p.Threshold = math.NaN() })},
		{"threshold not infinite", "threshold: +Inf is not a finite number", laAlarm(func(p *LogAlarmProps) { p.Threshold = math.Inf(1) })},
		{"N at most 100", "queryResultsToEvaluate: 101 is out of range; CloudWatch accepts a whole number from 1 to 100",
			laAlarm(func(p *LogAlarmProps) { p.QueryResultsToEvaluate = laNum(101) })},
		{"N at least 1", "queryResultsToEvaluate: 0 is out of range", laAlarm(func(p *LogAlarmProps) { p.QueryResultsToEvaluate = laNum(0) })},
		{"N whole", "queryResultsToEvaluate: 2.5 is out of range", laAlarm(func(p *LogAlarmProps) { p.QueryResultsToEvaluate = laNum(2.5) })},
		{"M at most N", "queryResultsToAlarm: 4 is more than queryResultsToEvaluate (3); M of M-out-of-N is at most N",
			laAlarm(func(p *LogAlarmProps) { p.QueryResultsToEvaluate, p.QueryResultsToAlarm = laNum(3), laNum(4) })},
		{"M at least 1", "queryResultsToAlarm: 0 is out of range; expected a whole number from 1 to queryResultsToEvaluate",
			laAlarm(func(p *LogAlarmProps) { p.QueryResultsToAlarm = laNum(0) })},
		{"action log lines at most 50", "actionLogLineCount: 51 is out of range; CloudWatch accepts a whole number from 0 to 50",
			laAlarm(func(p *LogAlarmProps) { p.ActionLogLineCount = 51 })},
		{"action log lines not negative", "actionLogLineCount: -1 is out of range", laAlarm(func(p *LogAlarmProps) { p.ActionLogLineCount = -1 })},
		{"schedule at least a minute", "schedule: 30s is not a log alarm schedule; expected whole minutes from 60s (rate(1 minute)) to 2592000s (30 days)",
			laAlarm(func(p *LogAlarmProps) { p.ScheduleSeconds = laNum(30) })},
		{"schedule whole minutes", "schedule: 90s is not a log alarm schedule", laAlarm(func(p *LogAlarmProps) { p.ScheduleSeconds = laNum(90) })},
		{"schedule at most 30 days", "schedule: 2.59206e+06s is not a log alarm schedule", laAlarm(func(p *LogAlarmProps) { p.ScheduleSeconds = laNum(30*86400 + 60) })},
		{"window at least a second", "window: 0s is out of range; CloudWatch accepts whole seconds from 1 to 2592000 (30 days)",
			laAlarm(func(p *LogAlarmProps) { p.WindowSeconds = laNum(0) })},
		{"window at most 30 days", "window: 2.592001e+06s is out of range", laAlarm(func(p *LogAlarmProps) { p.WindowSeconds = laNum(30*86400 + 1) })},
		{"window whole seconds", "window: 0.5s is out of range", laAlarm(func(p *LogAlarmProps) { p.WindowSeconds = laNum(0.5) })},
		{"no anomaly band", "comparison: LessThanLowerOrGreaterThanUpperThreshold compares with an anomaly detection band, which log alarms do not have",
			laAlarm(func(p *LogAlarmProps) { p.Comparison = "LessThanLowerOrGreaterThanUpperThreshold" })},
		{"comparison", "comparison: Above is not allowed; expected one of GreaterThanOrEqualToThreshold", laAlarm(func(p *LogAlarmProps) { p.Comparison = "Above" })},
		{"missing data", "missingData: zero is not allowed; expected one of breaching", laAlarm(func(p *LogAlarmProps) { p.TreatMissingData = "zero" })},
		{"at most 50 tags", "tags: 51 tags; a log alarm takes at most 50", laAlarm(func(p *LogAlarmProps) {
			p.Tags = map[string]string{}
			for i := range 51 {
				p.Tags["k"+strconv.Itoa(i)] = "v"
			}
		})},
		{"tag rules", "tags: tag key \"aws:owner\": the aws: prefix is reserved", laAlarm(func(p *LogAlarmProps) { p.Tags = map[string]string{"aws:owner": "x"} })},
	}
	for _, c := range cases {
		err := c.validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

// Valid alarms pass, and tokens skip the checks that need their value, the
// number tokens before any conversion to an integer.
func TestLogAlarmAccepts(t *testing.T) {
	cases := map[string]func(*LogAlarmProps){
		"defaults": func(*LogAlarmProps) {},
		"everything set": func(p *LogAlarmProps) {
			p.Description, p.RunbookURL = "Payments fail.", "https://runbooks.example.com/payments"
			p.LogGroupNames = []string{"/shop/prod/orders", "/shop/prod/payments"}
			p.ScheduleSeconds, p.WindowSeconds = laNum(3600), laNum(3900)
			p.AggregationExpression = "pct(latency, 99) by service"
			p.Threshold, p.Comparison, p.TreatMissingData = -2.5, "LessThanThreshold", "breaching"
			p.QueryResultsToEvaluate, p.QueryResultsToAlarm, p.ActionLogLineCount = laNum(100), laNum(100), 50
			p.Tags = map[string]string{"team": "orders"}
		},
		"a ratio of aggregates": func(p *LogAlarmProps) { p.AggregationExpression = "sum(if(status >= 500, 1, 0)) / count(*)" },
		"the longest schedule and window": func(p *LogAlarmProps) {
			p.ScheduleSeconds, p.WindowSeconds = laNum(MaxLogAlarmScheduleSeconds), laNum(MaxLogAlarmWindowSeconds)
		},
		"string tokens": func(p *LogAlarmProps) {
			p.AlarmName, p.QueryString, p.AggregationExpression = "${Token[TOKEN.1]}", "${Token[TOKEN.2]}", "${Token[TOKEN.3]}"
			p.LogGroupNames = []string{GivenAsObject, "${Token[TOKEN.4]}"}
			p.Description = "${Token[TOKEN.5]}" + strings.Repeat("d", 2000)
		},
		"number tokens": func(p *LogAlarmProps) {
			p.Threshold, p.ActionLogLineCount = laToken, laToken
			p.QueryResultsToEvaluate, p.QueryResultsToAlarm = laNum(laToken), laNum(laToken)
			p.ScheduleSeconds, p.WindowSeconds = laNum(laToken), laNum(laToken)
		},
		"M concrete, N a token":        func(p *LogAlarmProps) { p.QueryResultsToEvaluate, p.QueryResultsToAlarm = laNum(laToken), laNum(5) },
		"N concrete, M a token":        func(p *LogAlarmProps) { p.QueryResultsToEvaluate, p.QueryResultsToAlarm = laNum(5), laNum(laToken) },
		"schedule a token, window set": func(p *LogAlarmProps) { p.ScheduleSeconds, p.WindowSeconds = laNum(laToken), laNum(600) },
	}
	for name, f := range cases {
		if err := laAlarm(f)(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestLogAlarmDefaults(t *testing.T) {
	d := LogAlarmProps{}.WithDefaults()
	got := []any{*d.ScheduleSeconds, *d.WindowSeconds, *d.QueryResultsToEvaluate, *d.QueryResultsToAlarm, d.Comparison, d.TreatMissingData, d.ActionLogLineCount}
	want := []any{300.0, 300.0, 1.0, 1.0, "GreaterThanOrEqualToThreshold", "notBreaching", 0.0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("defaults %v, want %v", got, want)
			break
		}
	}
	// The window follows the schedule, and M follows N.
	d = LogAlarmProps{ScheduleSeconds: laNum(900), QueryResultsToEvaluate: laNum(3)}.WithDefaults()
	if *d.WindowSeconds != 900 || *d.QueryResultsToAlarm != 3 {
		t.Errorf("window %g and M %g, want the schedule (900) and N (3)", *d.WindowSeconds, *d.QueryResultsToAlarm)
	}
	if desc := (LogAlarmProps{Description: "Payments fail.", RunbookURL: "https://r/x"}).AlarmDescription(); desc != "Payments fail. First step: follow the runbook https://r/x" {
		t.Errorf("description %q", desc)
	}
}

func TestLogAlarmScheduleExpression(t *testing.T) {
	for seconds, want := range map[int]string{60: "rate(1 minute)", 300: "rate(5 minutes)", 3600: "rate(60 minutes)", 86400: "rate(1440 minutes)"} {
		if got := LogAlarmScheduleExpression(seconds); got != want {
			t.Errorf("%ds: %s, want %s", seconds, got, want)
		}
	}
}

// Parser errors point into the aggregation expression, not into the stats
// query it is parsed as, and keep every error of the list.
func TestLogAlarmAggregationErrorsPointIntoTheExpression(t *testing.T) {
	err := CheckAggregationExpression("count(*) by bin(5m) + p99(x)")
	var perr *insights.Error
	if !errors.As(err, &perr) || perr.Src != "count(*) by bin(5m) + p99(x)" || perr.Col != 23 {
		t.Fatalf("got %#v, want an *insights.Error in the expression at column 23", err)
	}
	err = CheckAggregationExpression("foo + bar")
	var list insights.ErrorList
	if !errors.As(err, &list) || len(list) != 3 || list[1].Col != 7 || !strings.Contains(err.Error(), "(and 2 more errors)") {
		t.Fatalf("got %v, want both fields and the missing aggregate reported, the second field at column 7", err)
	}
	for _, ok := range []string{"count(*)", "avg(latency) by host", "count_distinct(userId) by bin(1h)", "max(duration) - min(duration)"} {
		if err := CheckAggregationExpression(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}
