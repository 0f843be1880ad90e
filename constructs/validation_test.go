package constructs_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// panicOf is what f panics with, or "".
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// In an app with a Beta and a Prod stage, the panic names the construct's
// path, so that one can tell which stage's props are invalid.
func TestInvalidPropsPanicNamesThePath(t *testing.T) {
	app := awscdk.NewApp(nil)
	var prod constructs.Construct
	for _, name := range []string{"Beta", "Prod"} {
		stage := awscdk.NewStage(app, jsii.String(name), nil)
		stack := awscdk.NewStack(stage, jsii.String("Observability"), nil)
		prod = constructs.NewConstruct(stack, jsii.String("Orders"))
	}
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("n"), MetricName: jsii.String("m")})
	got := panicOf(func() {
		eventwatch.NewEventAlarm(prod, "Failures", &eventwatch.EventAlarmProps{Metric: metric, AlarmName: jsii.String("a"), Threshold: jsii.Number(1), EvaluationPeriods: jsii.Number(8641)})
	})
	if want := "eventwatch: Prod/Observability/Orders/Failures: evaluationPeriods: 8641 is out of range"; !strings.HasPrefix(got, want) {
		t.Errorf("panic %q, want it to start with %q", got, want)
	}
}

// An EventMetric's Metric panics with the metric's path.
func TestMetricPanicNamesThePath(t *testing.T) {
	stack := newStack()
	svc := constructs.NewConstruct(stack, jsii.String("Orders"))
	m := eventwatch.NewEventMetric(svc, "Failures", &eventwatch.EventMetricProps{
		LogGroupName: jsii.String("/a"), FilterPattern: jsii.String(`{ $.event = "x" }`), MetricNamespace: jsii.String("n"), MetricName: jsii.String("m"),
		Dimensions: &map[string]*string{"Method": jsii.String("$.method")},
	})
	if got := panicOf(func() { m.Metric(nil) }); !strings.HasPrefix(got, "eventwatch: Example/Orders/Failures: ") {
		t.Errorf("panic %q, want the metric's path", got)
	}
}

// Props with two problems report both, in the order of the fields, and
// the first is a spec.FieldError.
func TestInvalidPropsReportEveryProblem(t *testing.T) {
	metric := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String("n"), MetricName: jsii.String("m")})
	cases := []struct {
		name     string
		validate func() error
		build    func(scope constructs.Construct)
		want     []string
	}{
		{"alarm", (&eventwatch.EventAlarmProps{Metric: metric, AlarmName: jsii.String(strings.Repeat("a", 256)), Threshold: jsii.Number(1), EvaluationPeriods: jsii.Number(8641)}).Validate,
			func(s constructs.Construct) {
				eventwatch.NewEventAlarm(s, "A", &eventwatch.EventAlarmProps{Metric: metric, AlarmName: jsii.String(strings.Repeat("a", 256)), Threshold: jsii.Number(1), EvaluationPeriods: jsii.Number(8641)})
			},
			[]string{"alarmName: ", "CloudWatch allows at most 255", "evaluationPeriods: 8641 is out of range"}},
		{"metric", (&eventwatch.EventMetricProps{LogGroupName: jsii.String("/a"), FilterPattern: jsii.String("ERROR"), MetricNamespace: jsii.String("a:b"), MetricName: jsii.String("")}).Validate,
			func(s constructs.Construct) {
				eventwatch.NewEventMetric(s, "M", &eventwatch.EventMetricProps{LogGroupName: jsii.String("/a"), FilterPattern: jsii.String("ERROR"), MetricNamespace: jsii.String("a:b"), MetricName: jsii.String("")})
			},
			[]string{`namespace: "a:b" must be`, `metricName: "" must be`}},
		{"log group", (&eventwatch.LogGroupProps{LogGroupName: jsii.String("/my app"), Tags: &map[string]*string{"aws:x": jsii.String("y")}}).Validate,
			func(s constructs.Construct) {
				eventwatch.NewLogGroup(s, "L", &eventwatch.LogGroupProps{LogGroupName: jsii.String("/my app"), Tags: &map[string]*string{"aws:x": jsii.String("y")}})
			},
			[]string{"the aws: prefix is reserved", `logGroupName: "/my app" contains ' '`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.validate()
			var fe *spec.FieldError
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), fe.Error()) {
				t.Errorf("Validate: %v, want a spec.FieldError first", err)
			}
			got := panicOf(func() { c.build(newStack()) })
			last := -1
			for _, w := range c.want {
				i := strings.Index(got, w)
				if i < 0 {
					t.Errorf("panic %q lacks %q", got, w)
				}
				if i < last {
					t.Errorf("panic %q: %q out of order", got, w)
				}
				last = i
			}
		})
	}
}
