package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// importedAlarms are the service's alarms as seen from another stack, by name.
func importedAlarms(svc *eventwatch.Service, in *ObservabilityStack) []awscloudwatch.IAlarm {
	names := svc.AlarmNames()
	out := make([]awscloudwatch.IAlarm, len(names))
	for i, n := range names {
		out[i] = awscloudwatch.Alarm_FromAlarmName(in.Stack, jsii.String("Imported"+cfn.LogicalID(n)), jsii.String(n))
	}
	return out
}

// summaryProps is the environment's dashboard, in the main stack: an
// alarm status widget per service (several for a service of more than
// spec.MaxAlarmsPerWidget alarms), composite alarm first. Alarms of the
// other stacks are addressed by name: a reference would make the main
// stack depend on the stacks that depend on its topics.
func summaryProps(d spec.DashboardProps, built []*ObservabilityStack) *eventwatch.DashboardProps {
	var groups []*eventwatch.DashboardAlarms
	main := built[0]
	for i, s := range built {
		for _, name := range s.ServiceOrder {
			svc := s.Services[name]
			alarms := svc.AlarmList()
			if i > 0 {
				alarms = importedAlarms(svc, main)
			}
			groups = append(groups, eventwatch.AlarmWidgets(name, alarms)...)
		}
	}
	out := &eventwatch.DashboardProps{
		DashboardName: jsii.String(d.DashboardName), Title: jsii.String(d.Title),
		Description: jsii.String(d.Description), Owner: jsii.String(d.Owner),
	}
	if len(groups) > 0 {
		out.AlarmGroups = &groups
	}
	return out
}
