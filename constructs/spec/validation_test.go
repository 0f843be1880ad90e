package spec

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// One case per validation rule: the props, and a substring of the error
// that names the limit and the value.
func TestValidationRules(t *testing.T) {
	okMetric := func() EventMetricProps {
		return EventMetricProps{LogGroupName: "/app/orders", FilterPattern: `{ $.event = "x" }`, Namespace: "app/orders", MetricName: "x"}
	}
	okAlarm := func() EventAlarmProps {
		return EventAlarmProps{Metric: okMetric(), AlarmName: "dev-orders-x", Threshold: 1}
	}
	okTopic := func(s Subscription) AlertTopicProps {
		return AlertTopicProps{NamePrefix: "app-dev", Subscriptions: map[Severity][]Subscription{Critical: {s}}}
	}
	zero := 0.0
	cases := []struct {
		name, want string
		validate   func() error
	}{
		{"log group name too long", "CloudWatch allows at most 512", func() error { return (&LogGroupProps{LogGroupName: strings.Repeat("a", 513)}).Validate() }},
		{"log group name characters", `contains ' '`, func() error { return (&LogGroupProps{LogGroupName: "/app/my orders"}).Validate() }},
		{"retention CloudWatch accepts", "10 is not a retention CloudWatch Logs accepts", func() error { return (&LogGroupProps{LogGroupName: "/a", RetentionDays: 10}).Validate() }},
		{"log group class", "class: COLD is not allowed", func() error { return (&LogGroupProps{LogGroupName: "/a", Class: "COLD"}).Validate() }},
		{"no retention for DELIVERY", "retentionDays: a DELIVERY log group keeps events for one day and takes no retention", func() error {
			return (&LogGroupProps{LogGroupName: "/a", Class: ClassDelivery, RetentionDays: 7}).Validate()
		}},
		{"removal policy", "removalPolicy: keep is not allowed", func() error { return (&LogGroupProps{LogGroupName: "/a", RemovalPolicy: "keep"}).Validate() }},
		{"data identifier", "maskedDataIdentifiers[0]: is empty", func() error {
			return (&LogGroupProps{LogGroupName: "/a", MaskedDataIdentifiers: []string{""}}).Validate()
		}},
		{"adopted log group name", `existing: "/aws/lambda/my orders" contains ' '`, func() error { return (&LogGroupProps{Existing: "/aws/lambda/my orders"}).Validate() }},
		{"adopted or created", `logGroupName: names a log group to create, and existing names one to adopt ("/aws/lambda/orders")`, func() error {
			return (&LogGroupProps{Existing: "/aws/lambda/orders", LogGroupName: "/shop/orders"}).Validate()
		}},
		{"adopted class", `class: is fixed when a log group is created: the existing log group "/aws/lambda/orders" keeps its own`, func() error {
			return (&LogGroupProps{Existing: "/aws/lambda/orders", Class: "STANDARD"}).Validate()
		}},
		{"adopted data protection", "maskedDataIdentifiers: need a data protection policy, which the stack sets only on a log group it creates", func() error {
			return (&LogGroupProps{Existing: "/aws/lambda/orders", MaskedDataIdentifiers: []string{"EmailAddress"}}).Validate()
		}},
		{"adopted encryption", "encrypt: needs a KMS key, which the stack sets only on a log group it creates", func() error { return (&LogGroupProps{Existing: "/aws/lambda/orders", Encrypt: true}).Validate() }},
		{"adopted deletion protection", "deletionProtection: is set only on a log group the stack creates", func() error {
			return (&LogGroupProps{Existing: "/aws/lambda/orders", DeletionProtection: true}).Validate()
		}},
		{"adopted never destroyed", "removalPolicy: destroy would delete a log group the stack did not create", func() error {
			return (&LogGroupProps{Existing: "/aws/lambda/orders", RemovalPolicy: Destroy}).Validate()
		}},
		{"adopted retention", "retentionDays: 10 is not a retention CloudWatch Logs accepts", func() error {
			return (&LogGroupProps{Existing: "/aws/lambda/orders", RetentionDays: 10}).Validate()
		}},

		{"topic prefix required", "namePrefix: is required", func() error { return (&AlertTopicProps{}).Validate() }},
		{"topic display name length", "SNS allows at most 100", func() error { return (&AlertTopicProps{NamePrefix: strings.Repeat("a", 80)}).Validate() }},
		{"tag value length", "AWS allows at most 256", func() error {
			return (&LogGroupProps{LogGroupName: "/a", Tags: map[string]string{"owner": strings.Repeat("a", 257)}}).Validate()
		}},
		{"reserved tag prefix", "the aws: prefix is reserved", func() error {
			return (&AlertTopicProps{NamePrefix: "a", Tags: map[string]string{"aws:owner": "x"}}).Validate()
		}},
		{"dimension name", `dimension name "a:b" must be`, func() error {
			m := okMetric()
			m.Dimensions = map[string]string{"a:b": "$.a"}
			return m.Validate()
		}},
		{"one endpoint per subscription", "set exactly one of", func() error {
			p := okTopic(Subscription{Email: "a@example.com", HTTPS: "https://example.com"})
			return p.Validate()
		}},
		{"email address", `email "oncall" is not an e-mail address`, func() error { p := okTopic(Subscription{Email: "oncall"}); return p.Validate() }},
		{"https webhook", `is not an https:// URL`, func() error { p := okTopic(Subscription{HTTPS: "http://example.com"}); return p.Validate() }},
		{"sqs arn", "is not an SQS queue ARN", func() error { p := okTopic(Subscription{SQSQueueArn: "my-queue"}); return p.Validate() }},
		{"lambda arn", "is not a Lambda function ARN", func() error {
			p := okTopic(Subscription{LambdaFunctionArn: "arn:aws:sqs:eu-west-1:123456789012:q"})
			return p.Validate()
		}},
		{"slack ids", "slack needs workspaceId and channelId", func() error { p := okTopic(Subscription{Slack: &SlackChannel{WorkspaceID: "x"}}); return p.Validate() }},
		{"severity of subscriptions", "subscriptions: page is not allowed", func() error {
			return (&AlertTopicProps{NamePrefix: "a", Subscriptions: map[Severity][]Subscription{"page": nil}}).Validate()
		}},

		{"metric log group required", "logGroupName: is required", func() error { m := okMetric(); m.LogGroupName = ""; return m.Validate() }},
		{"metric namespace", "namespace: \"a:b\" must be 1 to 255 characters", func() error { m := okMetric(); m.Namespace = "a:b"; return m.Validate() }},
		{"metric name", "metricName: \"\" must be", func() error { m := okMetric(); m.MetricName = ""; return m.Validate() }},
		{"pattern parses", "pattern: 1:", func() error { m := okMetric(); m.FilterPattern = `{ $.event = }`; return m.Validate() }},
		{"pattern length", "CloudWatch allows at most 1024", func() error { m := okMetric(); m.FilterPattern = strings.Repeat("a", 1025); return m.Validate() }},
		{"unit", "unit: Minutes is not allowed", func() error { m := okMetric(); m.Unit = "Minutes"; return m.Validate() }},
		{"at most 3 dimensions", "at most 3 dimensions per metric filter, got 4", func() error {
			m := okMetric()
			m.Dimensions = map[string]string{"a": "$.a", "b": "$.b", "c": "$.c", "d": "$.d"}
			return m.Validate()
		}},
		{"dimensions exclude default value", "defaultValue: cannot be set together with dimensions", func() error {
			m := okMetric()
			m.Dimensions, m.DefaultValue = map[string]string{"a": "$.a"}, &zero
			return m.Validate()
		}},
		{"dimensions need a JSON or space-delimited pattern", "dimensions:", func() error {
			m := okMetric()
			m.FilterPattern, m.Dimensions = "ERROR", map[string]string{"a": "$.a"}
			return m.Validate()
		}},
		{"space-delimited value names a declared field", "value:", func() error {
			m := okMetric()
			m.FilterPattern, m.Value = "[ip, user, status]", "$bytes"
			return m.Validate()
		}},
		{"space-delimited dimension names a declared field", "dimensions:", func() error {
			m := okMetric()
			m.FilterPattern, m.Dimensions = "[ip, user, status]", map[string]string{"host": "$host"}
			return m.Validate()
		}},

		{"alarm name required", "alarmName: is required", func() error { a := okAlarm(); a.AlarmName = ""; return a.Validate() }},
		{"alarm name length", "CloudWatch allows at most 255", func() error { a := okAlarm(); a.AlarmName = strings.Repeat("a", 256); return a.Validate() }},
		{"alarm period", "45s is not a CloudWatch alarm period", func() error { a := okAlarm(); a.PeriodSeconds = 45; return a.Validate() }},
		{"evaluation periods at least 1", "evaluationPeriods: -1 is out of range; expected 1 to 8640", func() error { a := okAlarm(); a.EvaluationPeriods = -1; return a.Validate() }},
		{"evaluation periods beyond any window", "evaluationPeriods: 8641 is out of range; expected 1 to 8640", func() error {
			a := okAlarm()
			a.PeriodSeconds, a.EvaluationPeriods = 10, 8641
			return a.Validate()
		}},
		{"datapoints to alarm", "datapointsToAlarm: 3 is out of range; expected 1 to evaluationPeriods (2)", func() error {
			a := okAlarm()
			a.EvaluationPeriods, a.DatapointsToAlarm = 2, 3
			return a.Validate()
		}},
		{"evaluation window of periods under an hour at most a day", "evaluationPeriods: period × evaluationPeriods is 24h5m (86700s); with a period under an hour, CloudWatch allows at most one day (86400s)", func() error {
			a := okAlarm()
			a.PeriodSeconds, a.EvaluationPeriods = 300, 289
			return a.Validate()
		}},
		{"evaluation window of hourly periods at most 7 days", "evaluationPeriods: period × evaluationPeriods is 169h (608400s); CloudWatch allows at most 7 days (604800s)", func() error {
			a := okAlarm()
			a.PeriodSeconds, a.EvaluationPeriods = 3600, 169
			return a.Validate()
		}},
		{"a ratio's window", "evaluationPeriods: period × evaluationPeriods is 25h (90000s)", func() error {
			a := okAlarm()
			a.Metric, a.EvaluationPeriods = EventMetricProps{}, 300
			return a.ValidateOnExpression()
		}},
		{"a ratio's period", "period: 7s is not a CloudWatch alarm period", func() error {
			a := okAlarm()
			a.Metric, a.PeriodSeconds = EventMetricProps{}, 7
			return a.ValidateOnExpression()
		}},
		{"comparison", "comparison: >= is not allowed", func() error { a := okAlarm(); a.Comparison = ">="; return a.Validate() }},
		{"statistic", `statistic: "Median": col 1: unknown statistic "Median"`, func() error { a := okAlarm(); a.Statistic = "Median"; return a.Validate() }},
		{"percentile range", `statistic: "p101": col 2: p takes a percentage from 0 to 100, got 101`, func() error { a := okAlarm(); a.Statistic = "p101"; return a.Validate() }},
		{"statistic spelled as CloudWatch documents it", `did you mean "TM(10%:90%)"?`, func() error { a := okAlarm(); a.Statistic = "tm(10%:90%)"; return a.Validate() }},
		{"missing data", "missingData: zero is not allowed", func() error { a := okAlarm(); a.TreatMissingData = "zero"; return a.Validate() }},
		{"severity", "severity: urgent is not allowed", func() error { a := okAlarm(); a.Severity = "urgent"; return a.Validate() }},
		{"dimensioned metric needs values", `has the dimension "Method": give a value`, func() error {
			a := okAlarm()
			a.Metric.Dimensions = map[string]string{"Method": "$.method"}
			return a.Validate()
		}},
		{"dimension values name metric dimensions", `has no dimension "Host"`, func() error {
			a := okAlarm()
			a.DimensionValues = map[string]string{"Host": "a"}
			return a.Validate()
		}},
		{"description length", "CloudWatch allows at most 1024", func() error { a := okAlarm(); a.Description = strings.Repeat("a", 1025); return a.Validate() }},

		{"query name", "name: \"\" must be 1 to 255", func() error { return (&SavedQueryProps{QueryString: "fields @message"}).Validate() }},
		{"query text required", "queryString: is empty", func() error { return (&SavedQueryProps{Name: "q"}).Validate() }},
		{"query length", "CloudWatch allows at most 10000", func() error {
			return (&SavedQueryProps{Name: "q", QueryString: "fields @message | filter @message like /" + strings.Repeat("a", 10000) + "/"}).Validate()
		}},
		{"query parses", "queryString:", func() error { return (&SavedQueryProps{Name: "q", QueryString: "stats count(*) by"}).Validate() }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// The valid props used as a base above are valid, so each case fails for its own rule.
func TestValidBaseProps(t *testing.T) {
	for name, err := range map[string]error{
		"log group": (&LogGroupProps{LogGroupName: "/app/orders"}).Validate(),
		"topic":     (&AlertTopicProps{NamePrefix: "app-dev"}).Validate(),
		"metric":    (&EventMetricProps{LogGroupName: "/a", FilterPattern: `{ $.event = "x" }`, Namespace: "n", MetricName: "m"}).Validate(),
		"alarm":     (&EventAlarmProps{Metric: EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}, AlarmName: "a", Threshold: 1}).Validate(),
		"query":     (&SavedQueryProps{Name: "q", QueryString: "fields @message"}).Validate(),
	} {
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Validate reports every problem of the props, one per field, in the
// order of the checks: the first is the one a single-error caller (the
// config loader) reports, and errors.As finds it as a *FieldError.
func TestValidateReportsEveryProblem(t *testing.T) {
	metric := EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}
	cases := []struct {
		name  string
		err   error
		first string
		want  []string
	}{
		{"log group", (&LogGroupProps{LogGroupName: "/my app", RetentionDays: 10, Class: "COLD"}).Validate(),
			"logGroupName", []string{`logGroupName: "/my app" contains ' '`, "retentionDays: 10 is not a retention", "class: COLD is not allowed"}},
		{"metric", (&EventMetricProps{FilterPattern: "x", Namespace: "a:b", MetricName: "m", Unit: "Minutes"}).Validate(),
			"logGroupName", []string{"logGroupName: is required", `namespace: "a:b" must be`, "unit: Minutes is not allowed"}},
		{"alarm", (&EventAlarmProps{Metric: metric, AlarmName: strings.Repeat("a", 256), Threshold: 1, EvaluationPeriods: 8641, Comparison: ">=", TreatMissingData: "zero"}).Validate(),
			"alarmName", []string{"alarmName: ", "evaluationPeriods: 8641 is out of range", "comparison: >= is not allowed", "missingData: zero is not allowed"}},
		{"alarm period and statistic", (&EventAlarmProps{Metric: metric, AlarmName: "a", Threshold: 1, PeriodSeconds: 45, Statistic: "Median"}).Validate(),
			"period", []string{"period: 45s is not a CloudWatch alarm period", "statistic: "}},
		{"silence", (&SilenceAlarmProps{AfterSeconds: 90, AlarmName: ""}).Validate(),
			"after", []string{"after: 90s is not a silence period", "alarmName: is required"}},
		{"composite", (&CompositeAlarmProps{AlarmName: ""}).Validate(),
			"alarmName", []string{"alarmName: is required", "alarms: a composite alarm needs at least one alarm"}},
		{"topic", (&AlertTopicProps{NamePrefix: "app.dev", Subscriptions: map[Severity][]Subscription{Critical: {{Email: "oncall"}, {HTTPS: "http://x"}}}}).Validate(),
			"namePrefix", []string{"namePrefix: ", "subscriptions.critical[0]: ", "subscriptions.critical[1]: "}},
		{"query", (&SavedQueryProps{Name: "team:q", QueryString: " ", QueryLanguage: "SPL"}).Validate(),
			"name", []string{"name: ", "queryString: is empty", `queryLanguage: "SPL" is not a query language`}},
		{"github", (&GitHubDeployRoleProps{Repository: "eventwatch", Environments: nil, BootstrapQualifier: "my.qual"}).Validate(),
			"repository", []string{"repository: ", "environments: is empty", "bootstrapQualifier: "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var fe *FieldError
			if !errors.As(c.err, &fe) || fe.Field != c.first {
				t.Fatalf("errors.As found %v, want the %s error first; all: %v", fe, c.first, c.err)
			}
			msg, last := c.err.Error(), -1
			if !strings.HasPrefix(msg, fe.Error()) {
				t.Errorf("%q does not start with the first error %q", msg, fe.Error())
			}
			for _, w := range c.want {
				i := strings.Index(msg, w)
				if i < 0 {
					t.Errorf("%q lacks %q", msg, w)
				} else if i < last {
					t.Errorf("%q: %q out of order", msg, w)
				}
				last = max(last, i)
			}
		})
	}
}

// A field is reported once, even when two checks catch it.
func TestValidateReportsAFieldOnce(t *testing.T) {
	err := (&EventAlarmProps{Metric: EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}, AlarmName: strings.Repeat("a", 256), Threshold: 1}).Validate()
	if n := strings.Count(fmt.Sprint(err), "alarmName:"); n != 1 {
		t.Errorf("alarmName reported %d times: %v", n, err)
	}
	if err := (&EventAlarmProps{Metric: EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}, AlarmName: "a", Threshold: 1, PeriodSeconds: 9223372036854775800, EvaluationPeriods: 2}).Validate(); strings.Contains(fmt.Sprint(err), "period × evaluationPeriods") {
		t.Errorf("the evaluation window of a period already refused: %v", err)
	}
}

// An alarm takes CloudWatch's extended statistics as well as the simple
// ones, and the statistic's parse error is the FieldError's Cause.
func TestExtendedStatistics(t *testing.T) {
	for _, statistic := range []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum",
		"p99", "p99.9", "p0", "p100", "tm99", "TM(10%:90%)", "TM(150:1000)", "wm99", "WM(10%:90%)", "tc99", "TC(0.005:0.030)",
		"ts99", "TS(80%:)", "PR(:300)", "PR(100:2000)", "IQM"} {
		a := EventAlarmProps{Metric: EventMetricProps{LogGroupName: "/a", FilterPattern: "[ip, latency]", Namespace: "n", MetricName: "m", Value: "$latency"},
			AlarmName: "a", Threshold: 1, Statistic: statistic}
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", statistic, err)
		}
	}
	err := (&EventAlarmProps{Metric: EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}, AlarmName: "a", Threshold: 1, Statistic: "TM(10%:90)"}).Validate()
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "statistic" || fe.Cause == nil {
		t.Errorf("got %#v, want a statistic FieldError with the parse error as its Cause", err)
	}
}

