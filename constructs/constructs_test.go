package constructs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// resources synthesizes stack and returns its resources of type typ
// (logical ID → the resource: Type, Properties, DeletionPolicy, ...).
func resources(t *testing.T, stack awscdk.Stack, typ string) map[string]map[string]any {
	t.Helper()
	tmpl := assertions.Template_FromStack(stack, nil).ToJSON()
	out := map[string]map[string]any{}
	for id, r := range (*tmpl)["Resources"].(map[string]any) {
		if r := r.(map[string]any); r["Type"] == typ {
			out[id] = r
		}
	}
	return out
}

// one is the only resource of type typ, or fails the test.
func one(t *testing.T, stack awscdk.Stack, typ string) map[string]any {
	t.Helper()
	rs := resources(t, stack, typ)
	if len(rs) != 1 {
		t.Fatalf("%d %s resources, want 1", len(rs), typ)
	}
	for _, r := range rs {
		return r
	}
	return nil
}

func props(r map[string]any) map[string]any {
	p, _ := r["Properties"].(map[string]any)
	return p
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestLogGroupDefaults(t *testing.T) {
	stack := newStack()
	constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/app/orders")})
	lg := one(t, stack, "AWS::Logs::LogGroup")
	p := props(lg)
	if p["RetentionInDays"] != 731.0 {
		t.Errorf("retention %v, want the default 731 days", p["RetentionInDays"])
	}
	if lg["DeletionPolicy"] != "Retain" || lg["UpdateReplacePolicy"] != "Retain" {
		t.Errorf("policies %v/%v, want Retain by default", lg["DeletionPolicy"], lg["UpdateReplacePolicy"])
	}
	for _, k := range []string{"KmsKeyId", "DataProtectionPolicy", "DeletionProtectionEnabled"} {
		if _, ok := p[k]; ok {
			t.Errorf("%s set by default", k)
		}
	}
	if n := len(resources(t, stack, "AWS::KMS::Key")); n != 0 {
		t.Errorf("%d keys by default, want none", n)
	}
}

func TestLogGroupEncryptionKeyIsScopedToItsLogGroup(t *testing.T) {
	stack := newStack()
	constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{
		LogGroupName: jsii.String("/app/orders"), Encrypt: jsii.Bool(true),
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY, DeletionProtection: jsii.Bool(true),
	})
	key := one(t, stack, "AWS::KMS::Key")
	policy := jsonOf(props(key)["KeyPolicy"])
	for _, want := range []string{`"logs.",{"Ref":"AWS::Region"},".amazonaws.com"`, `kms:EncryptionContext:aws:logs:arn`, `:log-group:/app/orders`, `:root`} {
		if !strings.Contains(policy, want) {
			t.Errorf("key policy lacks %s: %s", want, policy)
		}
	}
	if props(key)["EnableKeyRotation"] != true {
		t.Error("key rotation is off")
	}
	lg := one(t, stack, "AWS::Logs::LogGroup")
	if !strings.Contains(jsonOf(props(lg)["KmsKeyId"]), `"Fn::GetAtt"`) {
		t.Errorf("KmsKeyId = %s, want the key's ARN", jsonOf(props(lg)["KmsKeyId"]))
	}
	if lg["DeletionPolicy"] != "Delete" || key["DeletionPolicy"] != "Delete" {
		t.Error("RemovalPolicy_DESTROY must delete the log group and its key")
	}
	if props(lg)["DeletionProtectionEnabled"] != true {
		t.Error("deletion protection not set")
	}
}

func TestLogGroupDataProtection(t *testing.T) {
	stack := newStack()
	constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/a"), MaskedDataIdentifiers: jsii.Strings("EmailAddress")})
	policy := jsonOf(props(one(t, stack, "AWS::Logs::LogGroup"))["DataProtectionPolicy"])
	for _, want := range []string{`data-identifier/EmailAddress`, `"Deidentify"`, `"Audit"`, `eventwatch-data-protection`} {
		if !strings.Contains(policy, want) {
			t.Errorf("data protection policy lacks %s: %s", want, policy)
		}
	}
}

// A token passes validation where a value is needed, and reaches the template.
func TestLogGroupNameMayBeAToken(t *testing.T) {
	stack := newStack()
	name := awscdk.NewCfnParameter(stack, jsii.String("Name"), nil).ValueAsString()
	constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: name})
	if got := jsonOf(props(one(t, stack, "AWS::Logs::LogGroup"))["LogGroupName"]); got != `{"Ref":"Name"}` {
		t.Errorf("LogGroupName = %s, want the parameter", got)
	}
}

