package constructs_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs"
)

// numberParam is a number known at deploy time: a CfnParameter's value.
func numberParam(stack awscdk.Stack, id string) *float64 {
	return awscdk.NewCfnParameter(stack, jsii.String(id), &awscdk.CfnParameterProps{Type: jsii.String("Number")}).ValueAsNumber()
}

// Every number prop of EventAlarm may be a token: validation skips it and
// the template refers to the parameter.
func TestEventAlarmNumberPropsMayBeTokens(t *testing.T) {
	stack := newStack()
	m := constructs.NewEventMetric(stack, "M", &constructs.EventMetricProps{
		LogGroupName: jsii.String("/a"), FilterPattern: jsii.String("ERROR"),
		MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"), DefaultValue: numberParam(stack, "DefaultValue"),
	})
	p := &constructs.EventAlarmProps{
		Metric: m.Metric(nil), AlarmName: jsii.String("a"),
		Threshold: numberParam(stack, "Threshold"), EvaluationPeriods: numberParam(stack, "EvaluationPeriods"), DatapointsToAlarm: numberParam(stack, "DatapointsToAlarm"),
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	constructs.NewEventAlarm(stack, "A", p)
	alarm := props(one(t, stack, "AWS::CloudWatch::Alarm"))
	for _, k := range []string{"Threshold", "EvaluationPeriods", "DatapointsToAlarm"} {
		if got := jsonOf(alarm[k]); got != `{"Ref":"`+k+`"}` {
			t.Errorf("%s = %s, want the parameter", k, got)
		}
	}
	tr := props(one(t, stack, "AWS::Logs::MetricFilter"))["MetricTransformations"].([]any)[0].(map[string]any)
	if got := jsonOf(tr["DefaultValue"]); got != `{"Ref":"DefaultValue"}` {
		t.Errorf("DefaultValue = %s, want the parameter", got)
	}
}

// DatapointsToAlarm defaults to EvaluationPeriods, a token too.
func TestEventAlarmDatapointsDefaultToAnEvaluationPeriodsToken(t *testing.T) {
	stack := newStack()
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("n"), MetricName: jsii.String("m")})
	constructs.NewEventAlarm(stack, "A", &constructs.EventAlarmProps{
		Metric: metric, AlarmName: jsii.String("a"), Threshold: jsii.Number(1), EvaluationPeriods: numberParam(stack, "Periods"),
	})
	alarm := props(one(t, stack, "AWS::CloudWatch::Alarm"))
	for _, k := range []string{"EvaluationPeriods", "DatapointsToAlarm"} {
		if got := jsonOf(alarm[k]); got != `{"Ref":"Periods"}` {
			t.Errorf("%s = %s, want the parameter", k, got)
		}
	}
}

// aws-cdk-lib needs the values of a band's width and of a metric's period
// (Metric.anomalyDetectionFor and Metric check them): a token there is
// refused, by Validate, with the reason.
func TestNumbersAwsCdkLibNeedsRefuseTokens(t *testing.T) {
	stack := newStack()
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("n"), MetricName: jsii.String("m")})
	band := &constructs.EventAlarmProps{Metric: metric, AlarmName: jsii.String("a"), AnomalyStdDevs: numberParam(stack, "Band"), EvaluationPeriods: numberParam(stack, "Periods")}
	if err := band.Validate(); err == nil || err.Error() != "anomalyStdDevs: is a token; aws-cdk-lib's anomaly detection band needs its width's value (Metric.anomalyDetectionFor refuses one not greater than 0)" {
		t.Errorf("a band width token: %v", err)
	}
	lg := constructs.NewLogGroup(stack, "Logs", nil)
	for _, after := range []awscdk.Duration{awscdk.Duration_Seconds(numberParam(stack, "Seconds")), awscdk.Duration_Minutes(numberParam(stack, "Minutes"))} {
		p := &constructs.SilenceAlarmProps{LogGroup: lg.LogGroup(), After: after, AlarmName: jsii.String("silence")}
		if err := p.Validate(); err == nil || !strings.HasPrefix(err.Error(), "after: is a token; aws-cdk-lib's awscloudwatch.Metric needs the period's value") {
			t.Errorf("a silence period token: %v", err)
		}
	}
	m := constructs.NewEventMetric(stack, "M", &constructs.EventMetricProps{
		LogGroupName: jsii.String("/a"), FilterPattern: jsii.String("ERROR"), MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
	})
	got := panicOf(func() {
		m.Metric(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Seconds(numberParam(stack, "Period"))})
	})
	if !strings.HasPrefix(got, "eventwatch: Example/M: period: is a token;") {
		t.Errorf("a metric period token: panic %q", got)
	}
}

// A dashboard's threshold may be a token.
func TestDashboardThresholdMayBeAToken(t *testing.T) {
	stack := newStack()
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("n"), MetricName: jsii.String("m")})
	constructs.NewDashboard(stack, "D", &constructs.DashboardProps{
		DashboardName: jsii.String("d"),
		Graphs:        &[]*constructs.DashboardGraph{{Title: jsii.String("m"), Metrics: &[]awscloudwatch.IMetric{metric}, Threshold: numberParam(stack, "Threshold")}},
	})
	if body := jsonOf(props(one(t, stack, "AWS::CloudWatch::Dashboard"))["DashboardBody"]); !strings.Contains(body, `{"Ref":"Threshold"}`) {
		t.Errorf("dashboard body %s, want the threshold parameter", body)
	}
}