// A number that is a CDK token (UnresolvedInt in an int field, a token's
// double in a float64 one) skips the checks that need its value, and only
// those.
func TestNumberTokensSkipValueChecks(t *testing.T) {
	token := math.Float64frombits(0xFBFF<<48 | 42) // as aws-cdk-lib encodes a number token
	metric := EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}
	ok := []struct {
		name string
		err  error
	}{
		{"alarm", (&EventAlarmProps{Metric: metric, AlarmName: "a", Threshold: token, PeriodSeconds: UnresolvedInt, EvaluationPeriods: UnresolvedInt}).Validate()},
		{"datapoints", (&EventAlarmProps{Metric: metric, AlarmName: "a", Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: UnresolvedInt}).Validate()},
		{"band", (&EventAlarmProps{Metric: metric, AlarmName: "a", AnomalyStdDevs: token, EvaluationPeriods: UnresolvedInt}).Validate()},
		{"silence", (&SilenceAlarmProps{AlarmName: "a", AfterSeconds: UnresolvedInt}).Validate()},
	}
	for _, c := range ok {
		if c.err != nil {
			t.Errorf("%s: %v", c.name, c.err)
		}
	}
	err := (&EventAlarmProps{Metric: metric, AlarmName: "a", Threshold: 1, EvaluationPeriods: UnresolvedInt, DatapointsToAlarm: 8641}).Validate()
	if err == nil || !strings.Contains(err.Error(), "datapointsToAlarm: 8641 is out of range; expected 1 to evaluationPeriods (known at deploy time, at most 8640)") {
		t.Errorf("datapoints beyond any evaluation periods: %v", err)
	}
}

// A DELIVERY log group takes no retention (CloudWatch keeps its events for
// a day, and aws-cdk-lib refuses one): none is defaulted, and it is valid
// without; the other classes default to two years.
func TestDeliveryLogGroupHasNoRetention(t *testing.T) {
	d := LogGroupProps{LogGroupName: "/a", Class: ClassDelivery}
	if err := d.Validate(); err != nil {
		t.Fatalf("a DELIVERY log group without a retention: %v", err)
	}
	if got := d.WithDefaults().RetentionDays; got != 0 {
		t.Errorf("DELIVERY retention defaults to %d, want none", got)
	}
	for _, class := range []string{"", ClassStandard, ClassInfrequentAccess} {
		if got := (LogGroupProps{LogGroupName: "/a", Class: class}).WithDefaults().RetentionDays; got != DefaultRetentionDays {
			t.Errorf("class %q: retention defaults to %d, want %d", class, got, DefaultRetentionDays)
		}
	}
}
