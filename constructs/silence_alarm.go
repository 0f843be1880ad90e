package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// SilenceAlarmProps configures a silence alarm.
type SilenceAlarmProps struct {
	// LogGroup watched. Required.
	LogGroup awslogs.ILogGroup
	// After is how long without a single event raises the alarm: whole
	// minutes, at most a day; not a token, since it is the period of the
	// alarm's awscloudwatch.Metric, which needs its value. Required.
	After awscdk.Duration
	// AlarmName is stable and readable. Required.
	AlarmName *string
	// AlarmDescription tells the on-call engineer what happened. Default: none.
	AlarmDescription *string
	// RunbookUrl is appended to the description. Default: none.
	RunbookUrl *string
	// Actions are notified on ALARM and on OK. Default: none.
	Actions *[]awscloudwatch.IAlarmAction
	// ActionsEnabled false keeps it silent. Default: true.
	ActionsEnabled *bool
	// Tags are added to the alarm. Default: none.
	Tags *map[string]*string
}

// Validate checks the period and the alarm's rules, without Node.js (the
// period's seconds are asked of the CDK once per Duration), and reports
// every problem (errors.Join'ed spec.FieldErrors). After cannot be a
// token: aws-cdk-lib's metrics need their period's value.
func (p *SilenceAlarmProps) Validate() error {
	var ps spec.Problems
	if p.LogGroup == nil {
		ps.Add(&spec.FieldError{Field: "logGroup", Msg: "is required"})
	}
	after := 0
	if p.After == nil {
		ps.Add(&spec.FieldError{Field: "after", Msg: "is required"})
	} else if after = durationSeconds(p.After); spec.IsUnresolvedInt(after) {
		ps.Add(tokenPeriodError("after"))
	}
	s := spec.SilenceAlarmProps{AlarmName: str(p.AlarmName), LogGroupName: spec.GivenAsObject, AfterSeconds: after,
		Description: str(p.AlarmDescription), RunbookURL: str(p.RunbookUrl), Tags: strMap(p.Tags)}
	ps.Add(s.Validate())
	return ps.Err()
}

// NewSilenceAlarm validates props and adds to scope an EventAlarm that goes
// to ALARM when the log group receives no event (IncomingLogEvents) for
// props.After: a service that crashed logs nothing, not even errors, so
// missing data is breaching. The alarm evaluates one-minute periods, all of
// After's needed to alarm (spec.SilencePeriods), so that it pages After
// after the last event, not up to three times later.
func NewSilenceAlarm(scope constructs.Construct, id string, props *SilenceAlarmProps) *EventAlarm {
	if props == nil {
		props = &SilenceAlarmProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	period, periods := spec.SilencePeriods(durationSeconds(props.After))
	return NewEventAlarm(scope, id, &EventAlarmProps{
		Metric:             incomingLogEvents(props.LogGroup, awscdk.Duration_Seconds(jsii.Number(period))),
		EvaluationPeriods:  jsii.Number(periods),
		DatapointsToAlarm:  jsii.Number(periods),
		AlarmName:          props.AlarmName,
		AlarmDescription:   props.AlarmDescription,
		RunbookUrl:         props.RunbookUrl,
		Threshold:          jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_BREACHING,
		Actions:            props.Actions,
		ActionsEnabled:     props.ActionsEnabled,
		Tags:               props.Tags,
	})
}

// incomingLogEvents is the log group's IncomingLogEvents metric, summed
// over period (nil: the metric's default).
func incomingLogEvents(lg awslogs.ILogGroup, period awscdk.Duration) awscloudwatch.IMetric {
	return logGroupMetric(lg, "IncomingLogEvents", period)
}

// logGroupMetric is one of the log group's AWS/Logs metrics (dimension
// LogGroupName: the log group's name, a reference for a log group of the
// app), summed over period (nil: the metric's default). aws-cdk-lib 2.270's
// ILogGroup.MetricIncomingLogEvents names the metric "IncomingLogs", which
// CloudWatch does not publish (aws/aws-cdk#36815), and its ILogGroup.Metric
// adds no LogGroupName dimension, so that an alarm or a graph of
// lg.Metric("IncomingLogEvents") shows the whole account's log events.
//
// The metric is attached to the log group's stack by its props, as
// Metric.AttachTo(lg) attaches it: the name and the stack's account and
// region are asked of the CDK once per log group and stack, so that each
// metric costs one call.
func logGroupMetric(lg awslogs.ILogGroup, name string, period awscdk.Duration) awscloudwatch.IMetric {
	env := logGroupStackEnv(lg)
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:     jsii.String("AWS/Logs"),
		MetricName:    jsii.String(name),
		DimensionsMap: &map[string]*string{"LogGroupName": logGroupName(lg)},
		Statistic:     jsii.String("Sum"),
		Period:        period,
		StackAccount:  env.account,
		StackRegion:   env.region,
	})
}
