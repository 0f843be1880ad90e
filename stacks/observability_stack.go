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
	// Services are the stack's services by name, each a construct scope
	// tagged with the service and its owner; ServiceOrder in the config's order.
	Services     map[string]*Service
	ServiceOrder []string
}

// Service holds one service's constructs.
type Service struct {
	constructs.Construct
	name string
	// LogGroup is the service's log group: created, or, with the config's
	// logGroup.existing, adopted (LogGroup.Adopted), with no key.
	LogGroup  *eventwatch.LogGroup
	Metrics   map[string]*eventwatch.EventMetric
	Alarms    map[string]*eventwatch.EventAlarm
	Composite *eventwatch.ServiceAlarm
	Dashboard *eventwatch.Dashboard
	// compositeName is the composite alarm's CloudWatch name.
	compositeName string
	// byAlarmName are the service's alarms by their CloudWatch names, in
	// order, for its composite alarm and dashboards.
	byAlarmName map[string]awscloudwatch.IAlarm
	alarmOrder  []string
	// graphs are the metrics of the service's dashboard, in order.
	graphs []*eventwatch.DashboardGraph
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
		Services: map[string]*Service{},
	}
	silent := false
	ds := durations{}
	origin := origins{}
	var svc *Service
	for _, it := range plan.Items {
		if it.Service != "" && s.Services[it.Service] != nil {
			svc = s.Services[it.Service]
		}
		service := it.Service
		if it.LogGroup != nil {
			service = it.Name
		}
		origin.add(it, service)
		switch {
		case it.Topic != nil:
			s.Alerts = eventwatch.NewAlertTopic(s.Stack, it.Name, alertTopicProps(*it.Topic))
			pinAlertTopic(s.Alerts, it.Name, *it.Topic)
		case it.LogGroup != nil:
			svc = newService(s.Stack, it.Name, it.LogGroup.Tags)
			if it.LogGroup.Existing != "" {
				svc.LogGroup = eventwatch.AdoptLogGroup(svc, logGroupID, adoptLogGroupProps(*it.LogGroup))
			} else {
				svc.LogGroup = eventwatch.NewLogGroup(svc, logGroupID, logGroupProps(*it.LogGroup))
				pinLogGroup(s.Stack, it.Name, it.LogGroup.Encrypt)
			}
			s.Services[it.Name] = svc
			s.ServiceOrder = append(s.ServiceOrder, it.Name)
		case it.Metric != nil:
			svc.Metrics[it.Name] = eventwatch.NewEventMetric(svc, metricID(it.Name, it.Service), eventMetricProps(*it.Metric, svc.LogGroup))
		case it.Alarm != nil:
			a := *it.Alarm
			var metric awscloudwatch.IMetric
			if it.Ratio != nil {
				metric = ratioMetric(svc.Metrics[it.Ratio.Numerator], svc.Metrics[it.Ratio.Denominator], a, ds)
			} else {
				metric = svc.Metrics[it.Name].Metric(metricOptions(a, ds))
			}
			alarm := eventwatch.NewEventAlarm(svc, alarmID(it.Name, svc.name), eventAlarmProps(a, metric, s.actions(it.Notify)))
			pinAlarm(s.Stack, it.Name, svc.name)
			svc.Alarms[it.Name] = alarm
			svc.addAlarm(a.AlarmName, alarm)
			svc.graphs = append(svc.graphs, alarmGraph(a, metric))
			silent = silent || a.ActionsDisabled
		case it.LogAlarm != nil:
			s.addLogAlarm(svc, it, ds)
			silent = silent || it.LogAlarm.ActionsDisabled
		case it.Silence != nil:
			svc.addAlarm(it.Silence.AlarmName, eventwatch.NewSilenceAlarm(svc, silenceAlarmID, silenceAlarmProps(*it.Silence, svc.LogGroup, s.actions(it.Notify), ds)))
		case it.Composite != nil:
			svc.Composite = eventwatch.NewServiceAlarm(svc, serviceAlarmID, serviceAlarmProps(*it.Composite, svc.members(it.Composite.Members), s.actions(it.Notify)))
			svc.compositeName = it.Composite.AlarmName
		case it.Dashboard != nil && !it.Summary:
			svc.Dashboard = eventwatch.NewDashboard(svc, dashboardID, svc.dashboardProps(*it.Dashboard, it.DashboardQueries))
		case it.Query != nil:
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
	}
	if silent {
		suppressSilentAlarms(s.Stack)
	}
	origin.record(s.Stack)
	return s, nil
}

// newService is the construct scope of a service, whose tags reach every
// taggable resource of the service: log group, key, alarms.
func newService(scope constructs.Construct, name string, tags map[string]string) *Service {
	svc := &Service{name: name, Metrics: map[string]*eventwatch.EventMetric{}, Alarms: map[string]*eventwatch.EventAlarm{}, byAlarmName: map[string]awscloudwatch.IAlarm{}}
	constructs.NewConstruct_Override(svc, scope, jsii.String(serviceID(name)))
	if m := stringMap(tags); m != nil {
		t := awscdk.Tags_Of(svc)
		for _, k := range sortedKeys(tags) {
			t.Add(jsii.String(k), (*m)[k], nil)
		}
	}
	return svc
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

// Name is the service's name in the config.
func (s *Service) Name() string { return s.name }

// actions notify the topic of a severity, or nothing without topics.
func (s *ObservabilityStack) actions(sev spec.Severity) []awscloudwatch.IAlarmAction {
	if s.Alerts == nil {
		return nil
	}
	return []awscloudwatch.IAlarmAction{s.Alerts.AlarmAction(sev)}
}
