package constructs_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// A silence alarm watches its log group's IncomingLogEvents, not the
// account's: the metric has the LogGroupName dimension, a reference to the
// log group of the stack.
func TestSilenceAlarmWatchesItsLogGroupOnly(t *testing.T) {
	stack := newStack()
	orders := constructs.NewLogGroup(stack, "Orders", &constructs.LogGroupProps{LogGroupName: jsii.String("/app/orders")})
	constructs.NewSilenceAlarm(stack, "Silence", &constructs.SilenceAlarmProps{
		LogGroup: orders.LogGroup(), After: awscdk.Duration_Minutes(jsii.Number(15)), AlarmName: jsii.String("prod-orders-critical-silence"),
	})
	var lgID string
	for id := range resources(t, stack, "AWS::Logs::LogGroup") {
		lgID = id
	}
	p := props(one(t, stack, "AWS::CloudWatch::Alarm"))
	want := `[{"Name":"LogGroupName","Value":{"Ref":"` + lgID + `"}}]`
	if got := jsonOf(p["Dimensions"]); got != want {
		t.Errorf("Dimensions = %s, want %s", got, want)
	}
	if p["Namespace"] != "AWS/Logs" || p["MetricName"] != "IncomingLogEvents" || p["Statistic"] != "Sum" || p["Period"] != 60.0 {
		t.Errorf("metric %v/%v %v over %v, want AWS/Logs/IncomingLogEvents Sum over 60s", p["Namespace"], p["MetricName"], p["Statistic"], p["Period"])
	}
	// 15 minutes without an event: 15 of 15 one-minute periods breaching
	// (missing data), so that the alarm pages 15 minutes after the last
	// event rather than after three empty 15-minute periods.
	if p["EvaluationPeriods"] != 15.0 || p["DatapointsToAlarm"] != 15.0 || p["TreatMissingData"] != "breaching" {
		t.Errorf("evaluation %v of %v, missing data %v; want 15 of 15, breaching", p["DatapointsToAlarm"], p["EvaluationPeriods"], p["TreatMissingData"])
	}
}

// An imported log group is watched by its name.
func TestSilenceAlarmOnAnImportedLogGroup(t *testing.T) {
	stack := newStack()
	lg := awslogs.LogGroup_FromLogGroupName(stack, jsii.String("Imported"), jsii.String("/other/app"))
	constructs.NewSilenceAlarm(stack, "Silence", &constructs.SilenceAlarmProps{
		LogGroup: lg, After: awscdk.Duration_Minutes(jsii.Number(5)), AlarmName: jsii.String("other-silence"),
	})
	if got := jsonOf(props(one(t, stack, "AWS::CloudWatch::Alarm"))["Dimensions"]); got != `[{"Name":"LogGroupName","Value":"/other/app"}]` {
		t.Errorf("Dimensions = %s, want the imported log group's name", got)
	}
}
