package spec

import (
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
		{"removal policy", "removalPolicy: keep is not allowed", func() error { return (&LogGroupProps{LogGroupName: "/a", RemovalPolicy: "keep"}).Validate() }},
		{"data identifier", "maskedDataIdentifiers[0]: is empty", func() error {
			return (&LogGroupProps{LogGroupName: "/a", MaskedDataIdentifiers: []string{""}}).Validate()
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
		{"evaluation periods", "evaluationPeriods: 101 is out of range", func() error { a := okAlarm(); a.EvaluationPeriods = 101; return a.Validate() }},
		{"datapoints to alarm", "datapointsToAlarm: 3 is out of range; expected 1 to evaluationPeriods (2)", func() error {
			a := okAlarm()
			a.EvaluationPeriods, a.DatapointsToAlarm = 2, 3
			return a.Validate()
		}},
		{"evaluation window at most a day", "at most one day", func() error { a := okAlarm(); a.PeriodSeconds, a.EvaluationPeriods = 3600, 25; return a.Validate() }},
		{"comparison", "comparison: >= is not allowed", func() error { a := okAlarm(); a.Comparison = ">="; return a.Validate() }},
		{"statistic", "statistic: p99 is not allowed", func() error { a := okAlarm(); a.Statistic = "p99"; return a.Validate() }},
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
