package spec

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// props returns the properties of the one resource of type typ in rs.
func props(t *testing.T, rs cfn.Resources, typ string) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, id := range rs.IDs() {
		if rs[id].Type == typ {
			found = append(found, rs[id].Properties)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s, got %d in %v", typ, len(found), rs.IDs())
	}
	return found[0]
}

// must fails the test on a render error.
func must(rs cfn.Resources, err error) func(t *testing.T) cfn.Resources {
	return func(t *testing.T) cfn.Resources {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestLogGroupDefaults(t *testing.T) {
	rs := must(renderLogGroup("orders", LogGroupProps{LogGroupName: "/app/orders"}))(t)
	lg := rs["LogGroupOrders"]
	if lg.Type != "AWS::Logs::LogGroup" {
		t.Fatalf("logical ID LogGroupOrders holds %q; the ID must come from the name", lg.Type)
	}
	if got := lg.Properties["RetentionInDays"]; got != DefaultRetentionDays {
		t.Errorf("retention %v, want the default %d", got, DefaultRetentionDays)
	}
	if got := lg.Properties["LogGroupClass"]; got != "STANDARD" {
		t.Errorf("class %v, want STANDARD", got)
	}
	if lg.DeletionPolicy != cfn.Retain {
		t.Errorf("deletion policy %q, want Retain by default", lg.DeletionPolicy)
	}
	for _, k := range []string{"KmsKeyId", "DataProtectionPolicy", "DeletionProtectionEnabled"} {
		if _, ok := lg.Properties[k]; ok {
			t.Errorf("%s set by default", k)
		}
	}
	if len(rs) != 1 {
		t.Errorf("resources %v, want only the log group", rs.IDs())
	}
}

func TestLogGroupEncryptionKeyIsScopedToCloudWatchLogs(t *testing.T) {
	rs := must(renderLogGroup("orders", LogGroupProps{LogGroupName: "/app/orders", Encrypt: true, RemovalPolicy: Destroy, DeletionProtection: true}))(t)
	key := rs["LogGroupKeyOrders"]
	if key.Properties["EnableKeyRotation"] != true {
		t.Error("key rotation is off")
	}
	policy := jsonOf(key.Properties["KeyPolicy"])
	for _, want := range []string{`logs.${AWS::Region}.amazonaws.com`, `kms:EncryptionContext:aws:logs:arn`, `log-group:/app/orders`, `:root`} {
		if !strings.Contains(policy, want) {
			t.Errorf("key policy lacks %s: %s", want, policy)
		}
	}
	lg := rs["LogGroupOrders"]
	if jsonOf(lg.Properties["KmsKeyId"]) != `{"Fn::GetAtt":["LogGroupKeyOrders","Arn"]}` {
		t.Errorf("KmsKeyId = %s", jsonOf(lg.Properties["KmsKeyId"]))
	}
	if lg.DeletionPolicy != cfn.Delete || key.DeletionPolicy != cfn.Delete {
		t.Error("Destroy must delete the log group and its key")
	}
	if lg.Properties["DeletionProtectionEnabled"] != true {
		t.Error("deletion protection not set")
	}
}

func TestLogGroupDataProtection(t *testing.T) {
	rs := must(renderLogGroup("orders", LogGroupProps{LogGroupName: "/a", MaskedDataIdentifiers: []string{"EmailAddress"}}))(t)
	policy := jsonOf(rs["LogGroupOrders"].Properties["DataProtectionPolicy"])
	for _, want := range []string{`data-identifier/EmailAddress`, `"Deidentify"`, `"Audit"`} {
		if !strings.Contains(policy, want) {
			t.Errorf("data protection policy lacks %s: %s", want, policy)
		}
	}
}

func TestAlertTopicDefaults(t *testing.T) {
	rs := must(renderAlertTopic("Alerts", AlertTopicProps{NamePrefix: "app-prod"}))(t)
	for _, sev := range Severities {
		id := "AlertTopicAlerts" + strings.ToUpper(string(sev[:1])) + string(sev[1:])
		topic, ok := rs[id]
		if !ok {
			t.Fatalf("no topic %s in %v", id, rs.IDs())
		}
		if topic.Properties["TopicName"] != "app-prod-"+string(sev) {
			t.Errorf("topic name %v", topic.Properties["TopicName"])
		}
		if jsonOf(topic.Properties["KmsMasterKeyId"]) != `{"Fn::GetAtt":["AlertKeyAlerts","Arn"]}` {
			t.Errorf("%s is not encrypted with the alert key", id)
		}
		policy := jsonOf(rs[id+"Policy"].Properties["PolicyDocument"])
		if !strings.Contains(policy, `"aws:SecureTransport":"false"`) || !strings.Contains(policy, `"Effect":"Deny"`) {
			t.Errorf("%s policy does not deny plain HTTP: %s", id, policy)
		}
	}
	key := jsonOf(rs["AlertKeyAlerts"].Properties["KeyPolicy"])
	if !strings.Contains(key, `"Service":"cloudwatch.amazonaws.com"`) || !strings.Contains(key, "kms:GenerateDataKey*") {
		t.Errorf("the alert key does not let CloudWatch encrypt notifications: %s", key)
	}
	if rs["AlertKeyAlerts"].Properties["EnableKeyRotation"] != true {
		t.Error("alert key rotation is off")
	}
}

func TestAlertTopicSubscriptions(t *testing.T) {
	rs := must(renderAlertTopic("Alerts", AlertTopicProps{NamePrefix: "app-prod", Subscriptions: map[Severity][]Subscription{
		Critical: {
			{Email: "oncall@example.com"},
			{HTTPS: "https://hooks.example.com/x"},
			{LambdaFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:bot"},
			{Slack: &SlackChannel{WorkspaceID: "T0123ABCD", ChannelID: "C0123ABCD"}},
		},
		Warning: {
			{SQSQueueArn: "arn:aws:sqs:eu-west-1:123456789012:warnings"},
			{Slack: &SlackChannel{WorkspaceID: "T0123ABCD", ChannelID: "C0123ABCD"}},
		},
	}}))(t)
	protocols := map[string]bool{}
	for _, id := range rs.IDs() {
		if rs[id].Type == "AWS::SNS::Subscription" {
			protocols[rs[id].Properties["Protocol"].(string)] = true
		}
	}
	for _, p := range []string{"email", "https", "lambda", "sqs"} {
		if !protocols[p] {
			t.Errorf("no %s subscription", p)
		}
	}
	perm := props(t, rs, "AWS::Lambda::Permission")
	if perm["Principal"] != "sns.amazonaws.com" {
		t.Errorf("lambda permission principal %v", perm["Principal"])
	}
	slack := props(t, rs, "AWS::Chatbot::SlackChannelConfiguration")
	if topics := slack["SnsTopicArns"].([]any); len(topics) != 2 {
		t.Errorf("one Slack channel listed by both severities gets one configuration with 2 topics, got %v", topics)
	}
	role := jsonOf(props(t, rs, "AWS::IAM::Role")["AssumeRolePolicyDocument"])
	if !strings.Contains(role, "chatbot.amazonaws.com") {
		t.Errorf("chatbot role trust: %s", role)
	}
}

func TestEventMetricDefaults(t *testing.T) {
	rs := must(renderEventMetric("orders-failed", EventMetricProps{LogGroupName: "/a", FilterPattern: `{ $.event = "x" }`, Namespace: "n", MetricName: "m"}, nil))(t)
	tr := props(t, rs, "AWS::Logs::MetricFilter")["MetricTransformations"].([]any)[0].(map[string]any)
	if tr["MetricValue"] != "1" || tr["Unit"] != "Count" {
		t.Errorf("value %v unit %v, want 1 and Count", tr["MetricValue"], tr["Unit"])
	}
	if _, ok := tr["DefaultValue"]; ok {
		t.Error("a default value is set by default")
	}
	if _, ok := rs["MetricFilterOrdersFailed"]; !ok {
		t.Errorf("logical ID from the name: got %v", rs.IDs())
	}
}

func TestEventMetricFieldValueAndDimensions(t *testing.T) {
	rs := must(renderEventMetric("e", EventMetricProps{LogGroupName: "/a", FilterPattern: `{ $.event = "x" }`, Namespace: "n", MetricName: "m",
		Value: "$.time", Dimensions: map[string]string{"Queue": "$.queue", "Method": "$.method"}}, nil))(t)
	tr := props(t, rs, "AWS::Logs::MetricFilter")["MetricTransformations"].([]any)[0].(map[string]any)
	if tr["Unit"] != "None" {
		t.Errorf("unit %v, want None for a field value", tr["Unit"])
	}
	if got := jsonOf(tr["Dimensions"]); got != `[{"Key":"Method","Value":"$.method"},{"Key":"Queue","Value":"$.queue"}]` {
		t.Errorf("dimensions %s, want sorted by name", got)
	}
}

func TestEventAlarmDefaults(t *testing.T) {
	metric := EventMetricProps{LogGroupName: "/a", FilterPattern: "x", Namespace: "n", MetricName: "m"}
	rs := must(renderEventAlarm("orders-failed", EventAlarmProps{Metric: metric, AlarmName: "dev-orders-failed", Threshold: 2,
		Actions: BundledTopics("Alerts"), Description: "Failed.", RunbookURL: "https://runbooks/x"}))(t)
	a := props(t, rs, "AWS::CloudWatch::Alarm")
	want := map[string]any{"ComparisonOperator": DefaultComparison, "Statistic": "Sum", "Period": 300, "EvaluationPeriods": 1,
		"DatapointsToAlarm": 1, "TreatMissingData": "notBreaching", "ActionsEnabled": true, "Threshold": 2.0}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("%s = %v, want %v", k, a[k], v)
		}
	}
	if _, tagged := a["Tags"]; tagged {
		t.Error("tags set by default")
	}
	if a["AlarmDescription"] != "Failed. Runbook: https://runbooks/x" {
		t.Errorf("description %q", a["AlarmDescription"])
	}
	if got := jsonOf(a["AlarmActions"]); got != `[{"Ref":"AlertTopicAlertsWarning"}]` || jsonOf(a["OKActions"]) != got {
		t.Errorf("actions %s, want the warning topic for ALARM and OK", got)
	}
	metric.Value = "$.time"
	rs = must(renderEventAlarm("e", EventAlarmProps{Metric: metric, AlarmName: "a", Threshold: 1, Severity: Critical, ActionsDisabled: true}))(t)
	a = props(t, rs, "AWS::CloudWatch::Alarm")
	if a["TreatMissingData"] != "missing" {
		t.Errorf("missing data %v, want missing for a value metric", a["TreatMissingData"])
	}
	if a["ActionsEnabled"] != false {
		t.Error("actions enabled")
	}
	if md := jsonOf(rs["AlarmE"].Metadata); !strings.Contains(md, "CloudWatchAlarmAction") || !strings.Contains(md, "reason") {
		t.Errorf("disabled actions need a cdk-nag suppression with a reason: %s", md)
	}
}

func TestSavedQueryRender(t *testing.T) {
	rs := must(renderSavedQuery("team/slow", SavedQueryProps{Name: "team/slow", QueryString: "fields @message", LogGroupNames: []string{"/a", "/b"}}, nil))(t)
	q := props(t, rs, "AWS::Logs::QueryDefinition")
	if q["Name"] != "team/slow" || jsonOf(q["LogGroupNames"]) != `["/a","/b"]` {
		t.Errorf("query %v", q)
	}
	if _, ok := rs["QueryTeamSlow"]; !ok {
		t.Errorf("logical ID: %v", rs.IDs())
	}
}

func TestBundleRejectsDuplicateLogicalIDs(t *testing.T) {
	b := NewBundle()
	b.AddLogGroup("orders", LogGroupProps{LogGroupName: "/a"})
	b.AddLogGroup("Orders", LogGroupProps{LogGroupName: "/b"})
	if err := b.Err(); err == nil || !strings.Contains(err.Error(), "LogGroupOrders") {
		t.Fatalf("got %v, want the duplicate logical ID named", err)
	}
}
