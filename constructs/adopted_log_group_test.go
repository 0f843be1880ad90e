package constructs_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

func ExampleAdoptLogGroup() {
	stack := newStack()
	orders := constructs.AdoptLogGroup(stack, "Orders", &constructs.AdoptLogGroupProps{
		LogGroupName: jsii.String("/aws/lambda/orders"),
		Retention:    awslogs.RetentionDays_THREE_MONTHS,
	})
	constructs.NewEventMetric(stack, "Failures", &constructs.EventMetricProps{
		LogGroup: orders.LogGroup(), FilterPattern: jsii.String(`{ $.event = "order-failed" }`),
		MetricNamespace: jsii.String("shop/orders"), MetricName: jsii.String("failures"),
	})
	printResources(stack)
	fmt.Println(*orders.LogGroupName(), orders.Adopted(), orders.Key() == nil)
	// Output:
	// AWS::IAM::Policy 1
	// AWS::IAM::Role 1
	// AWS::Lambda::Function 1
	// AWS::Logs::MetricFilter 1
	// Custom::LogRetention 1
	// /aws/lambda/orders true true
}

// Given a log group that exists, when it is adopted without a retention,
// then the stack holds no log group and no custom resource, and what
// attaches to it (a metric filter, a silence alarm, a saved query) names
// it literally.
func TestAdoptLogGroupCreatesNothing(t *testing.T) {
	stack := newStack()
	orders := constructs.AdoptLogGroup(stack, "Orders", &constructs.AdoptLogGroupProps{LogGroupName: jsii.String("/aws/lambda/orders")})
	constructs.NewEventMetric(stack, "Failures", &constructs.EventMetricProps{
		LogGroup: orders.LogGroup(), FilterPattern: jsii.String("ERROR"), MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
	})
	constructs.NewSilenceAlarm(stack, "Silence", &constructs.SilenceAlarmProps{
		LogGroup: orders.LogGroup(), After: awscdk.Duration_Minutes(jsii.Number(15)), AlarmName: jsii.String("orders-silence"),
	})
	constructs.NewSavedQuery(stack, "Errors", &constructs.SavedQueryProps{
		QueryDefinitionName: jsii.String("errors"), QueryString: jsii.String("fields @message"), LogGroups: &[]awslogs.ILogGroup{orders.LogGroup()},
	})
	for _, typ := range []string{"AWS::Logs::LogGroup", "Custom::LogRetention", "AWS::Lambda::Function"} {
		if n := len(resources(t, stack, typ)); n != 0 {
			t.Errorf("%d %s, want none", n, typ)
		}
	}
	if got := props(one(t, stack, "AWS::Logs::MetricFilter"))["LogGroupName"]; got != "/aws/lambda/orders" {
		t.Errorf("metric filter on %v, want /aws/lambda/orders", jsonOf(got))
	}
	if got := jsonOf(props(one(t, stack, "AWS::CloudWatch::Alarm"))["Dimensions"]); !strings.Contains(got, `"Value":"/aws/lambda/orders"`) {
		t.Errorf("silence alarm dimensions %s, want the log group's name", got)
	}
	if got := jsonOf(props(one(t, stack, "AWS::Logs::QueryDefinition"))["LogGroupNames"]); got != `["/aws/lambda/orders"]` {
		t.Errorf("query on %s, want the log group's name", got)
	}
	if !orders.Adopted() || orders.Key() != nil || *orders.LogGroupName() != "/aws/lambda/orders" {
		t.Errorf("Adopted %v, Key %v, LogGroupName %s; want true, nil, the name", orders.Adopted(), orders.Key(), *orders.LogGroupName())
	}
	if created := constructs.NewLogGroup(stack, "Payments", nil); created.Adopted() {
		t.Error("a created log group says it is adopted")
	}
}

// Given a retention, it is set through aws-cdk-lib's LogRetention, which
// never deletes the log group, and whose function two adopted log groups
// share.
func TestAdoptLogGroupSetsRetentionThroughLogRetention(t *testing.T) {
	stack := newStack()
	constructs.AdoptLogGroup(stack, "Orders", &constructs.AdoptLogGroupProps{LogGroupName: jsii.String("/aws/lambda/orders"), Retention: awslogs.RetentionDays_ONE_MONTH})
	constructs.AdoptLogGroup(stack, "Checkout", &constructs.AdoptLogGroupProps{LogGroupName: jsii.String("/aws/lambda/checkout"), Retention: awslogs.RetentionDays_INFINITE})
	got := map[string]string{}
	for _, r := range resources(t, stack, "Custom::LogRetention") {
		p := props(r)
		if p["RemovalPolicy"] != "retain" {
			t.Errorf("%v: RemovalPolicy %v, want retain: the custom resource must never delete the log group", p["LogGroupName"], p["RemovalPolicy"])
		}
		got[p["LogGroupName"].(string)] = jsonOf(p["RetentionInDays"])
	}
	if want := map[string]string{"/aws/lambda/orders": "30", "/aws/lambda/checkout": "null"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("retentions %v, want %v (INFINITE removes the retention policy)", got, want)
	}
	if n := len(resources(t, stack, "AWS::Lambda::Function")); n != 1 {
		t.Errorf("%d functions, want the one LogRetention function of the stack", n)
	}
	if n := len(resources(t, stack, "AWS::Logs::LogGroup")); n != 0 {
		t.Errorf("%d log groups, want none", n)
	}
	for _, p := range resources(t, stack, "AWS::IAM::Policy") {
		if s := jsonOf(p); strings.Contains(s, "logs:DeleteLogGroup") {
			t.Errorf("the LogRetention function may delete log groups: %s", s)
		}
	}
}

func TestAdoptLogGroupInvalidProps(t *testing.T) {
	for _, c := range []struct {
		props *constructs.AdoptLogGroupProps
		want  string
	}{
		{nil, "logGroupName: is required"},
		{&constructs.AdoptLogGroupProps{LogGroupName: jsii.String("/aws/lambda/my orders")}, `logGroupName: "/aws/lambda/my orders" contains ' '`},
		{&constructs.AdoptLogGroupProps{LogGroupName: jsii.String("/a"), Retention: awslogs.RetentionDays("10")}, "retention: 10 is not an awslogs.RetentionDays"},
	} {
		got := panicOf(func() { constructs.AdoptLogGroup(newStack(), "Orders", c.props) })
		if !strings.HasPrefix(got, "eventwatch: Example/Orders: ") || !strings.Contains(got, c.want) {
			t.Errorf("panic %q, want the path and %q", got, c.want)
		}
	}
}