func TestAlertTopicIsEncryptedTLSOnlyAndOpenToCloudWatch(t *testing.T) {
	stack := newStack()
	constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{NamePrefix: jsii.String("app-dev")})
	topics := resources(t, stack, "AWS::SNS::Topic")
	if len(topics) != 2 {
		t.Fatalf("%d topics, want one per severity", len(topics))
	}
	names := map[string]bool{}
	for _, r := range topics {
		names[props(r)["TopicName"].(string)] = true
		if !strings.Contains(jsonOf(props(r)["KmsMasterKeyId"]), "Fn::GetAtt") {
			t.Errorf("topic %v is not encrypted with the key", props(r)["TopicName"])
		}
	}
	if !names["app-dev-critical"] || !names["app-dev-warning"] {
		t.Errorf("topic names %v", names)
	}
	for _, p := range resources(t, stack, "AWS::SNS::TopicPolicy") {
		policy := jsonOf(props(p)["PolicyDocument"])
		for _, want := range []string{`"aws:SecureTransport":"false"`, `"Effect":"Deny"`, `"cloudwatch.amazonaws.com"`, `"aws:SourceAccount"`} {
			if !strings.Contains(policy, want) {
				t.Errorf("topic policy lacks %s: %s", want, policy)
			}
		}
	}
	key := jsonOf(props(one(t, stack, "AWS::KMS::Key"))["KeyPolicy"])
	if !strings.Contains(key, `"cloudwatch.amazonaws.com"`) || !strings.Contains(key, `"kms:GenerateDataKey*"`) {
		t.Errorf("the topic key does not let CloudWatch publish: %s", key)
	}
}

func TestAlertTopicSubscriptions(t *testing.T) {
	stack := newStack()
	queue := awssqs.NewQueue(stack, jsii.String("Queue"), nil)
	constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{
		NamePrefix: jsii.String("app-prod"),
		Subscriptions: map[constructs.Severity][]constructs.Subscription{
			constructs.Critical: {
				{Email: "oncall@example.com"},
				{HTTPS: "https://events.example.com/hook"},
				{LambdaFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:bot"},
				{Slack: &constructs.SlackChannel{WorkspaceID: "T0123ABCD", ChannelID: "C0ONCALL1"}},
			},
			constructs.Warning: {
				{SQSQueueArn: *queue.QueueArn()},
				{Slack: &constructs.SlackChannel{WorkspaceID: "T0123ABCD", ChannelID: "C0ONCALL1"}},
			},
		},
	})
	protocols := map[string]int{}
	for _, s := range resources(t, stack, "AWS::SNS::Subscription") {
		protocols[props(s)["Protocol"].(string)]++
	}
	if jsonOf(protocols) != `{"email":1,"https":1,"lambda":1,"sqs":1}` {
		t.Errorf("subscriptions by protocol %v", protocols)
	}
	if p := props(one(t, stack, "AWS::Lambda::Permission")); p["Principal"] != "sns.amazonaws.com" {
		t.Errorf("lambda permission %v", p)
	}
	slack := props(one(t, stack, "AWS::Chatbot::SlackChannelConfiguration"))
	if n := len(slack["SnsTopicArns"].([]any)); n != 2 {
		t.Errorf("the Slack channel listed under both severities gets %d topics, want 2", n)
	}
	if slack["LoggingLevel"] != "ERROR" {
		t.Errorf("Slack logging level %v", slack["LoggingLevel"])
	}
	role := one(t, stack, "AWS::IAM::Role")
	policies := managedPolicies(t, stack, role)
	if len(policies) != 1 || !strings.Contains(jsonOf(policies[0]["Metadata"]), "AwsSolutions-IAM5") {
		t.Errorf("the Chatbot role's managed policy carries no reasoned IAM5 suppression: %s", jsonOf(policies))
	}
}

func TestEventMetricDefaults(t *testing.T) {
	for _, c := range []struct{ value, unit, wantValue, wantUnit string }{
		{"", "", "1", "Count"},
		{"$.time", "", "$.time", "None"},
		{"$.time", "Seconds", "$.time", "Seconds"},
	} {
		stack := newStack()
		p := &constructs.EventMetricProps{
			LogGroupName: jsii.String("/a"), FilterPattern: jsii.String(`{ $.event = "x" && $.time = * }`),
			MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
		}
		if c.value != "" {
			p.MetricValue = jsii.String(c.value)
		}
		if c.unit != "" {
			p.Unit = constructs.Unit(c.unit)
		}
		constructs.NewEventMetric(stack, "M", p)
		tr := props(one(t, stack, "AWS::Logs::MetricFilter"))["MetricTransformations"].([]any)[0].(map[string]any)
		if tr["MetricValue"] != c.wantValue || tr["Unit"] != c.wantUnit {
			t.Errorf("value %q unit %q: got %v %v, want %s %s", c.value, c.unit, tr["MetricValue"], tr["Unit"], c.wantValue, c.wantUnit)
		}
	}
}

