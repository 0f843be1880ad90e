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
	// LogGroups are the stack's log groups by service.
	LogGroups map[string]*eventwatch.LogGroup
}

// NewObservabilityStack builds the stack for plan, named plan.StackName, in
// the plan's account and region, tagged with app, environment and owner.
// Nothing in it needs AWS credentials at synth time. The stack's log groups,
// keys, topics and subscriptions keep the logical IDs of earlier releases
// (see pinLogicalIDs).
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
	tags := map[string]*string{}
	for k, v := range plan.Tags {
		tags[k] = jsii.String(v)
	}
	sp.Tags = &tags
	s := &ObservabilityStack{
		Stack:     awscdk.NewStack(scope, jsii.String(plan.StackName), &sp),
		Alerts:    props.Alerts,
		LogGroups: map[string]*eventwatch.LogGroup{},
	}
	metrics := map[string]*eventwatch.EventMetric{}
	for _, it := range plan.Items {
		switch {
		case it.Topic != nil:
			s.Alerts = eventwatch.NewAlertTopic(s.Stack, it.Name, alertTopicProps(*it.Topic))
			pinAlertTopic(s.Alerts, it.Name, *it.Topic)
		case it.LogGroup != nil:
			lg := eventwatch.NewLogGroup(s.Stack, it.Name, logGroupProps(*it.LogGroup))
			pinLogGroup(lg, it.Name)
			s.LogGroups[it.Name] = lg
		case it.Metric != nil:
			metrics[it.Name] = eventwatch.NewEventMetric(s.Stack, metricID(it.Name), eventMetricProps(*it.Metric, s.LogGroups[it.Service]))
		case it.Alarm != nil:
			a := *it.Alarm
			metric := metrics[it.Name].Metric(metricOptions(a))
			var actions []awscloudwatch.IAlarmAction
			if s.Alerts != nil {
				actions = append(actions, s.Alerts.AlarmAction(a.WithDefaults().Severity))
			}
			eventwatch.NewEventAlarm(s.Stack, alarmID(it.Name), eventAlarmProps(a, metric, actions))
		case it.Query != nil:
			// Log groups of this stack by reference, so that CloudFormation
			// creates them first; when the query also reads another stack's,
			// all by name, in the config's order.
			var logGroups []awslogs.ILogGroup
			if len(it.QueryServices) == len(it.Query.LogGroupNames) {
				for _, svc := range it.QueryServices {
					logGroups = append(logGroups, s.LogGroups[svc].LogGroup())
				}
			}
			eventwatch.NewSavedQuery(s.Stack, queryID(it.Name), savedQueryProps(*it.Query, logGroups))
		}
	}
	return s, nil
}
