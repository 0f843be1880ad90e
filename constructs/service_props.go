package constructs

import (
	"maps"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/internal/cfn"
)

// The functions here turn a service's props (package spec: plain Go
// values, as the config writes them) into the constructs' props
// (aws-cdk-go's types). The constructs validate them.

// StackValues are CDK values that the services of one stack share, each
// made once: a duration per period and a filter pattern per text (each
// value made costs a call into the CDK). A value belongs to the jsii
// process that made it: keep one StackValues per stack, never across
// jsii.Close.
type StackValues struct {
	durations map[int]awscdk.Duration
	patterns  FilterPatterns
}

// NewStackValues is an empty StackValues.
func NewStackValues() *StackValues {
	return &StackValues{durations: map[int]awscdk.Duration{}, patterns: FilterPatterns{}}
}

// seconds is the awscdk.Duration of a period, made once.
func (v *StackValues) seconds(n int) awscdk.Duration {
	d, ok := v.durations[n]
	if !ok {
		d = awscdk.Duration_Seconds(jsii.Number(n))
		v.durations[n] = d
	}
	return d
}

func logGroupPropsOf(p spec.LogGroupProps) *LogGroupProps {
	d := p.WithDefaults()
	retention, _ := Retention(d.RetentionDays)
	out := &LogGroupProps{
		LogGroupName:  jsii.String(d.LogGroupName),
		Retention:     retention,
		LogGroupClass: awslogs.LogGroupClass(d.Class),
		Encrypt:       jsii.Bool(d.Encrypt),
		RemovalPolicy: RemovalPolicy(d.RemovalPolicy),
		KeyAccess:     KeyAccessOf(d.KeyAccess),
	}
	if d.DeletionProtection {
		out.DeletionProtection = jsii.Bool(true)
	}
	if len(d.FieldIndexes) > 0 {
		out.FieldIndexes = jsii.Strings(d.FieldIndexes...)
	}
	if len(d.MaskedDataIdentifiers) > 0 {
		out.MaskedDataIdentifiers = jsii.Strings(d.MaskedDataIdentifiers...)
	}
	return out
}

// adoptLogGroupProps are the props of an adopted log group: its name and
// the retention the config gives it, if any.
func adoptLogGroupProps(p spec.LogGroupProps) *AdoptLogGroupProps {
	out := &AdoptLogGroupProps{LogGroupName: jsii.String(p.Existing)}
	if p.RetentionDays != 0 {
		out.Retention, _ = Retention(p.RetentionDays)
	}
	return out
}

// KeyAccessOf is nil for the zero value: the account administers the keys.
func KeyAccessOf(a spec.KeyAccess) *KeyAccess {
	if len(a.Administrators) == 0 && len(a.Users) == 0 {
		return nil
	}
	return &KeyAccess{Administrators: optionalStrings(a.Administrators), Users: optionalStrings(a.Users)}
}

// optionalStrings is nil for a nil list, so that the construct's default applies.
func optionalStrings(l []string) *[]*string {
	if l == nil {
		return nil
	}
	return jsii.Strings(l...)
}

// eventMetricPropsOf are the props of an event's metric filter on lg.
func eventMetricPropsOf(p spec.EventMetricProps, lg *LogGroup, patterns FilterPatterns) *EventMetricProps {
	d := p.WithDefaults()
	out := &EventMetricProps{
		FilterPattern:   jsii.String(d.FilterPattern),
		MetricNamespace: jsii.String(d.Namespace),
		MetricName:      jsii.String(d.MetricName),
		MetricValue:     jsii.String(d.Value),
		Unit:            Unit(d.Unit),
		DefaultValue:    d.DefaultValue,
		Dimensions:      strMapOf(d.Dimensions),
		Patterns:        patterns,
	}
	if lg != nil {
		out.LogGroup = lg.LogGroup()
	} else {
		out.LogGroupName = jsii.String(d.LogGroupName)
	}
	return out
}

// metricOptionsOf reads an alarm's metric at the alarm's statistic and period.
func metricOptionsOf(p spec.EventAlarmProps, v *StackValues) *awscloudwatch.MetricOptions {
	d := p.WithDefaults()
	return &awscloudwatch.MetricOptions{
		Statistic:     jsii.String(d.Statistic),
		Period:        v.seconds(d.PeriodSeconds),
		DimensionsMap: strMapOf(d.DimensionValues),
	}
}

