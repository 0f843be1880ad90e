package constructs

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// EventAlarmProps configures an EventAlarm.
type EventAlarmProps struct {
	// Metric alarmed on, with its statistic and period: EventMetric.Metric,
	// or any awscloudwatch.IMetric (whose period and dimensions eventwatch
	// then cannot check). Required.
	Metric awscloudwatch.IMetric
	// AlarmName is stable and readable; eventwatch's stacks use
	// "<env>-<service>-<event>". Required.
	AlarmName *string
	// AlarmDescription tells the on-call engineer what happened. Default: none.
	AlarmDescription *string
	// RunbookUrl is appended to the description. Default: none.
	RunbookUrl *string
	// Threshold the statistic is compared with; it may be a token
	// (awscdk.CfnParameter's ValueAsNumber), as may EvaluationPeriods and
	// DatapointsToAlarm. Required, unless AnomalyStdDevs is set.
	Threshold *float64
	// AnomalyStdDevs makes this an anomaly detection alarm: the metric is
	// compared with a band this many standard deviations wide, which
	// CloudWatch learns from the metric's history, instead of Threshold.
	// ComparisonOperator then says which side of the band alarms (default:
	// awscloudwatch.ComparisonOperator_LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD).
	// Not a token: aws-cdk-lib needs the band's width. Default: none, a
	// static threshold.
	AnomalyStdDevs *float64
	// ComparisonOperator of statistic and threshold.
	// Default: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD.
	ComparisonOperator awscloudwatch.ComparisonOperator
	// EvaluationPeriods is how many periods are evaluated: period ×
	// EvaluationPeriods is at most 7 days for periods of an hour or more,
	// one day for shorter ones (spec.WindowLimit; checked when the metric
	// is an EventMetric's, else only up to spec.MaxEvaluationPeriods).
	// Default: 1.
	EvaluationPeriods *float64
	// DatapointsToAlarm of those periods must breach. Default: EvaluationPeriods.
	DatapointsToAlarm *float64
	// TreatMissingData says what a period without data means.
	// Default: awscloudwatch.TreatMissingData_NOT_BREACHING for an event
	// count (no event, no problem), awscloudwatch.TreatMissingData_MISSING otherwise.
	TreatMissingData awscloudwatch.TreatMissingData
	// Actions are notified on ALARM and on OK: an AlertTopic's
	// AlarmAction(sev), awscloudwatchactions.NewSnsAction(topic), a Lambda
	// or SSM action. Default: none.
	Actions *[]awscloudwatch.IAlarmAction
	// ActionsEnabled false keeps the alarm evaluating without notifying
	// anyone, for development environments. Default: true.
	ActionsEnabled *bool
	// Tags are added to the alarm. Default: none.
	Tags *map[string]*string
}

// spec returns the props as package spec validates them, and whether the
// metric came from an EventMetric (so that its period, statistic and
// dimensions are known).
func (p *EventAlarmProps) spec() (spec.EventAlarmProps, bool) {
	s := spec.EventAlarmProps{
		AlarmName:         str(p.AlarmName),
		Description:       str(p.AlarmDescription),
		RunbookURL:        str(p.RunbookUrl),
		Threshold:         num(p.Threshold),
		AnomalyStdDevs:    num(p.AnomalyStdDevs),
		EvaluationPeriods: intProp(p.EvaluationPeriods),
		DatapointsToAlarm: intProp(p.DatapointsToAlarm),
		ActionsDisabled:   p.ActionsEnabled != nil && !*p.ActionsEnabled,
		Tags:              strMap(p.Tags),
	}
	if p.ComparisonOperator != "" {
		s.Comparison = cloudWatchName(string(p.ComparisonOperator), slices.Concat(spec.ValidComparisons, spec.ValidAnomalyComparisons), sameName)
	}
	if p.TreatMissingData != "" {
		s.TreatMissingData = cloudWatchName(string(p.TreatMissingData), spec.ValidMissingData, sameName)
	}
	var stat spec.MetricStat
	known := false
	if p.Metric != nil {
		if v, ok := knownMetrics.Load(p.Metric); ok {
			stat, known = v.(spec.MetricStat), true
		}
	}
	if known {
		s.Metric, s.Statistic, s.PeriodSeconds, s.DimensionValues = stat.Metric, stat.Statistic, stat.PeriodSeconds, stat.DimensionValues
	} else if s.TreatMissingData == "" {
		s.TreatMissingData = spec.DefaultValueMissingData
	}
	return s, known
}

