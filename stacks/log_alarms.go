package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// logAlarmID names a log alarm's construct in its service: "LogAlarmSlowRuns".
func logAlarmID(name, service string) string {
	return "LogAlarm" + alarmID(name, service)[len("Alarm"):]
}

// logAlarmProps are the construct props of a planned log alarm on its
// service's log group.
func logAlarmProps(p spec.LogAlarmProps, lg *eventwatch.LogGroup, actions []awscloudwatch.IAlarmAction, ds durations) *eventwatch.LogAlarmProps {
	d := p.WithDefaults()
	out := &eventwatch.LogAlarmProps{
		AlarmName:              jsii.String(d.AlarmName),
		QueryString:            jsii.String(d.QueryString),
		LogGroups:              &[]awslogs.ILogGroup{lg.LogGroup()},
		Schedule:               ds.of(int(*d.ScheduleSeconds)),
		Window:                 ds.of(int(*d.WindowSeconds)),
		AggregationExpression:  jsii.String(d.AggregationExpression),
		Threshold:              jsii.Number(d.Threshold),
		ComparisonOperator:     eventwatch.ComparisonOperator(d.Comparison),
		QueryResultsToEvaluate: d.QueryResultsToEvaluate,
		QueryResultsToAlarm:    d.QueryResultsToAlarm,
		TreatMissingData:       eventwatch.TreatMissingData(d.TreatMissingData),
		ActionsEnabled:         jsii.Bool(!d.ActionsDisabled),
		Tags:                   stringMap(d.Tags),
	}
	if d.Description != "" {
		out.AlarmDescription = jsii.String(d.Description)
	}
	if d.RunbookURL != "" {
		out.RunbookUrl = jsii.String(d.RunbookURL)
	}
	if d.ActionLogLineCount > 0 {
		out.ActionLogLineCount = jsii.Number(d.ActionLogLineCount)
	}
	if len(actions) > 0 {
		out.Actions = &actions
	}
	return out
}

// addLogAlarm builds a planned log alarm in its service.
func (s *ObservabilityStack) addLogAlarm(svc *Service, it appconfig.Item, ds durations) {
	alarm := eventwatch.NewLogAlarm(svc, logAlarmID(it.Name, svc.name), logAlarmProps(*it.LogAlarm, svc.LogGroup, s.actions(it.Notify), ds))
	svc.addAlarm(it.LogAlarm.AlarmName, alarm)
}
