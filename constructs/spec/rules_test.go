package spec

import (
	"math"
	"strings"
	"testing"
)

// One case per rule added for issue 8: the props, and a substring of the
// error naming the rule and the value. Each case changes one thing of a
// valid base, so it fails for its own rule.
func TestRules(t *testing.T) {
	lg := func(f func(*LogGroupProps)) func() error {
		return func() error { p := LogGroupProps{LogGroupName: "/app/orders"}; f(&p); return p.Validate() }
	}
	topic := func(f func(*AlertTopicProps)) func() error {
		return func() error { p := AlertTopicProps{NamePrefix: "app-dev"}; f(&p); return p.Validate() }
	}
	metric := func(f func(*EventMetricProps)) func() error {
		return func() error {
			p := EventMetricProps{LogGroupName: "/a", FilterPattern: `{ $.event = "x" }`, Namespace: "n", MetricName: "m"}
			f(&p)
			return p.Validate()
		}
	}
	alarm := func(f func(*EventAlarmProps)) func() error {
		return func() error {
			p := EventAlarmProps{Metric: EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}, AlarmName: "a", Threshold: 1}
			f(&p)
			return p.Validate()
		}
	}
	query := func(f func(*SavedQueryProps)) func() error {
		return func() error {
			p := SavedQueryProps{Name: "team/q", QueryString: "fields @message"}
			f(&p)
			return p.Validate()
		}
	}
	email := func(addr string) func(*AlertTopicProps) {
		return func(p *AlertTopicProps) { p.Subscriptions = map[Severity][]Subscription{Critical: {{Email: addr}}} }
	}
	nan := math.NaN()
	cases := []struct {
		name, want string
		validate   func() error
	}{
		{"unknown data identifier", `"EmailAdress" is not a CloudWatch Logs managed data identifier; did you mean EmailAddress?`,
			lg(func(p *LogGroupProps) { p.MaskedDataIdentifiers = []string{"EmailAdress"} })},
		{"data identifier without its country", `"Ssn" is not a CloudWatch Logs managed data identifier`,
			lg(func(p *LogGroupProps) { p.MaskedDataIdentifiers = []string{"Ssn"} })},
		{"data protection on infrequent access", "the INFREQUENT_ACCESS log group class does not support",
			lg(func(p *LogGroupProps) {
				p.Class, p.MaskedDataIdentifiers = ClassInfrequentAccess, []string{"EmailAddress"}
			})},
		{"log group name counted in characters, cut when echoed", "(600 characters) is 600 characters",
			lg(func(p *LogGroupProps) { p.LogGroupName = strings.Repeat("a", 600) })},
		{"tag key characters", `tag key "team!" contains '!'`, lg(func(p *LogGroupProps) { p.Tags = map[string]string{"team!": "x"} })},
		{"tag value characters", `contains '<'`, lg(func(p *LogGroupProps) { p.Tags = map[string]string{"owner": "<script>"} })},
		{"aws: prefix in any case", "the aws: prefix is reserved", lg(func(p *LogGroupProps) { p.Tags = map[string]string{"AWS:x": "y"} })},
		{"tag value counted in characters", "value is 257 characters", lg(func(p *LogGroupProps) { p.Tags = map[string]string{"o": strings.Repeat("é", 257)} })},

		{"topic name characters", "SNS allows only letters, digits, '_' and '-'", topic(func(p *AlertTopicProps) { p.NamePrefix = "app.dev" })},
		{"e-mail without a dot in the domain", "the domain needs a dot", topic(email("oncall@localhost"))},
		{"e-mail with a display name", "' ' is not allowed before the '@'", topic(email("Ops <ops@example.com>"))},
		{"e-mail list", "'@' is not allowed before the '@'", topic(email("a@example.com,b@example.com"))},
		{"e-mail with a double dot", "may not start or end with '.' or hold '..'", topic(email("a..b@example.com"))},
		{"e-mail with a bad domain label", "must be 1 to 63 letters", topic(email("a@-example.com"))},
		{"e-mail with a numeric top-level domain", `the top-level domain "123" must be letters`, topic(email("a@example.123"))},
		{"e-mail too long", "at most 254 are allowed", topic(email(strings.Repeat("a", 60) + "@" + strings.Repeat("b", 200) + ".com"))},
		{"duplicate e-mail differing in case", `subscriptions.critical[1]: "OnCall@Example.com" repeats subscriptions.critical[0]`, topic(func(p *AlertTopicProps) {
			p.Subscriptions = map[Severity][]Subscription{Critical: {{Email: "oncall@example.com"}, {Email: "OnCall@Example.com"}}}
		})},
		{"queue in a region that does not exist", `names the region "eu-wset-1"`, topic(func(p *AlertTopicProps) {
			p.Subscriptions = map[Severity][]Subscription{Warning: {{SQSQueueArn: "arn:aws:sqs:eu-wset-1:123456789012:q"}}}
		})},
		{"function in another partition", "names the region cn-north-1 of partition aws-cn, but the ARN's partition is \"aws\"", topic(func(p *AlertTopicProps) {
			p.Subscriptions = map[Severity][]Subscription{Warning: {{LambdaFunctionArn: "arn:aws:lambda:cn-north-1:123456789012:function:f"}}}
		})},
		{"duplicate webhook", "repeats subscriptions.warning[0]", topic(func(p *AlertTopicProps) {
			p.Subscriptions = map[Severity][]Subscription{Warning: {{HTTPS: "https://x.example.com"}, {HTTPS: "https://x.example.com"}}}
		})},

		{"pattern length in characters", "is 1025 characters", metric(func(p *EventMetricProps) { p.FilterPattern = strings.Repeat("é", 1025) })},
		{"default value NaN", "defaultValue: NaN is not a metric value", metric(func(p *EventMetricProps) { p.DefaultValue = &nan })},

		{"period over a day before multiplying", "period: 9223372036854775800s is longer than a day", alarm(func(p *EventAlarmProps) { p.PeriodSeconds = 9223372036854775800 })},
		{"threshold beyond 2^360", "threshold: 1e+200 is out of range", alarm(func(p *EventAlarmProps) { p.Threshold = 1e200 })},
		{"alarm name control character", `contains the control character '\n'`, alarm(func(p *EventAlarmProps) { p.AlarmName = "a\nb" })},
		{"alarm name in characters", "is 256 characters", alarm(func(p *EventAlarmProps) { p.AlarmName = strings.Repeat("é", 256) })},

		{"query name with ':'", `contains ':' or '*'`, query(func(p *SavedQueryProps) { p.Name = "team:slow" })},
		{"query name starting with '/'", "must not start or end with '/'", query(func(p *SavedQueryProps) { p.Name = "/team/slow" })},
		{"query name with '//'", "must not start or end with '/' or hold '//'", query(func(p *SavedQueryProps) { p.Name = "team//slow" })},

		{"stack name pattern", "CloudFormation allows a letter, then letters, digits and '-'", func() error { return CheckStackName("stack", "app_dev") }},
		{"stack name length", "CloudFormation allows 1 to 128", func() error { return CheckStackName("stack", "a"+strings.Repeat("-b", 64)) }},
		{"logical ID length", "of 256 characters; CloudFormation allows at most 255", func() error { return CheckLogicalID("name", "Query", strings.Repeat("q", 251)) }},
		{"unknown region", `"eu-wset-1" is not an AWS region eventwatch knows; expected one of eu-west-1, eu-west-2, eu-west-3`, func() error { return CheckRegion("region", "eu-wset-1") }},
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

// What the rules accept, with the documentation that says so.
func TestRulesAccept(t *testing.T) {
	for name, err := range map[string]error{
		// Managed data identifiers, global and country-specific (CWL-managed-data-identifiers.html).
		"data identifiers": (&LogGroupProps{LogGroupName: "/a", MaskedDataIdentifiers: []string{"EmailAddress", "Ssn-US", "DriversLicense-GB", "HealthInsuranceCardNumber-EU"}}).Validate(),
		// Tags: letters in any script, spaces and + - = . _ : / @ (tagging.html).
		"tags": (&LogGroupProps{LogGroupName: "/a", Tags: map[string]string{"team name": "Équipe + ops@x.com:/a=b_c.d-e"}}).Validate(),
		// Infrequent Access without data protection is fine.
		"infrequent access": (&LogGroupProps{LogGroupName: "/a", Class: ClassInfrequentAccess}).Validate(),
		// E-mail local parts may hold + and other atext (RFC 5322).
		"e-mail": (&AlertTopicProps{NamePrefix: "app-dev", Subscriptions: map[Severity][]Subscription{Critical: {{Email: "on.call+alerts@mail.example.co.uk"}}, Warning: {{Email: "on.call+alerts@mail.example.co.uk"}}}}).Validate(),
		// Query definition folders (AWS::Logs::QueryDefinition Name).
		"query folders": (&SavedQueryProps{Name: "team/sub/slow-requests", QueryString: "fields @message"}).Validate(),
		// 1024 characters of pattern even when they are 2048 bytes.
		"pattern in characters":       (&EventMetricProps{LogGroupName: "/a", FilterPattern: strings.Repeat("é", 1024), Namespace: "n", MetricName: "m"}).Validate(),
		"region of another partition": CheckRegion("region", "cn-north-1"),
		"stack name":                  CheckStackName("stack", "eventwatch-prod-payments"),
	} {
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Every partition lists regions once, and each is found.
func TestPartitions(t *testing.T) {
	seen := map[string]string{}
	for p, regions := range Partitions {
		for _, r := range regions {
			if other, dup := seen[r]; dup {
				t.Errorf("%s is in %s and %s", r, other, p)
			}
			seen[r] = p
			if PartitionOf(r) != p {
				t.Errorf("PartitionOf(%s) = %s, want %s", r, PartitionOf(r), p)
			}
		}
	}
}