func eventAlarmPropsOf(p spec.EventAlarmProps, metric awscloudwatch.IMetric, actions []awscloudwatch.IAlarmAction) *EventAlarmProps {
	d := p.WithDefaults()
	out := &EventAlarmProps{
		Metric:             metric,
		AlarmName:          jsii.String(d.AlarmName),
		Threshold:          jsii.Number(d.Threshold),
		ComparisonOperator: ComparisonOperator(d.Comparison),
		EvaluationPeriods:  jsii.Number(d.EvaluationPeriods),
		DatapointsToAlarm:  jsii.Number(d.DatapointsToAlarm),
		TreatMissingData:   TreatMissingData(d.TreatMissingData),
		ActionsEnabled:     jsii.Bool(!d.ActionsDisabled),
	}
	if d.Description != "" {
		out.AlarmDescription = jsii.String(d.Description)
	}
	if d.RunbookURL != "" {
		out.RunbookUrl = jsii.String(d.RunbookURL)
	}
	if d.AnomalyStdDevs != 0 {
		out.Threshold, out.AnomalyStdDevs = nil, jsii.Number(d.AnomalyStdDevs)
	}
	if len(actions) > 0 {
		out.Actions = &actions
	}
	return out
}

// ratioMetric is numerator / denominator over the alarm's period and
// statistic, 0 for a period without a denominator.
func ratioMetric(numerator, denominator *EventMetric, a spec.EventAlarmProps, v *StackValues) awscloudwatch.IMetric {
	opts := metricOptionsOf(a, v)
	opts.DimensionsMap = nil
	using := map[string]awscloudwatch.IMetric{
		"numerator":   numerator.Metric(opts),
		"denominator": denominator.Metric(opts),
	}
	expr := awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
		Expression:   jsii.String(ratioExpression),
		UsingMetrics: &using,
		Label:        jsii.String(a.AlarmName),
		Period:       opts.Period,
	})
	drawExpression(expr, ratioExpression, a.AlarmName, a.WithDefaults().PeriodSeconds, using)
	return expr
}

// ratioExpression is a ratio alarm's metric math.
const ratioExpression = "IF(denominator > 0, numerator / denominator, 0)"

func silenceAlarmPropsOf(p spec.SilenceAlarmProps, lg *LogGroup, actions []awscloudwatch.IAlarmAction, v *StackValues) *SilenceAlarmProps {
	out := &SilenceAlarmProps{
		LogGroup:         lg.LogGroup(),
		After:            v.seconds(p.AfterSeconds),
		AlarmName:        jsii.String(p.AlarmName),
		AlarmDescription: jsii.String(p.Description),
		ActionsEnabled:   jsii.Bool(!p.ActionsDisabled),
	}
	if p.RunbookURL != "" {
		out.RunbookUrl = jsii.String(p.RunbookURL)
	}
	if len(actions) > 0 {
		out.Actions = &actions
	}
	return out
}

func serviceAlarmPropsOf(p spec.CompositeAlarmProps, members []awscloudwatch.IAlarm, actions []awscloudwatch.IAlarmAction) *ServiceAlarmProps {
	out := &ServiceAlarmProps{
		CompositeAlarmName: jsii.String(p.AlarmName),
		Alarms:             &members,
		AlarmDescription:   jsii.String(p.Description),
		ActionsEnabled:     jsii.Bool(!p.ActionsDisabled),
	}
	if p.RunbookURL != "" {
		out.RunbookUrl = jsii.String(p.RunbookURL)
	}
	if len(actions) > 0 {
		out.Actions = &actions
	}
	return out
}

// logAlarmPropsOf are the props of a log alarm on the service's log group.
func logAlarmPropsOf(p spec.LogAlarmProps, lg *LogGroup, actions []awscloudwatch.IAlarmAction, v *StackValues) *LogAlarmProps {
	d := p.WithDefaults()
	out := &LogAlarmProps{
		AlarmName:              jsii.String(d.AlarmName),
		QueryString:            jsii.String(d.QueryString),
		LogGroups:              &[]awslogs.ILogGroup{lg.LogGroup()},
		Schedule:               v.seconds(int(*d.ScheduleSeconds)),
		Window:                 v.seconds(int(*d.WindowSeconds)),
		AggregationExpression:  jsii.String(d.AggregationExpression),
		Threshold:              jsii.Number(d.Threshold),
		ComparisonOperator:     ComparisonOperator(d.Comparison),
		QueryResultsToEvaluate: d.QueryResultsToEvaluate,
		QueryResultsToAlarm:    d.QueryResultsToAlarm,
		TreatMissingData:       TreatMissingData(d.TreatMissingData),
		ActionsEnabled:         jsii.Bool(!d.ActionsDisabled),
		Tags:                   strMapOf(d.Tags),
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

// strMapOf is m in aws-cdk-go's form, or nil when empty.
func strMapOf(m map[string]string) *map[string]*string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]*string, len(m))
	for _, k := range sortedStrings(m) {
		out[k] = jsii.String(m[k])
	}
	return &out
}

// sortedStrings are the keys of m, sorted.
func sortedStrings(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// logicalID joins parts into a CloudFormation logical ID, as the stacks
// name constructs: "MetricFilter" + "queue-worker-failure" gives
// "MetricFilterQueueWorkerFailure".
func logicalID(parts ...string) string { return cfn.LogicalID(parts...) }
