package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// dashboardProps lays out the service's dashboard: its alarms, a graph per
// alarmed metric with the threshold drawn, its log group's traffic and the
// queries on its log group.
func (svc *Service) dashboardProps(d spec.DashboardProps, queries []spec.SavedQueryProps) *DashboardProps {
	out := &DashboardProps{
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
	if groups := AlarmWidgets("Alarms", svc.AlarmList()); len(groups) > 0 {
		out.AlarmGroups = &groups
	}
	if len(svc.graphs) > 0 {
		out.Graphs = &svc.graphs
	}
	if len(queries) > 0 {
		qs := make([]*DashboardQuery, len(queries))
		for i, q := range queries {
			qs[i] = &DashboardQuery{
				Title: jsii.String(q.Name), QueryString: jsii.String(q.QueryString),
				QueryLanguage: jsii.String(q.QueryLanguage), LogGroupNames: jsii.Strings(q.LogGroupNames...),
			}
		}
		out.Queries = &qs
	}
	return out
}

// alarmGraph draws an alarm's metric with its static threshold.
func alarmGraph(a spec.EventAlarmProps, metric awscloudwatch.IMetric) *DashboardGraph {
	d := a.WithDefaults()
	g := &DashboardGraph{Title: jsii.String(d.AlarmName), Metrics: &[]awscloudwatch.IMetric{metric}}
	if d.AnomalyStdDevs == 0 {
		g.Threshold = jsii.Number(d.Threshold)
	}
	return g
}

// AlarmWidgets are the alarm status widgets of alarms, in order, each of
// at most spec.MaxAlarmsPerWidget: one titled title, or, for more alarms,
// "title (1/2)", "title (2/2)"; none for no alarm.
func AlarmWidgets(title string, alarms []awscloudwatch.IAlarm) []*DashboardAlarms {
	return splitAlarms(title, alarms, func(w *DashboardAlarms, part *[]awscloudwatch.IAlarm) { w.Alarms = part })
}

// AlarmArnWidgets are AlarmWidgets of alarms given by ARN (AlarmArnsByName).
func AlarmArnWidgets(title string, arns []*string) []*DashboardAlarms {
	return splitAlarms(title, arns, func(w *DashboardAlarms, part *[]*string) { w.AlarmArns = part })
}

// splitAlarms makes the widgets of spec.AlarmWidgets, set giving each its
// part of alarms.
func splitAlarms[T any](title string, alarms []T, set func(*DashboardAlarms, *[]T)) []*DashboardAlarms {
	titles, bounds := spec.AlarmWidgets(title, len(alarms))
	out := make([]*DashboardAlarms, len(titles))
	start := 0
	for i, end := range bounds {
		part := alarms[start:end:end]
		out[i] = &DashboardAlarms{Title: jsii.String(titles[i])}
		set(out[i], &part)
		start = end
	}
	return out
}
