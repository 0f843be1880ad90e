package constructs

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// AlarmActions gives the action of each severity's alarms: an *AlertTopic,
// or TopicActions for topics of your own.
type AlarmActions interface {
	AlarmAction(sev Severity) awscloudwatch.IAlarmAction
}

// TopicActions notify any awssns.ITopic per severity, such as a team's own
// on-call topics. A nil topic leaves that severity's alarms without actions.
type TopicActions struct {
	Critical, Warning awssns.ITopic
}

// AlarmAction notifies the topic of sev.
func (t TopicActions) AlarmAction(sev Severity) awscloudwatch.IAlarmAction {
	topic := t.Warning
	if sev == Critical {
		topic = t.Critical
	}
	if topic == nil {
		return nil
	}
	return awscloudwatchactions.NewSnsAction(topic)
}

// ServiceProps configures a Service: the observability of one application
// that logs structured events, as one service of eventwatch's config
// builds it. The fields are package spec's plain Go values, the ones the
// config resolves (names, defaults, thresholds), so that an app that
// decodes services.yaml and one that writes its service in Go build the
// same resources.
type ServiceProps struct {
	// LogGroup is created with these props, or adopted when
	// LogGroup.Existing names a log group that exists already. Required.
	LogGroup spec.LogGroupProps
	// Events are the service's metrics and their alarms, in order.
	// Default: none.
	Events []ServiceEvent
	// LogAlarms are alarms on scheduled Logs Insights queries of the log
	// group. Default: none.
	LogAlarms []ServiceLogAlarm
	// Silence alarms when the log group receives no events. Default: none.
	Silence *ServiceSilence
	// Composite pages once for the service's critical alarms. Default: none.
	Composite *ServiceComposite
	// Dashboard shows the service's alarms, their metrics, the log group's
	// traffic and DashboardQueries. Default: none.
	Dashboard *spec.DashboardProps
	// DashboardQueries are Logs Insights queries shown on the dashboard.
	// Default: none.
	DashboardQueries []spec.SavedQueryProps
	// Alerts gives each severity's alarm action. Default: alarms without actions.
	Alerts AlarmActions
	// Tags are added to every taggable resource of the service. Default: none.
	Tags map[string]string
	// Values shares the CDK values the service makes (durations, filter
	// patterns) with the other services of its stack, so that each is made
	// once. Default: the service's own.
	Values *StackValues
}

// ServiceEvent is one event's metric filter and its alarm, or an alarm on
// the ratio of two events' metrics.
type ServiceEvent struct {
	// Name is the event's name; it names the constructs
	// ("MetricFilter<Name>", "Alarm<Name>"). Required.
	Name string
	// Metric is the event's metric filter. Default: none (a ratio's alarm).
	Metric *spec.EventMetricProps
	// Alarm on the event's metric, or on Ratio. Default: none.
	Alarm *spec.EventAlarmProps
	// Ratio names the events whose metrics the alarm divides. Default: none.
	Ratio *ServiceRatio
	// Notify is the severity whose action the alarm takes. Default: Warning.
	Notify Severity
}

// ServiceRatio is numerator / denominator, each the Name of an event of
// the service with a metric.
type ServiceRatio struct{ Numerator, Denominator string }

// ServiceLogAlarm is an alarm on a scheduled Logs Insights query.
type ServiceLogAlarm struct {
	// Name names the construct ("LogAlarm<Name>"). Required.
	Name  string
	Props spec.LogAlarmProps
	// Notify is the severity whose action the alarm takes. Default: Warning.
	Notify Severity
}

// ServiceSilence is the service's silence alarm.
type ServiceSilence struct {
	Props  spec.SilenceAlarmProps
	Notify Severity
}

// ServiceComposite is the service's composite alarm; its Members are
// alarm names of the service's other alarms.
type ServiceComposite struct {
	Props  spec.CompositeAlarmProps
	Notify Severity
}

// Service is everything one service of eventwatch's config builds: its log
// group (created or adopted), metric filters, alarms, log alarms, silence
// detection, composite alarm and dashboard, as children of one scope that
// carries the service's tags.
type Service struct {
	constructs.Construct
	// LogGroup is the service's log group: created, or adopted (LogGroup.Adopted).
	LogGroup *LogGroup
	// Metrics and Alarms are the events' constructs by event name.
	Metrics map[string]*EventMetric
	Alarms  map[string]*EventAlarm
	// Composite is the composite alarm, or nil.
	Composite *ServiceAlarm
	// Dashboard is the service's dashboard, or nil.
	Dashboard *Dashboard

	byAlarmName   map[string]awscloudwatch.IAlarm
	alarmOrder    []string
	compositeName string
	graphs        []*DashboardGraph
}

// Construct IDs of a service's one-of-a-kind children, below its scope:
// part of the construct's contract, since a changed ID replaces the
// resource.
const (
	ServiceLogGroupID     = "LogGroup"
	ServiceSilenceAlarmID = "SilenceAlarm"
	ServiceCompositeID    = "ServiceAlarm"
	ServiceDashboardID    = "Dashboard"
)

