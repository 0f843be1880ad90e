package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// addAlarm records an alarm of the service under its CloudWatch name.
func (svc *Service) addAlarm(name string, a awscloudwatch.IAlarm) {
	svc.byAlarmName[name] = a
	svc.alarmOrder = append(svc.alarmOrder, name)
}

// members are the service's alarms of the given names.
func (svc *Service) members(names []string) []awscloudwatch.IAlarm {
	out := make([]awscloudwatch.IAlarm, 0, len(names))
	for _, n := range names {
		out = append(out, svc.byAlarmName[n])
	}
	return out
}

// importedAlarms are the service's alarms as seen from another stack, by name.
func (svc *Service) importedAlarms(in *ObservabilityStack) []awscloudwatch.IAlarm {
	names := svc.alarmOrder
	if svc.compositeName != "" {
		names = append([]string{svc.compositeName}, names...)
	}
	out := make([]awscloudwatch.IAlarm, len(names))
	for i, n := range names {
		out[i] = awscloudwatch.Alarm_FromAlarmName(in.Stack, jsii.String("Imported"+cfn.LogicalID(n)), jsii.String(n))
	}
	return out
}

// alarms are the service's composite alarm, if any, then its alarms.
func (svc *Service) alarms() []awscloudwatch.IAlarm {
	var out []awscloudwatch.IAlarm
	if svc.Composite != nil {
		out = append(out, svc.Composite)
	}
	return append(out, svc.members(svc.alarmOrder)...)
}

// dashboardProps lays out the service's dashboard: its alarms, a graph per
// alarmed metric with the threshold drawn, its log group's traffic and the
// saved queries on its log group.
func (svc *Service) dashboardProps(d spec.DashboardProps, queries []spec.SavedQueryProps) *eventwatch.DashboardProps {
	out := &eventwatch.DashboardProps{
		DashboardName: jsii.String(d.DashboardName),
		Title:         jsii.String(d.Title),
		Owner:         jsii.String(d.Owner),
		LogGroups:     &[]awslogs.ILogGroup{svc.LogGroup.LogGroup()},
	}
	if d.Description != "" {
		out.Description = jsii.String(d.Description)
	}
	if len(d.Links) > 0 {
		out.Links = jsii.Strings(d.Links...)
	}
	if groups := alarmWidgets("Alarms", svc.alarms()); len(groups) > 0 {
		out.AlarmGroups = &groups
	}
	if len(svc.graphs) > 0 {
		out.Graphs = &svc.graphs
	}
	if len(queries) > 0 {
		qs := make([]*eventwatch.DashboardQuery, len(queries))
		for i, q := range queries {
			qs[i] = &eventwatch.DashboardQuery{
				Title: jsii.String(q.Name), QueryString: jsii.String(q.QueryString),
				QueryLanguage: jsii.String(q.QueryLanguage), LogGroupNames: jsii.Strings(q.LogGroupNames...),
			}
		}
		out.Queries = &qs
	}
	return out
}

// alarmGraph draws an alarm's metric with its static threshold.
func alarmGraph(a spec.EventAlarmProps, metric awscloudwatch.IMetric) *eventwatch.DashboardGraph {
	d := a.WithDefaults()
	g := &eventwatch.DashboardGraph{Title: jsii.String(d.AlarmName), Metrics: &[]awscloudwatch.IMetric{metric}}
	if d.AnomalyStdDevs == 0 {
		g.Threshold = jsii.Number(d.Threshold)
	}
	return g
}

// alarmWidgets are the alarm status widgets of alarms, in order, each of
// at most spec.MaxAlarmsPerWidget: one titled title, or, for more alarms,
// "title (1/2)", "title (2/2)"; none for no alarm.
func alarmWidgets(title string, alarms []awscloudwatch.IAlarm) []*eventwatch.DashboardAlarms {
	titles, bounds := spec.AlarmWidgets(title, len(alarms))
	out := make([]*eventwatch.DashboardAlarms, len(titles))
	start := 0
	for i, end := range bounds {
		part := alarms[start:end:end]
		out[i] = &eventwatch.DashboardAlarms{Title: jsii.String(titles[i]), Alarms: &part}
		start = end
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
			alarms := svc.alarms()
			if i > 0 {
				alarms = svc.importedAlarms(main)
			}
			groups = append(groups, alarmWidgets(name, alarms)...)
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
