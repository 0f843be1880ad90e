package stacks

import (
	"maps"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// The functions here turn a plan's props (package spec: plain Go values, as
// the config writes them) into the constructs' props (aws-cdk-go's types).
// The plan was validated; the constructs validate again, which costs
// microseconds.

func logGroupProps(p spec.LogGroupProps) *eventwatch.LogGroupProps {
	d := p.WithDefaults()
	retention, _ := eventwatch.Retention(d.RetentionDays)
	out := &eventwatch.LogGroupProps{
		LogGroupName:  jsii.String(d.LogGroupName),
		Retention:     retention,
		LogGroupClass: awslogs.LogGroupClass(d.Class),
		Encrypt:       jsii.Bool(d.Encrypt),
		RemovalPolicy: eventwatch.RemovalPolicy(d.RemovalPolicy),
		KeyAccess:     keyAccess(d.KeyAccess),
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
func adoptLogGroupProps(p spec.LogGroupProps) *eventwatch.AdoptLogGroupProps {
	out := &eventwatch.AdoptLogGroupProps{LogGroupName: jsii.String(p.Existing)}
	if p.RetentionDays != 0 {
		out.Retention, _ = eventwatch.Retention(p.RetentionDays)
	}
	return out
}

func alertTopicProps(p spec.AlertTopicProps) *eventwatch.AlertTopicProps {
	return &eventwatch.AlertTopicProps{
		NamePrefix:    jsii.String(p.NamePrefix),
		Subscriptions: p.Subscriptions,
		RemovalPolicy: eventwatch.RemovalPolicy(p.RemovalPolicy),
		Tags:          stringMap(p.Tags),
		KeyAccess:     keyAccess(p.KeyAccess),

		PublishingAlarms: optionalStrings(p.PublishingAlarms),
	}
}

// keyAccess is nil for the zero value: the account administers the keys.
func keyAccess(a spec.KeyAccess) *eventwatch.KeyAccess {
	if len(a.Administrators) == 0 && len(a.Users) == 0 {
		return nil
	}
	return &eventwatch.KeyAccess{Administrators: optionalStrings(a.Administrators), Users: optionalStrings(a.Users)}
}

// optionalStrings is nil for a nil list, so that the construct's default applies.
func optionalStrings(l []string) *[]*string {
	if l == nil {
		return nil
	}
	return jsii.Strings(l...)
}

func eventMetricProps(p spec.EventMetricProps, logGroup *eventwatch.LogGroup) *eventwatch.EventMetricProps {
	d := p.WithDefaults()
	out := &eventwatch.EventMetricProps{
		FilterPattern:   jsii.String(d.FilterPattern),
		MetricNamespace: jsii.String(d.Namespace),
		MetricName:      jsii.String(d.MetricName),
		MetricValue:     jsii.String(d.Value),
		Unit:            eventwatch.Unit(d.Unit),
		DefaultValue:    d.DefaultValue,
		Dimensions:      stringMap(d.Dimensions),
	}
	if logGroup != nil {
		out.LogGroup = logGroup.LogGroup()
	} else {
		out.LogGroupName = jsii.String(d.LogGroupName)
	}
	return out
}

// metricOptions reads an alarm's metric at the alarm's statistic and period.
func metricOptions(p spec.EventAlarmProps, ds durations) *awscloudwatch.MetricOptions {
	d := p.WithDefaults()
	return &awscloudwatch.MetricOptions{
		Statistic:     jsii.String(d.Statistic),
		Period:        ds.of(d.PeriodSeconds),
		DimensionsMap: stringMap(d.DimensionValues),
	}
}

func eventAlarmProps(p spec.EventAlarmProps, metric awscloudwatch.IMetric, actions []awscloudwatch.IAlarmAction) *eventwatch.EventAlarmProps {
	d := p.WithDefaults()
	out := &eventwatch.EventAlarmProps{
		Metric:             metric,
		AlarmName:          jsii.String(d.AlarmName),
		Threshold:          jsii.Number(d.Threshold),
		ComparisonOperator: eventwatch.ComparisonOperator(d.Comparison),
		EvaluationPeriods:  jsii.Number(d.EvaluationPeriods),
		DatapointsToAlarm:  jsii.Number(d.DatapointsToAlarm),
		TreatMissingData:   eventwatch.TreatMissingData(d.TreatMissingData),
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

func savedQueryProps(p spec.SavedQueryProps, logGroups []awslogs.ILogGroup) *eventwatch.SavedQueryProps {
	out := &eventwatch.SavedQueryProps{
		QueryDefinitionName: jsii.String(p.Name),
		QueryString:         jsii.String(p.QueryString),
	}
	if p.QueryLanguage != "" && p.QueryLanguage != spec.QueryLanguageInsights {
		out.QueryLanguage = jsii.String(p.QueryLanguage)
	}
	if len(logGroups) > 0 {
		out.LogGroups = &logGroups
	} else if len(p.LogGroupNames) > 0 {
		out.LogGroupNames = jsii.Strings(p.LogGroupNames...)
	}
	return out
}

// durations keeps the awscdk.Duration of each period in seconds for one
// stack, made once: a Duration is an immutable value in the CDK, and each
// one made costs a call into it. It is not kept across stacks, so that no
// Duration outlives the jsii process that made it.
type durations map[int]awscdk.Duration

func (ds durations) of(seconds int) awscdk.Duration {
	d, ok := ds[seconds]
	if !ok {
		d = awscdk.Duration_Seconds(jsii.Number(seconds))
		ds[seconds] = d
	}
	return d
}

// sortedKeys are the keys of m, sorted.
func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// stringMap is m in aws-cdk-go's form, or nil when empty.
func stringMap(m map[string]string) *map[string]*string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]*string, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out[k] = jsii.String(m[k])
	}
	return &out
}

// ratioMetric is numerator / denominator over the alarm's period and
// statistic, 0 for a period without a denominator.
func ratioMetric(numerator, denominator *eventwatch.EventMetric, a spec.EventAlarmProps, ds durations) awscloudwatch.IMetric {
	opts := metricOptions(a, ds)
	opts.DimensionsMap = nil
	return awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
		Expression: jsii.String("IF(denominator > 0, numerator / denominator, 0)"),
		UsingMetrics: &map[string]awscloudwatch.IMetric{
			"numerator":   numerator.Metric(opts),
			"denominator": denominator.Metric(opts),
		},
		Label:  jsii.String(a.AlarmName),
		Period: opts.Period,
	})
}

func silenceAlarmProps(p spec.SilenceAlarmProps, lg *eventwatch.LogGroup, actions []awscloudwatch.IAlarmAction, ds durations) *eventwatch.SilenceAlarmProps {
	out := &eventwatch.SilenceAlarmProps{
		LogGroup:         lg.LogGroup(),
		After:            ds.of(p.AfterSeconds),
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

func serviceAlarmProps(p spec.CompositeAlarmProps, members []awscloudwatch.IAlarm, actions []awscloudwatch.IAlarmAction) *eventwatch.ServiceAlarmProps {
	out := &eventwatch.ServiceAlarmProps{
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