// Validate checks the alarm against CloudWatch's rules, without Node.js,
// and reports every problem (errors.Join'ed spec.FieldErrors). A number
// prop that is a token skips the checks that need its value.
func (p *EventAlarmProps) Validate() error {
	var ps spec.Problems
	if p.Metric == nil {
		ps.Add(&spec.FieldError{Field: "metric", Msg: "is required"})
	}
	switch {
	case p.Threshold == nil && p.AnomalyStdDevs == nil:
		ps.Add(&spec.FieldError{Field: "threshold", Msg: "is required (or anomalyStdDevs, for an anomaly detection alarm)"})
	case p.Threshold != nil && p.AnomalyStdDevs != nil:
		ps.Add(&spec.FieldError{Field: "threshold", Msg: "set Threshold or AnomalyStdDevs, not both"})
	}
	if p.AnomalyStdDevs != nil && spec.IsUnresolvedNumber(*p.AnomalyStdDevs) {
		ps.Add(&spec.FieldError{Field: "anomalyStdDevs", Msg: "is a token; aws-cdk-lib's anomaly detection band needs its width's value (Metric.anomalyDetectionFor refuses one not greater than 0)"})
	}
	s, known := p.spec()
	if known {
		ps.Add(s.Validate())
	} else {
		ps.Add(s.ValidateWithoutMetric())
	}
	return ps.Err()
}

// EventAlarm is a CloudWatch alarm on an event metric (or any metric),
// against a static threshold or an anomaly detection band, that notifies
// its actions on ALARM and on OK, with the runbook in its description. It
// is an aws-cdk-lib awscloudwatch.Alarm (an AnomalyDetectionAlarm for a
// band), and so an awscloudwatch.IAlarm: a CompositeAlarm rule, a dashboard
// widget or AddAlarmAction take it as it is.
type EventAlarm struct {
	awscloudwatch.Alarm
	runbookURL *string
}

// NewEventAlarm validates props and adds the alarm (its CloudFormation
// resource is its child "Resource") to scope.
func NewEventAlarm(scope constructs.Construct, id string, props *EventAlarmProps) *EventAlarm {
	if props == nil {
		props = &EventAlarmProps{}
	}
	mustValidateAt(scope, id, props.Validate())
	s, known := props.spec()
	d := s.WithDefaults()
	alarmProps := &awscloudwatch.AlarmProps{
		Metric:             props.Metric,
		AlarmName:          props.AlarmName,
		Threshold:          props.Threshold,
		ComparisonOperator: ComparisonOperator(d.Comparison),
		EvaluationPeriods:  cdkNumber(d.EvaluationPeriods, props.EvaluationPeriods),
		// DatapointsToAlarm defaults to EvaluationPeriods, a token too when it is one.
		DatapointsToAlarm: cdkNumber(d.DatapointsToAlarm, firstNumber(props.DatapointsToAlarm, props.EvaluationPeriods)),
		TreatMissingData:  TreatMissingData(d.TreatMissingData),
		ActionsEnabled:    jsii.Bool(!d.ActionsDisabled),
	}
	if desc := d.AlarmDescription(); desc != "" {
		alarmProps.AlarmDescription = jsii.String(desc)
	}
	a := &EventAlarm{runbookURL: props.RunbookUrl}
	if props.AnomalyStdDevs != nil {
		awscloudwatch.NewAnomalyDetectionAlarm_Override(a, scope, jsii.String(id), &awscloudwatch.AnomalyDetectionAlarmProps{
			Metric: alarmProps.Metric, AlarmName: alarmProps.AlarmName, AlarmDescription: alarmProps.AlarmDescription,
			StdDevs: props.AnomalyStdDevs, ComparisonOperator: alarmProps.ComparisonOperator,
			EvaluationPeriods: alarmProps.EvaluationPeriods, DatapointsToAlarm: alarmProps.DatapointsToAlarm,
			TreatMissingData: alarmProps.TreatMissingData, ActionsEnabled: alarmProps.ActionsEnabled,
		})
	} else {
		awscloudwatch.NewAlarm_Override(a, scope, jsii.String(id), alarmProps)
		if known && d.Statistic == iqm {
			// aws-cdk-lib 2.270 writes IQM as the alarm's Statistic, which
			// CloudFormation refuses; it is an ExtendedStatistic
			// (aws/aws-cdk#28812). Every other extended statistic it places right.
			r := cfnResource(a)
			r.AddPropertyDeletionOverride(jsii.String("Statistic"))
			r.AddPropertyOverride(jsii.String("ExtendedStatistic"), jsii.String(iqm))
		}
	}
	if props.Actions != nil && len(*props.Actions) > 0 {
		a.AddAlarmAction(*props.Actions...)
		a.AddOkAction(*props.Actions...)
	}
	addTags(a, props.Tags)
	return a
}

// RunbookUrl is the runbook linked from the alarm's description, or nil.
func (a *EventAlarm) RunbookUrl() *string { return a.runbookURL }

// iqm is the interquartile mean, an extended statistic.
const iqm = "IQM"

// firstNumber is the first of ns that is set, or nil.
func firstNumber(ns ...*float64) *float64 {
	for _, n := range ns {
		if n != nil {
			return n
		}
	}
	return nil
}
