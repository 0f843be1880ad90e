package stacks

import (
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// summaryProps is the environment's dashboard, in the main stack: an
// alarm status widget per service (several for a service of more than
// spec.MaxAlarmsPerWidget alarms), composite alarm first. Alarms of the
// other stacks are addressed by ARN, made of their names: a reference
// would make the main stack depend on the stacks that depend on its topics.
func summaryProps(d spec.DashboardProps, built []*ObservabilityStack) *eventwatch.DashboardProps {
	var groups []*eventwatch.DashboardAlarms
	main := built[0]
	var imported []string
	for _, s := range built[1:] {
		for _, name := range s.ServiceOrder {
			imported = append(imported, s.Services[name].AlarmNames()...)
		}
	}
	arns := eventwatch.AlarmArnsByName(main.Stack, imported)
	for i, s := range built {
		for _, name := range s.ServiceOrder {
			svc := s.Services[name]
			if i == 0 {
				groups = append(groups, eventwatch.AlarmWidgets(name, svc.AlarmList())...)
				continue
			}
			n := len(svc.AlarmNames())
			groups = append(groups, eventwatch.AlarmArnWidgets(name, arns[:n:n])...)
			arns = arns[n:]
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