// NewService validates props and builds the service under scope as id.
func NewService(scope constructs.Construct, id string, props *ServiceProps) *Service {
	if props == nil {
		props = &ServiceProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	values := props.Values
	if values == nil {
		values = NewStackValues()
	}
	svc := &Service{Metrics: map[string]*EventMetric{}, Alarms: map[string]*EventAlarm{}, byAlarmName: map[string]awscloudwatch.IAlarm{}}
	constructs.NewConstruct_Override(svc, scope, jsii.String(id))
	if m := strMapOf(props.Tags); m != nil {
		t := awscdk.Tags_Of(svc)
		for _, k := range sortedStrings(props.Tags) {
			t.Add(jsii.String(k), (*m)[k], nil)
		}
	}
	if props.LogGroup.Existing != "" {
		svc.LogGroup = AdoptLogGroup(svc, ServiceLogGroupID, adoptLogGroupProps(props.LogGroup))
	} else {
		svc.LogGroup = NewLogGroup(svc, ServiceLogGroupID, logGroupPropsOf(props.LogGroup))
	}
	for _, ev := range props.Events {
		svc.addEvent(ev, props.Alerts, values)
	}
	for _, la := range props.LogAlarms {
		alarm := NewLogAlarm(svc, ServiceLogAlarmID(la.Name), logAlarmPropsOf(la.Props, svc.LogGroup, actionsOf(props.Alerts, la.Notify), values))
		svc.addAlarm(la.Props.AlarmName, alarm)
	}
	if s := props.Silence; s != nil {
		svc.addAlarm(s.Props.AlarmName, NewSilenceAlarm(svc, ServiceSilenceAlarmID, silenceAlarmPropsOf(s.Props, svc.LogGroup, actionsOf(props.Alerts, s.Notify), values)))
	}
	if c := props.Composite; c != nil {
		svc.Composite = NewServiceAlarm(svc, ServiceCompositeID, serviceAlarmPropsOf(c.Props, svc.members(c.Props.Members), actionsOf(props.Alerts, c.Notify)))
		svc.compositeName = c.Props.AlarmName
	}
	if props.Dashboard != nil {
		svc.Dashboard = NewDashboard(svc, ServiceDashboardID, svc.dashboardProps(*props.Dashboard, props.DashboardQueries))
	}
	return svc
}

// addEvent builds an event's metric filter and its alarm.
func (svc *Service) addEvent(ev ServiceEvent, alerts AlarmActions, values *StackValues) {
	if ev.Metric != nil {
		svc.Metrics[ev.Name] = NewEventMetric(svc, ServiceMetricID(ev.Name), eventMetricPropsOf(*ev.Metric, svc.LogGroup, values.patterns))
	}
	if ev.Alarm == nil {
		return
	}
	a := *ev.Alarm
	var metric awscloudwatch.IMetric
	if ev.Ratio != nil {
		metric = ratioMetric(svc.Metrics[ev.Ratio.Numerator], svc.Metrics[ev.Ratio.Denominator], a, values)
	} else {
		metric = svc.Metrics[ev.Name].Metric(metricOptionsOf(a, values))
	}
	alarm := NewEventAlarm(svc, ServiceAlarmID(ev.Name), eventAlarmPropsOf(a, metric, actionsOf(alerts, ev.Notify)))
	svc.Alarms[ev.Name] = alarm
	svc.addAlarm(a.AlarmName, alarm)
	svc.graphs = append(svc.graphs, alarmGraph(a, metric))
}

// actionsOf is the action of the notified severity (Warning when unset),
// or none.
func actionsOf(alerts AlarmActions, notify Severity) []awscloudwatch.IAlarmAction {
	if alerts == nil {
		return nil
	}
	if notify == "" {
		notify = Warning
	}
	if a := alerts.AlarmAction(notify); a != nil {
		return []awscloudwatch.IAlarmAction{a}
	}
	return nil
}

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

// AlarmList is the service's composite alarm, if any, then its other
// alarms, in the order they were built.
func (svc *Service) AlarmList() []awscloudwatch.IAlarm {
	var out []awscloudwatch.IAlarm
	if svc.Composite != nil {
		out = append(out, svc.Composite)
	}
	return append(out, svc.members(svc.alarmOrder)...)
}

// AlarmNames are the CloudWatch names of AlarmList's alarms, in its order.
func (svc *Service) AlarmNames() []string {
	names := slices.Clone(svc.alarmOrder)
	if svc.compositeName != "" {
		names = append([]string{svc.compositeName}, names...)
	}
	return names
}

// ServiceMetricID, ServiceAlarmID and ServiceLogAlarmID name an event's
// constructs in its service's scope: "MetricFilterQueueWorkerFailure".
func ServiceMetricID(event string) string  { return logicalID("MetricFilter", event) }
func ServiceAlarmID(event string) string   { return logicalID("Alarm", event) }
func ServiceLogAlarmID(name string) string { return logicalID("LogAlarm", name) }
