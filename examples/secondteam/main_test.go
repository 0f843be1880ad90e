package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/kernelhost"
)

// The templates of one synthesis, shared by every test here.
var payments, reports, ledger map[string]any

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		fmt.Println("skipping the second team's app in -short mode (it starts Node.js)")
		return
	}
	kernelhost.Direct()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(tempDir())})
	s := build(app)
	payments = templateOf(s.Payments)
	reports = templateOf(s.Reports)
	ledger = templateOf(s.Ledger)
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// A Lambda function logs to an eventwatch LogGroup, and GrantWrite gives a
// role the right to write to it.
func TestLambdaLogsToEventwatchLogGroupAndGrantWrite(t *testing.T) {
	lg := logicalID(t, payments, "AWS::Logs::LogGroup", "LogGroupName", "/payments/prod/api")
	fn := only(t, payments, "AWS::Lambda::Function", func(p map[string]any) bool { return p["Handler"] == "index.handler" && has(p, "LoggingConfig") })
	if got := jsonOf(fn["LoggingConfig"]); got != fmt.Sprintf(`{"LogGroup":{"Ref":"%s"}}`, lg) {
		t.Errorf("the function's LoggingConfig is %s, want the eventwatch log group %s", got, lg)
	}
	policy := jsonOf(resourcesOf(payments, "AWS::IAM::Policy"))
	for _, want := range []string{`"logs:CreateLogStream"`, `"logs:PutLogEvents"`, `{"Fn::GetAtt":["` + lg + `","Arn"]}`} {
		if !strings.Contains(policy, want) {
			t.Errorf("no IAM policy grants %s: %s", want, policy)
		}
	}
}

// An EventMetric reads a log group that aws-cdk-lib created, by reference.
func TestEventMetricOnAwsCdkLibLogGroup(t *testing.T) {
	audit := logicalID(t, payments, "AWS::Logs::LogGroup", "RetentionInDays", 365.0)
	f := only(t, payments, "AWS::Logs::MetricFilter", func(p map[string]any) bool { return p["FilterPattern"] == `{ $.event = "refund" }` })
	if got := jsonOf(f["LogGroupName"]); got != `{"Ref":"`+audit+`"}` {
		t.Errorf("the filter's LogGroupName is %s, want a Ref to %s", got, audit)
	}
}

// An alarm's action is an existing topic, through aws-cdk-lib's SnsAction;
// another pages through the AlertTopic; both are in an aws-cdk-lib
// composite alarm, and the EventMetric's dimension reaches the alarm.
func TestAlarmActionsAndCompositeAlarm(t *testing.T) {
	spike := only(t, payments, "AWS::CloudWatch::Alarm", func(p map[string]any) bool { return p["AlarmName"] == "payments-prod-refund-spike" })
	if got := jsonOf(spike["AlarmActions"]); got != `["arn:aws:sns:eu-west-1:444444444444:incidents"]` {
		t.Errorf("AlarmActions %s, want the existing topic's ARN", got)
	}
	if got := jsonOf(spike["Dimensions"]); got != `[{"Name":"Currency","Value":"EUR"}]` {
		t.Errorf("Dimensions %s, want Currency=EUR", got)
	}
	critical := logicalID(t, payments, "AWS::SNS::Topic", "TopicName", "payments-prod-critical")
	errs := only(t, payments, "AWS::CloudWatch::Alarm", func(p map[string]any) bool { return p["AlarmName"] == "payments-prod-api-errors" })
	if got := jsonOf(errs["OKActions"]); got != `[{"Ref":"`+critical+`"}]` {
		t.Errorf("OKActions %s, want the critical topic", got)
	}
	composite := only(t, payments, "AWS::CloudWatch::CompositeAlarm", func(map[string]any) bool { return true })
	rule := jsonOf(composite["AlarmRule"])
	for _, name := range []string{"payments-prod-refund-spike", "payments-prod-api-errors"} {
		id := logicalID(t, payments, "AWS::CloudWatch::Alarm", "AlarmName", name)
		if !strings.Contains(rule, `{"Fn::GetAtt":["`+id+`","Arn"]}`) {
			t.Errorf("the composite rule %s does not name the event alarm %s (%s)", rule, name, id)
		}
	}
	if strings.Count(rule, "ALARM(") != 2 {
		t.Errorf("the composite rule %s should be ALARM of each event alarm", rule)
	}
}

