package cfn

import "testing"

// One case per row of the labels table, and per way a name resolves or
// does not.
func TestLabel(t *testing.T) {
	// Resources the cases refer to.
	const others = `"LogGroupOrders": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/orders"}},
		"LogGroupJoined": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Join": ["/", ["", "app", "joined"]]}}},
		"LogGroupUnnamed": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
		"TopicCritical": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "app-critical"}},
		"Loop": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Ref": "Loop"}}}`
	cases := []struct {
		typ, props string
		want       string // "": no name
	}{
		{"AWS::CloudWatch::Alarm", `{"AlarmName": "prod-orders-critical-failed"}`, "prod-orders-critical-failed"},
		{"AWS::CloudWatch::CompositeAlarm", `{"AlarmName": "prod-orders-critical-service"}`, "prod-orders-critical-service"},
		{"AWS::CloudWatch::LogAlarm", `{"AlarmName": "prod-orders-warning-slow"}`, "prod-orders-warning-slow"},
		{"AWS::CloudWatch::Dashboard", `{"DashboardName": "app-prod-orders"}`, "app-prod-orders"},
		{"AWS::Logs::LogGroup", `{"LogGroupName": "/app/orders"}`, "/app/orders"},
		{"AWS::Logs::QueryDefinition", `{"Name": "team/slow"}`, "team/slow"},
		{"AWS::Logs::MetricFilter", `{"FilterName": "f", "MetricTransformations": [{"MetricNamespace": "app/orders", "MetricName": "failed"}]}`, "app/orders/failed"},
		{"AWS::Logs::MetricFilter", `{"FilterName": "failed-filter"}`, "failed-filter"},
		{"AWS::Logs::SubscriptionFilter", `{"FilterName": "to-firehose"}`, "to-firehose"},
		{"AWS::SNS::Topic", `{"TopicName": "app-critical", "DisplayName": "critical"}`, "app-critical"},
		{"AWS::SNS::Topic", `{"DisplayName": "critical"}`, "critical"},
		{"AWS::SNS::Subscription", `{"Protocol": "email", "Endpoint": "oncall@example.com"}`, "email oncall@example.com"},
		{"AWS::SQS::Queue", `{"QueueName": "app-dead-letters"}`, "app-dead-letters"},
		{"AWS::SQS::Queue", `{"MessageRetentionPeriod": 60}`, ""},
		{"AWS::IAM::Role", `{"RoleName": "app-deploy", "Description": "deploys"}`, "app-deploy"},
		{"AWS::IAM::Role", `{"Description": "deploys the app"}`, "deploys the app"},
		{"AWS::KMS::Key", `{"Description": "encrypts /app/orders"}`, "encrypts /app/orders"},
		{"AWS::Chatbot::SlackChannelConfiguration", `{"ConfigurationName": "app-oncall"}`, "app-oncall"},
		{"AWS::Lambda::Permission", `{"FunctionName": "incident-bot"}`, "incident-bot"},
		{"AWS::SNS::TopicPolicy", `{"Topics": ["x"]}`, ""},

		// Resolving intrinsics.
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Fn::Join": ["-", ["prod", "orders", 1]]}}`, "prod-orders-1"},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Fn::Join": ["", [{"Ref": "LogGroupOrders"}, "-stale"]]}}`, "/app/orders-stale"},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Ref": "LogGroupJoined"}}`, "/app/joined"},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Fn::Sub": "literal-name"}}`, "literal-name"},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Fn::Sub": "${AWS::StackName}-failed"}}`, ""},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "failed"]]}}`, ""},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Ref": "TopicCritical"}}`, ""},   // a topic's Ref is its ARN
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Ref": "LogGroupUnnamed"}}`, ""}, // named by CloudFormation
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Ref": "Loop"}}`, ""},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": {"Fn::GetAtt": ["LogGroupOrders", "Arn"]}}`, ""},
		{"AWS::CloudWatch::Alarm", `{"AlarmName": ""}`, ""},
		{"AWS::Logs::MetricFilter", `{"MetricTransformations": [{"MetricNamespace": {"Ref": "AWS::StackName"}, "MetricName": "failed"}]}`, ""},
		{"AWS::IAM::Role", `{"RoleName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "ci"]]}, "Description": "runs CI"}`, "runs CI"},
	}
	for _, c := range cases {
		tmpl, err := parseTemplate([]byte(`{"Resources": {` + others + `, "R": {"Type": "` + c.typ + `", "Properties": ` + c.props + `}}}`))
		if err != nil {
			t.Fatalf("%s %s: %v", c.typ, c.props, err)
		}
		if got := tmpl.label(tmpl.resources["R"]); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.typ, c.props, got, c.want)
		}
	}
}

// The diff names a resource by its synthesized name, both names when it
// changes, and the baseline's for a removed one; names with spaces are
// quoted.
func TestDiffTemplatesNames(t *testing.T) {
	old := []byte(`{"Resources": {
		"A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "prod-a", "Threshold": 1}},
		"B": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "prod-b"}},
		"R": {"Type": "AWS::IAM::Role", "Properties": {"Description": "reads (only)"}},
		"Q": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "prod-q"}}}}`)
	next := []byte(`{"Resources": {
		"A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "prod-a", "Threshold": 2}},
		"B": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "prod-b2"}},
		"R": {"Type": "AWS::IAM::Role", "Properties": {"Description": "reads and writes"}},
		"N": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"AlarmName": "prod-n"}}}}`)
	d, err := DiffTemplates("app-prod", old, next)
	if err != nil {
		t.Fatal(err)
	}
	want := `app-prod
  ~ A (AWS::CloudWatch::Alarm prod-a) modified: Properties.Threshold
  ! B (AWS::CloudWatch::Alarm prod-b → prod-b2) replaced: AlarmName forces a replacement; changed: Properties.AlarmName
  + N (AWS::CloudWatch::Alarm prod-n) added
  - Q (AWS::CloudWatch::Alarm prod-q) removed
  ~ R (AWS::IAM::Role "reads (only)" → "reads and writes") modified: Properties.Description
`
	if got := d.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