// A metric with dimensions publishes only dimensioned data: Metric needs a
// value for each, and keeps them.
func TestEventMetricKeepsDimensions(t *testing.T) {
	stack := newStack()
	m := constructs.NewEventMetric(stack, "M", &constructs.EventMetricProps{
		LogGroupName: jsii.String("/a"), FilterPattern: jsii.String(`{ $.event = "x" }`),
		MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
		Dimensions: &map[string]*string{"Method": jsii.String("$.method")},
	})
	if err := m.CheckDimensionValues(nil); err == nil || !strings.Contains(err.Error(), `has the dimension "Method"`) {
		t.Errorf("no dimension values: %v", err)
	}
	cfg := m.Metric(&awscloudwatch.MetricOptions{DimensionsMap: &map[string]*string{"Method": jsii.String("POST")}}).ToMetricConfig()
	if dims := jsonOf(cfg.MetricStat.Dimensions); !strings.Contains(dims, `"POST"`) {
		t.Errorf("dimensions %s, want Method=POST", dims)
	}
}

func TestEventAlarmDefaultsAndActions(t *testing.T) {
	stack := newStack()
	alerts := constructs.NewAlertTopic(stack, "Alerts", &constructs.AlertTopicProps{NamePrefix: jsii.String("app")})
	m := constructs.NewEventMetric(stack, "M", &constructs.EventMetricProps{
		LogGroupName: jsii.String("/a"), FilterPattern: jsii.String("ERROR"),
		MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
	})
	constructs.NewEventAlarm(stack, "A", &constructs.EventAlarmProps{
		Metric: m.Metric(nil), AlarmName: jsii.String("a"), Threshold: jsii.Number(2),
		AlarmDescription: jsii.String("Failed."), RunbookUrl: jsii.String("https://runbooks/x"),
		Actions: &[]awscloudwatch.IAlarmAction{alerts.AlarmAction(constructs.Warning)},
	})
	p := props(one(t, stack, "AWS::CloudWatch::Alarm"))
	want := map[string]any{"ComparisonOperator": "GreaterThanOrEqualToThreshold", "Statistic": "Sum", "Period": 300.0,
		"EvaluationPeriods": 1.0, "DatapointsToAlarm": 1.0, "TreatMissingData": "notBreaching", "ActionsEnabled": true,
		"Threshold": 2.0, "AlarmDescription": "Failed. First step: follow the runbook https://runbooks/x"}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	if a, ok := jsonOf(p["AlarmActions"]), jsonOf(p["OKActions"]); a != ok || !strings.Contains(a, `"Ref"`) {
		t.Errorf("AlarmActions %s and OKActions %s, want the warning topic for both", a, ok)
	}
}

// On a metric eventwatch knows nothing of, the alarm's own rules still apply.
func TestEventAlarmOnAnyMetric(t *testing.T) {
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("AWS/SQS"), MetricName: jsii.String("ApproximateAgeOfOldestMessage")})
	ok := &constructs.EventAlarmProps{Metric: metric, AlarmName: jsii.String("age"), Threshold: jsii.Number(600)}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid alarm on an aws-cdk-lib metric: %v", err)
	}
	bad := *ok
	bad.EvaluationPeriods = jsii.Number(8641)
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "evaluationPeriods: 8641 is out of range") {
		t.Errorf("got %v, want the evaluation period limit", err)
	}
	stack := newStack()
	constructs.NewEventAlarm(stack, "Age", ok)
	if p := props(one(t, stack, "AWS::CloudWatch::Alarm")); p["TreatMissingData"] != "missing" {
		t.Errorf("TreatMissingData %v on a foreign metric, want missing", p["TreatMissingData"])
	}
}

func TestSavedQueryLanguageAndLogGroups(t *testing.T) {
	stack := newStack()
	lg := awslogs.NewLogGroup(stack, jsii.String("Logs"), nil)
	constructs.NewSavedQuery(stack, "Q", &constructs.SavedQueryProps{
		QueryDefinitionName: jsii.String("team/errors"), QueryString: jsii.String("fields @message"),
		LogGroups: &[]awslogs.ILogGroup{lg}, LogGroupNames: jsii.Strings("/other/app"),
	})
	p := props(one(t, stack, "AWS::Logs::QueryDefinition"))
	if got := jsonOf(p["LogGroupNames"]); !strings.Contains(got, `{"Ref":`) || !strings.Contains(got, `"/other/app"`) {
		t.Errorf("LogGroupNames %s, want the log group by reference and the name", got)
	}
	if _, ok := p["QueryLanguage"]; ok {
		t.Errorf("QueryLanguage %v set for a Logs Insights query, want CloudFormation's default", p["QueryLanguage"])
	}
}

// Invalid props panic with the construct path and the rule, as
// aws-cdk-lib's constructors throw; Validate returns the same error.
func TestInvalidPropsPanicWithTheRule(t *testing.T) {
	p := &constructs.EventMetricProps{LogGroupName: jsii.String("/a"), FilterPattern: jsii.String(`{ $.event = }`),
		MetricNamespace: jsii.String("n"), MetricName: jsii.String("m")}
	err := p.Validate()
	if err == nil || !strings.HasPrefix(err.Error(), "pattern:") {
		t.Fatalf("Validate: %v", err)
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "eventwatch: Example/Broken: "+err.Error()) {
			t.Errorf("panic %v, want the path and %v", r, err)
		}
	}()
	constructs.NewEventMetric(newStack(), "Broken", p)
}