// Metric() of an EventMetric is a widget's metric on an aws-cdk-lib dashboard.
func TestMetricOnDashboard(t *testing.T) {
	d := only(t, payments, "AWS::CloudWatch::Dashboard", func(map[string]any) bool { return true })
	body := jsonOf(d["DashboardBody"])
	for _, want := range []string{`\"payments\"`, `\"refunds\"`, `\"Currency\"`, `\"EUR\"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard body lacks %s: %s", want, body)
		}
	}
}

// An aws-cdk-lib queue and function are subscribed to the AlertTopic, and
// GrantPublish includes the topic key.
func TestAwsCdkLibSubscribersAndGrantPublish(t *testing.T) {
	queue := logicalID(t, payments, "AWS::SQS::Queue", "", nil)
	sqs := only(t, payments, "AWS::SNS::Subscription", func(p map[string]any) bool { return p["Protocol"] == "sqs" })
	if got := jsonOf(sqs["Endpoint"]); got != `{"Fn::GetAtt":["`+queue+`","Arn"]}` {
		t.Errorf("sqs endpoint %s, want the queue's ARN", got)
	}
	only(t, payments, "AWS::SNS::Subscription", func(p map[string]any) bool { return p["Protocol"] == "lambda" })
	only(t, payments, "AWS::Lambda::Permission", func(p map[string]any) bool { return p["Principal"] == "sns.amazonaws.com" })
	policy := jsonOf(resourcesOf(payments, "AWS::IAM::Policy"))
	for _, want := range []string{`"sns:Publish"`, `"kms:GenerateDataKey*"`} {
		if !strings.Contains(policy, want) {
			t.Errorf("GrantPublish gives no %s: %s", want, policy)
		}
	}
}

// Tags_Of and a cdk-nag suppression work on an eventwatch construct and
// reach its resources.
func TestTagsAndNagSuppressionOnEventwatchConstruct(t *testing.T) {
	lg := only(t, payments, "AWS::Logs::LogGroup", func(p map[string]any) bool { return p["LogGroupName"] == "/payments/prod/api" })
	if !strings.Contains(jsonOf(lg["Tags"]), `{"Key":"cost-center","Value":"payments"}`) {
		t.Errorf("log group tags %s lack cost-center", jsonOf(lg["Tags"]))
	}
	found := false
	for _, r := range resourcesOf(payments, "AWS::Logs::LogGroup") {
		if strings.Contains(jsonOf(r.(map[string]any)["Metadata"]), "AwsSolutions-XX1") {
			found = true
		}
	}
	if !found {
		t.Error("the cdk-nag suppression did not reach the log group's resource")
	}
}

// The same eventwatch construct in two nested scopes gets two logical IDs;
// RemovalPolicies_Of and AddDependency work on it.
func TestSameConstructInTwoScopes(t *testing.T) {
	ids := map[string]string{}
	for id, r := range payments["Resources"].(map[string]any) {
		for _, team := range []string{"Checkout", "Invoicing"} {
			if strings.HasPrefix(id, team+"Logs") && r.(map[string]any)["Type"] == "AWS::Logs::LogGroup" {
				ids[team] = id
				if p := r.(map[string]any)["DeletionPolicy"]; p != "Delete" {
					t.Errorf("%s: DeletionPolicy %v after RemovalPolicies_Of(...).Destroy, want Delete", id, p)
				}
			}
		}
	}
	if len(ids) != 2 {
		t.Fatalf("log groups from the two nested scopes: %v, want 2", ids)
	}
	invoicing := payments["Resources"].(map[string]any)[ids["Invoicing"]].(map[string]any)
	if !strings.Contains(jsonOf(invoicing["DependsOn"]), ids["Checkout"]) {
		t.Errorf("%s DependsOn %v, want %s after AddDependency", ids["Invoicing"], invoicing["DependsOn"], ids["Checkout"])
	}
}

// A metric in another stack reads the eventwatch log group through an
// export, and that stack depends on the log group's.
func TestLogGroupAcrossStacks(t *testing.T) {
	f := only(t, reports, "AWS::Logs::MetricFilter", func(map[string]any) bool { return true })
	if !strings.Contains(jsonOf(f["LogGroupName"]), "Fn::ImportValue") {
		t.Errorf("LogGroupName %s, want an Fn::ImportValue of the Payments stack's export", jsonOf(f["LogGroupName"]))
	}
	if len(payments["Outputs"].(map[string]any)) == 0 {
		t.Error("the Payments stack exports nothing")
	}
}

// A whole service from the Service construct: its log group (which the
// team's function logs to), the metric filter on it, the alarm paging the
// team's own on-call topic, the silence alarm notifying its inbox, and the
// dashboard, all tagged with the service.
func TestWholeServiceConstruct(t *testing.T) {
	lg := logicalID(t, ledger, "AWS::Logs::LogGroup", "LogGroupName", "/ledger/prod/api")
	fn := only(t, ledger, "AWS::Lambda::Function", func(p map[string]any) bool { return has(p, "LoggingConfig") })
	if got := jsonOf(fn["LoggingConfig"]); got != fmt.Sprintf(`{"LogGroup":{"Ref":"%s"}}`, lg) {
		t.Errorf("the function's LoggingConfig is %s, want the service's log group %s", got, lg)
	}
	f := only(t, ledger, "AWS::Logs::MetricFilter", func(map[string]any) bool { return true })
	if jsonOf(f["LogGroupName"]) != `{"Ref":"`+lg+`"}` || f["FilterPattern"] != `{ $.event = "posting" && $.ok IS FALSE }` {
		t.Errorf("metric filter %s", jsonOf(f))
	}
	topics := resourcesOf(ledger, "AWS::SNS::Topic")
	var onCallID, inboxID string
	for id := range topics {
		switch {
		case strings.HasPrefix(id, "OnCall"):
			onCallID = id
		case strings.HasPrefix(id, "TeamInbox"):
			inboxID = id
		}
	}
	failed := only(t, ledger, "AWS::CloudWatch::Alarm", func(p map[string]any) bool { return p["AlarmName"] == "ledger-prod-posting-failed" })
	if got := jsonOf(failed["AlarmActions"]); got != `[{"Ref":"`+onCallID+`"}]` {
		t.Errorf("the posting alarm's actions %s, want the team's on-call topic %s", got, onCallID)
	}
	silence := only(t, ledger, "AWS::CloudWatch::Alarm", func(p map[string]any) bool { return p["AlarmName"] == "ledger-prod-silence" })
	if got := jsonOf(silence["AlarmActions"]); got != `[{"Ref":"`+inboxID+`"}]` {
		t.Errorf("the silence alarm's actions %s, want the team's inbox %s", got, inboxID)
	}
	d := only(t, ledger, "AWS::CloudWatch::Dashboard", func(p map[string]any) bool { return p["DashboardName"] == "ledger-prod" })
	if !strings.Contains(jsonOf(d["DashboardBody"]), "ledger-prod-posting-failed") {
		t.Error("the service's dashboard does not show its alarm")
	}
	if !strings.Contains(jsonOf(resourcesOf(ledger, "AWS::Logs::LogGroup")), `{"Key":"service","Value":"ledger"}`) {
		t.Error("the service's tags did not reach its log group")
	}
}

// templateOf is a stack's synthesized template.
func templateOf(stack awscdk.Stack) map[string]any {
	return *assertions.Template_FromStack(stack, &assertions.TemplateParsingOptions{SkipCyclicalDependenciesCheck: jsii.Bool(true)}).ToJSON()
}

// resourcesOf maps the logical IDs of a template's resources of a type to their Properties.
func resourcesOf(tmpl map[string]any, typ string) map[string]any {
	out := map[string]any{}
	for id, r := range tmpl["Resources"].(map[string]any) {
		if r.(map[string]any)["Type"] == typ {
			props, _ := r.(map[string]any)["Properties"].(map[string]any)
			if props == nil {
				props = map[string]any{}
			}
			props["Metadata"] = r.(map[string]any)["Metadata"]
			out[id] = props
		}
	}
	return out
}

// only is the one resource of a type whose properties match.
func only(t *testing.T, tmpl map[string]any, typ string, match func(map[string]any) bool) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, p := range resourcesOf(tmpl, typ) {
		if match(p.(map[string]any)) {
			found = append(found, p.(map[string]any))
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s resources match, want 1", len(found), typ)
	}
	return found[0]
}

// logicalID is the ID of the one resource of a type whose property prop is
// value (any resource of the type when prop is empty).
func logicalID(t *testing.T, tmpl map[string]any, typ, prop string, value any) string {
	t.Helper()
	var ids []string
	for id, p := range resourcesOf(tmpl, typ) {
		if prop == "" || p.(map[string]any)[prop] == value {
			ids = append(ids, id)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("%d %s resources with %s = %v, want 1", len(ids), typ, prop, value)
	}
	return ids[0]
}

func has(m map[string]any, k string) bool { _, ok := m[k]; return ok }

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func tempDir() string {
	dir, err := os.MkdirTemp("", "secondteam-*")
	if err != nil {
		panic(err)
	}
	return dir
}
