// Package stacks builds eventwatch's CloudFormation stacks: one observability
// stack per environment (more when services name a stack of their own), each
// holding the log groups, metric filters, alarms, alert topics and saved
// queries that the environment's plan resolves, built from the public
// constructs of package constructs.
package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// ObservabilityStackProps configures an ObservabilityStack.
type ObservabilityStackProps struct {
	awscdk.StackProps
	// Plan is the stack's resolved config. Required.
	Plan appconfig.StackPlan
	// Alerts are the environment's alert topics, when the plan's alarms
	// notify topics of another stack (the environment's main stack).
	// Default: the plan's own topics.
	Alerts *eventwatch.AlertTopic
}

// ObservabilityStack is one stack of an environment.
type ObservabilityStack struct {
	awscdk.Stack
	// Alerts are the alert topics the stack's alarms notify.
	Alerts *eventwatch.AlertTopic
	// Services are the stack's services by name, each an eventwatch.Service
	// (the public construct) tagged with the service and its owner;
	// ServiceOrder in the config's order.
	Services     map[string]*eventwatch.Service
	ServiceOrder []string
}

// NewObservabilityStack builds the stack for plan, named plan.StackName, in
// the plan's account and region, tagged with app, environment and owner.
// Nothing in it needs AWS credentials at synth time. Each service is a
// construct scope named after it; the stack's log groups, keys, topics and
// subscriptions keep the logical IDs of earlier releases (see logical_ids.go).
func NewObservabilityStack(scope constructs.Construct, props *ObservabilityStackProps) (*ObservabilityStack, error) {
	plan := props.Plan
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	sp := props.StackProps
	sp.StackName = jsii.String(plan.StackName)
	sp.Env = &awscdk.Environment{Account: jsii.String(plan.Account), Region: jsii.String(plan.Region)}
	if sp.Description == nil {
		sp.Description = jsii.String("eventwatch " + plan.Environment + ": log groups, metric filters, alarms, alert topics and saved Logs Insights queries")
	}
	sp.Tags = stringMap(plan.Tags)
	sp.TerminationProtection = jsii.Bool(plan.TerminationProtection)
	s := &ObservabilityStack{
		Stack:    awscdk.NewStack(scope, jsii.String(plan.StackName), &sp),
		Alerts:   props.Alerts,
		Services: map[string]*eventwatch.Service{},
	}
	values := eventwatch.NewStackValues()
	origin := origins{}
	services := map[string]*eventwatch.ServiceProps{}
	var queries []appconfig.Item
	for _, it := range plan.Items {
		service := it.Service
		if it.LogGroup != nil {
			service = it.Name
		}
		origin.add(it, service)
		switch {
		case it.Topic != nil:
			s.Alerts = eventwatch.NewAlertTopic(s.Stack, it.Name, alertTopicProps(*it.Topic))
			pinAlertTopic(s.Alerts, it.Name, *it.Topic)
		case it.Query != nil:
			queries = append(queries, it)
		case it.Summary:
		case it.LogGroup != nil:
			services[it.Name] = &eventwatch.ServiceProps{LogGroup: *it.LogGroup, Tags: it.LogGroup.Tags, Values: values}
			s.ServiceOrder = append(s.ServiceOrder, it.Name)
		default:
			addToService(services[it.Service], it)
		}
	}
	silent := false
	for _, name := range s.ServiceOrder {
		props := services[name]
		if s.Alerts != nil {
			props.Alerts = s.Alerts
		}
		s.Services[name] = eventwatch.NewService(s.Stack, serviceID(name), props)
		if props.LogGroup.Existing == "" {
			pinLogGroup(s.Stack, name, props.LogGroup.Encrypt)
		}
		for _, ev := range props.Events {
			if ev.Alarm != nil {
				pinAlarm(s.Stack, name+"-"+ev.Name, name)
				silent = silent || ev.Alarm.ActionsDisabled
			}
		}
		for _, la := range props.LogAlarms {
			silent = silent || la.Props.ActionsDisabled
		}
	}
	for _, it := range queries {
		// Log groups of this stack by reference, so that CloudFormation
		// creates them first; when the query also reads another stack's,
		// all by name, in the config's order.
		var logGroups []awslogs.ILogGroup
		if len(it.QueryServices) == len(it.Query.LogGroupNames) {
			for _, name := range it.QueryServices {
				logGroups = append(logGroups, s.Services[name].LogGroup.LogGroup())
			}
		}
		eventwatch.NewSavedQuery(s.Stack, queryID(it.Name), savedQueryProps(*it.Query, logGroups))
		pinQuery(s.Stack, it.Name)
	}
	if silent {
		suppressSilentAlarms(s.Stack)
	}
	origin.record(s.Stack)
	return s, nil
}

// addToService adds a planned item of a service (its events' metrics and
// alarms, log alarms, silence and composite alarm, dashboard) to the
// service's props, in the plan's order.
func addToService(p *eventwatch.ServiceProps, it appconfig.Item) {
	event := eventOf(it.Name, it.Service)
	switch {
	case it.Metric != nil:
		p.Events = append(p.Events, eventwatch.ServiceEvent{Name: event, Metric: it.Metric})
	case it.Alarm != nil && it.Ratio != nil:
		p.Events = append(p.Events, eventwatch.ServiceEvent{Name: event, Alarm: it.Alarm, Notify: it.Notify,
			Ratio: &eventwatch.ServiceRatio{Numerator: eventOf(it.Ratio.Numerator, it.Service), Denominator: eventOf(it.Ratio.Denominator, it.Service)}})
	case it.Alarm != nil:
		last := &p.Events[len(p.Events)-1] // the plan puts an event's alarm right after its metric
		last.Alarm, last.Notify = it.Alarm, it.Notify
	case it.LogAlarm != nil:
		p.LogAlarms = append(p.LogAlarms, eventwatch.ServiceLogAlarm{Name: event, Props: *it.LogAlarm, Notify: it.Notify})
	case it.Silence != nil:
		p.Silence = &eventwatch.ServiceSilence{Props: *it.Silence, Notify: it.Notify}
	case it.Composite != nil:
		p.Composite = &eventwatch.ServiceComposite{Props: *it.Composite, Notify: it.Notify}
	case it.Dashboard != nil:
		p.Dashboard, p.DashboardQueries = it.Dashboard, it.DashboardQueries
	}
}

// suppressSilentAlarms records, for cdk-nag packs that require alarm
// actions (NIST 800-53, HIPAA), why this stack's alarms have none.
func suppressSilentAlarms(stack awscdk.Stack) {
	reason := "alarm actions are disabled on purpose in this environment (development): the alarms evaluate without paging anyone"
	rules := []any{
		map[string]any{"id": "NIST.800.53.R5-CloudWatchAlarmAction", "reason": reason},
		map[string]any{"id": "HIPAA.Security-CloudWatchAlarmAction", "reason": reason},
	}
	stack.TemplateOptions().SetMetadata(&map[string]any{"cdk_nag": map[string]any{"rules_to_suppress": rules}})
}

// actions notify the topic of a severity, or nothing without topics.
func (s *ObservabilityStack) actions(sev spec.Severity) []awscloudwatch.IAlarmAction {
	if s.Alerts == nil {
		return nil
	}
	return []awscloudwatch.IAlarmAction{s.Alerts.AlarmAction(sev)}
}
