package constructs_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
)

func metricOn(logGroupName string) *eventwatch.EventMetricProps {
	return &eventwatch.EventMetricProps{
		LogGroupName: jsii.String(logGroupName), FilterPattern: jsii.String(`{ $.event = "x" }`),
		MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
	}
}

// childIDs are the IDs of scope's children.
func childIDs(scope constructs.IConstruct) []string {
	var ids []string
	for _, c := range *scope.Node().Children() {
		ids = append(ids, *c.Node().Id())
	}
	return ids
}

// A log group given by name adds nothing to the caller's scope but the
// metric filter: the caller's own "<id>LogGroup" does not collide.
func TestEventMetricByLogGroupNameAddsNoSibling(t *testing.T) {
	stack := newStack()
	awslogs.NewLogGroup(stack, jsii.String("FailuresLogGroup"), nil)
	svc := constructs.NewConstruct(stack, jsii.String("Orders"))
	eventwatch.NewEventMetric(stack, "Failures", metricOn("/app/orders"))
	eventwatch.NewEventMetric(svc, "Failures", metricOn("/app/orders"))
	if got := strings.Join(childIDs(svc), ","); got != "Failures" {
		t.Errorf("the caller's scope holds %s, want the metric filter only", got)
	}
	for id, f := range resources(t, stack, "AWS::Logs::MetricFilter") {
		if got := props(f)["LogGroupName"]; got != "/app/orders" {
			t.Errorf("%s reads %v, want /app/orders", id, got)
		}
	}
}

// Metrics on one log group name share its import, one per stack under
// ImportedLogGroupsID, whose IDs tell names apart ('/' and '-').
func TestEventMetricsOnOneLogGroupName(t *testing.T) {
	stack := newStack()
	svc := constructs.NewConstruct(stack, jsii.String("Orders"))
	for _, id := range []string{"Failures", "Successes"} {
		eventwatch.NewEventMetric(stack, id, metricOn("/app/orders"))
		eventwatch.NewEventMetric(svc, id, metricOn("/app/orders"))
	}
	eventwatch.NewEventMetric(stack, "Other", metricOn("/app/orders/other"))
	eventwatch.NewEventMetric(stack, "Dashes", metricOn("-app-orders-other"))
	if n := len(resources(t, stack, "AWS::Logs::MetricFilter")); n != 6 {
		t.Errorf("%d metric filters, want 6", n)
	}
	imports := stack.Node().TryFindChild(jsii.String(eventwatch.ImportedLogGroupsID))
	if imports == nil {
		t.Fatalf("no %s in the stack", eventwatch.ImportedLogGroupsID)
	}
	if got := strings.Join(childIDs(imports), ","); got != ":app:orders,:app:orders:other,-app-orders-other" {
		t.Errorf("imports %s, want one per log group name", got)
	}
}

// A log group name that is a token is imported too.
func TestEventMetricOnALogGroupNameToken(t *testing.T) {
	stack := newStack()
	name := awscdk.NewCfnParameter(stack, jsii.String("LogGroup"), nil).ValueAsString()
	p := metricOn("")
	p.LogGroupName = name
	eventwatch.NewEventMetric(stack, "A", p)
	eventwatch.NewEventMetric(stack, "B", p)
	for id, f := range resources(t, stack, "AWS::Logs::MetricFilter") {
		if got := jsonOf(props(f)["LogGroupName"]); got != `{"Ref":"LogGroup"}` {
			t.Errorf("%s reads %s, want the parameter", id, got)
		}
	}
}

// Metric passes every field of MetricOptions through.
func TestEventMetricPassesEveryOption(t *testing.T) {
	stack := newStack()
	m := eventwatch.NewEventMetric(stack, "M", metricOn("/app/orders"))
	metric := m.Metric(&awscloudwatch.MetricOptions{
		Id: jsii.String("failures"), Visible: jsii.Bool(false),
		Account: jsii.String("111111111111"), Region: jsii.String("eu-central-1"),
		Label: jsii.String("Failures"), Color: jsii.String("#d62728"), Unit: awscloudwatch.Unit_COUNT,
		Statistic: jsii.String("Maximum"), Period: awscdk.Duration_Minutes(jsii.Number(1)),
	})
	// The stack's account and region are the metric's when it names none.
	ofStack := m.Metric(&awscloudwatch.MetricOptions{StackAccount: jsii.String("210987654321"), StackRegion: jsii.String("us-east-1")})
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"Id", metric.Id(), "failures"},
		{"Visible", metric.Visible(), false},
		{"Account", metric.Account(), "111111111111"},
		{"Region", metric.Region(), "eu-central-1"},
		{"Label", metric.Label(), "Failures"},
		{"Color", metric.Color(), "#d62728"},
		{"Unit", string(metric.Unit()), "COUNT"},
		{"Statistic", metric.Statistic(), "Maximum"},
		{"StackAccount", ofStack.Account(), "210987654321"},
		{"StackRegion", ofStack.Region(), "us-east-1"},
	}
	for _, c := range checks {
		got := c.got
		switch v := got.(type) {
		case *string:
			if v != nil {
				got = *v
			}
		case *bool:
			if v != nil {
				got = *v
			}
		}
		if got != c.want {
			t.Errorf("%s = %v, want %v", c.name, got, c.want)
		}
	}
	if s := *metric.Period().ToSeconds(nil); s != 60 {
		t.Errorf("Period = %vs, want 60s", s)
	}
}

// Metric takes CloudWatch's extended statistics, and an alarm on such a
// metric has an ExtendedStatistic (IQM too, which aws-cdk-lib 2.270 writes
// as a Statistic). A statistic is spelled as CloudWatch documents it.
func TestEventMetricExtendedStatistic(t *testing.T) {
	latency := func(stack awscdk.Stack) *eventwatch.EventMetric {
		return eventwatch.NewEventMetric(stack, "Latency", &eventwatch.EventMetricProps{
			LogGroupName: jsii.String("/app/orders"), FilterPattern: jsii.String(`{ $.latency = * }`),
			MetricNamespace: jsii.String("n"), MetricName: jsii.String("latency"), MetricValue: jsii.String("$.latency"),
		})
	}
	for _, statistic := range []string{"p99", "p99.9", "tm99", "TM(10%:90%)", "wm99", "WM(10%:90%)", "tc99", "ts99", "PR(:300)", "IQM"} {
		stack := newStack()
		eventwatch.NewEventAlarm(stack, "Slow", &eventwatch.EventAlarmProps{
			Metric: latency(stack).Metric(&awscloudwatch.MetricOptions{Statistic: jsii.String(statistic)}), AlarmName: jsii.String("slow"), Threshold: jsii.Number(2),
		})
		p := props(one(t, stack, "AWS::CloudWatch::Alarm"))
		if _, simple := p["Statistic"]; p["ExtendedStatistic"] != statistic || simple {
			t.Errorf("%s: ExtendedStatistic = %v, Statistic = %v", statistic, p["ExtendedStatistic"], p["Statistic"])
		}
	}
	stack := newStack()
	p := &eventwatch.EventAlarmProps{Metric: latency(stack).Metric(&awscloudwatch.MetricOptions{Statistic: jsii.String("tm(10%:90%)")}), AlarmName: jsii.String("slow"), Threshold: jsii.Number(2)}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), `statistic: "tm(10%:90%)": col 1: unknown statistic "tm"`) || !strings.Contains(err.Error(), `did you mean "TM(10%:90%)"?`) {
		t.Errorf("tm(10%%:90%%): %v", err)
	}
}
