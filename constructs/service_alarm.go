package constructs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// ServiceAlarmProps configures a ServiceAlarm.
type ServiceAlarmProps struct {
	// CompositeAlarmName is stable and readable; eventwatch's stacks use
	// "<env>-<service>-critical-service". Required.
	CompositeAlarmName *string
	// Alarms it watches: it is in ALARM when any of them is. Required.
	Alarms *[]awscloudwatch.IAlarm
	// AlarmDescription says which service is down and what to do first. Default: none.
	AlarmDescription *string
	// RunbookUrl is appended to the description. Default: none.
	RunbookUrl *string
	// Actions are notified on ALARM and on OK. Default: none.
	Actions *[]awscloudwatch.IAlarmAction
	// ActionsEnabled false keeps it silent. Default: true.
	ActionsEnabled *bool
}

// Validate checks the name, the description and that there are alarms to
// watch, without Node.js.
func (p *ServiceAlarmProps) Validate() error {
	s := spec.CompositeAlarmProps{AlarmName: str(p.CompositeAlarmName), Description: str(p.AlarmDescription), RunbookURL: str(p.RunbookUrl)}
	if p.Alarms != nil {
		for range *p.Alarms {
			s.Members = append(s.Members, spec.GivenAsObject)
		}
	}
	return s.Validate()
}

// ServiceAlarm is a composite alarm in ALARM when any of a service's
// critical alarms is, so that a page names the service once while its
// alarms say why. It is an aws-cdk-lib awscloudwatch.CompositeAlarm.
type ServiceAlarm struct {
	awscloudwatch.CompositeAlarm
	members []awscloudwatch.IAlarm
}

// NewServiceAlarm validates props and adds the composite alarm (its
// CloudFormation resource is its child "Resource") to scope.
func NewServiceAlarm(scope constructs.Construct, id string, props *ServiceAlarmProps) *ServiceAlarm {
	if props == nil {
		props = &ServiceAlarmProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	a := &ServiceAlarm{members: *props.Alarms}
	rules := make([]awscloudwatch.IAlarmRule, len(a.members))
	for i, m := range a.members {
		rules[i] = awscloudwatch.AlarmRule_FromAlarm(m, awscloudwatch.AlarmState_ALARM)
	}
	d := spec.EventAlarmProps{Description: str(props.AlarmDescription), RunbookURL: str(props.RunbookUrl)}
	cp := &awscloudwatch.CompositeAlarmProps{
		CompositeAlarmName: props.CompositeAlarmName,
		AlarmRule:          awscloudwatch.AlarmRule_AnyOf(rules...),
		ActionsEnabled:     props.ActionsEnabled,
	}
	if desc := d.AlarmDescription(); desc != "" {
		cp.AlarmDescription = jsii.String(desc)
	}
	awscloudwatch.NewCompositeAlarm_Override(a, scope, jsii.String(id), cp)
	if props.Actions != nil && len(*props.Actions) > 0 {
		a.AddAlarmAction(*props.Actions...)
		a.AddOkAction(*props.Actions...)
	}
	return a
}

// Members are the alarms it watches.
func (a *ServiceAlarm) Members() []awscloudwatch.IAlarm { return a.members }
