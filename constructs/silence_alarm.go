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
	// minutes, at most a day. Required.
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
// period's seconds are asked of the CDK once per Duration).
func (p *SilenceAlarmProps) Validate() error {
	if p.LogGroup == nil {
		return &spec.FieldError{Field: "logGroup", Msg: "is required"}
	}
	if p.After == nil {
		return &spec.FieldError{Field: "after", Msg: "is required"}
	}
	s := spec.SilenceAlarmProps{AlarmName: str(p.AlarmName), LogGroupName: spec.GivenAsObject, AfterSeconds: durationSeconds(p.After),
		Description: str(p.AlarmDescription), RunbookURL: str(p.RunbookUrl), Tags: strMap(p.Tags)}
	return s.Validate()
}

// NewSilenceAlarm validates props and adds to scope an EventAlarm that goes
// to ALARM when the log group receives no event (IncomingLogEvents) for
// props.After: a service that crashed logs nothing, not even errors, so
// missing data is breaching.
func NewSilenceAlarm(scope constructs.Construct, id string, props *SilenceAlarmProps) *EventAlarm {
	if props == nil {
		props = &SilenceAlarmProps{}
	}
	mustValidate(id, props.Validate())
	return NewEventAlarm(scope, id, &EventAlarmProps{
		Metric:             incomingLogEvents(props.LogGroup, props.After),
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

// incomingLogEvents is the log group's IncomingLogEvents metric, summed over
// period (nil: the metric's default). aws-cdk-lib 2.270's
// ILogGroup.MetricIncomingLogEvents names the metric "IncomingLogs", which
// CloudWatch does not publish (aws/aws-cdk#36815), so an alarm on it would
// never see data.
func incomingLogEvents(lg awslogs.ILogGroup, period awscdk.Duration) awscloudwatch.IMetric {
	return lg.Metric(jsii.String("IncomingLogEvents"), &awscloudwatch.MetricOptions{Period: period, Statistic: jsii.String("Sum")})
}
