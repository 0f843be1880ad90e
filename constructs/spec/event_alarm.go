package spec

import (
	"math"
	"slices"
)

// EventAlarmProps configures an EventAlarm on an EventMetric.
type EventAlarmProps struct {
	// Metric is the event metric alarmed on. Required.
	Metric EventMetricProps
	// DimensionValues picks the series of a metric with dimensions, a value
	// for each dimension. Required exactly when the metric has dimensions.
	DimensionValues map[string]string
	// AlarmName is stable and readable, eventwatch uses "<env>-<service>-<event>". Required.
	AlarmName string
	// Description tells the on-call engineer what happened. Default: none.
	Description string
	// RunbookURL is appended to the description. Default: none.
	RunbookURL string
	// Threshold the statistic is compared with. Required.
	Threshold float64
	// Comparison is one of ValidComparisons. Default: DefaultComparison.
	Comparison string
	// Statistic is one of ValidStatistics. Default: DefaultStatistic (Sum).
	Statistic string
	// PeriodSeconds is 10, 20, 30 or a multiple of 60. Default: DefaultPeriodSeconds (300).
	PeriodSeconds int
	// EvaluationPeriods is how many periods are evaluated. Default: DefaultEvaluationPeriods (1).
	EvaluationPeriods int
	// DatapointsToAlarm of those periods must breach. Default: EvaluationPeriods.
	DatapointsToAlarm int
	// TreatMissingData is one of ValidMissingData. Default: "notBreaching"
	// for count metrics (no event, no problem), "missing" otherwise.
	TreatMissingData string
	// Severity routes ALARM and OK notifications to that topic. Default: DefaultSeverity.
	Severity Severity
	// ActionsDisabled keeps the alarm evaluating without notifying anyone,
	// for development environments. Default: false.
	ActionsDisabled bool
	// Tags are added to the alarm. Default: none.
	Tags map[string]string
	// AnomalyStdDevs makes the alarm compare the metric with an anomaly
	// detection band this many standard deviations wide instead of
	// Threshold; Comparison is then one of ValidAnomalyComparisons.
	// Default: 0, a static threshold.
	AnomalyStdDevs float64
}

// WithDefaults returns the props with every default applied.
func (p EventAlarmProps) WithDefaults() EventAlarmProps { return p.withDefaults() }

func (p EventAlarmProps) withDefaults() EventAlarmProps {
	p.Metric = p.Metric.WithDefaults()
	if p.Comparison == "" {
		p.Comparison = DefaultComparison
		if p.AnomalyStdDevs != 0 {
			p.Comparison = DefaultAnomalyComparison
		}
	}
	if p.Statistic == "" {
		p.Statistic = DefaultStatistic
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = DefaultPeriodSeconds
	}
	if p.EvaluationPeriods == 0 {
		p.EvaluationPeriods = DefaultEvaluationPeriods
	}
	if p.DatapointsToAlarm == 0 {
		p.DatapointsToAlarm = p.EvaluationPeriods
	}
	if p.TreatMissingData == "" {
		p.TreatMissingData = DefaultValueMissingData
		if isNumber(p.Metric.Value) {
			p.TreatMissingData = DefaultCountMissingData
		}
	}
	if p.Severity == "" {
		p.Severity = DefaultSeverity
	}
	return p
}

// Validate checks the alarm against CloudWatch's rules.
func (p *EventAlarmProps) Validate() error {
	d := p.withDefaults()
	if err := d.checkRules(); err != nil {
		return err
	}
	if err := d.validateAlarm(); err != nil {
		return err
	}
	return d.validateMetricStat()
}

// ValidateWithoutMetric checks the rules of the alarm's own fields, for an
// alarm on a metric that eventwatch knows nothing of (any
// awscloudwatch.IMetric): Metric, Statistic, PeriodSeconds and
// DimensionValues are not checked.
func (p *EventAlarmProps) ValidateWithoutMetric() error {
	d := p.withDefaults()
	if err := d.checkRules(); err != nil {
		return err
	}
	return d.validateAlarm()
}

func (d *EventAlarmProps) validateAlarm() error {
	switch {
	case d.AlarmName == "":
		return fieldErr("alarmName", "is required")
	case IsUnresolved(d.AlarmName):
	case chars(d.AlarmName) > MaxAlarmNameLength:
		return fieldErr("alarmName", "%q is %d characters; CloudWatch allows at most %d", d.AlarmName, chars(d.AlarmName), MaxAlarmNameLength)
	}
	switch {
	case IsUnresolvedNumber(d.Threshold):
	case math.IsNaN(d.Threshold) || math.IsInf(d.Threshold, 0):
		return fieldErr("threshold", "must be a finite number")
	}
	switch {
	case d.EvaluationPeriods < 1 || d.EvaluationPeriods > MaxEvaluationPeriods:
		return fieldErr("evaluationPeriods", "%d is out of range; expected 1 to %d", d.EvaluationPeriods, MaxEvaluationPeriods)
	case d.DatapointsToAlarm < 1 || d.DatapointsToAlarm > d.EvaluationPeriods:
		return fieldErr("datapointsToAlarm", "%d is out of range; expected 1 to evaluationPeriods (%d)", d.DatapointsToAlarm, d.EvaluationPeriods)
	}
	for k, v := range d.Tags {
		if err := checkTag(k, v); err != nil {
			return err
		}
	}
	if err := d.checkAnomaly(); err != nil {
		return err
	}
	if err := oneOf("comparison", d.Comparison, slices.Concat(ValidComparisons, ValidAnomalyComparisons)); err != nil {
		return err
	}
	if err := oneOf("missingData", d.TreatMissingData, ValidMissingData); err != nil {
		return err
	}
	if err := oneOf("severity", d.Severity, Severities); err != nil {
		return err
	}
	if desc := d.description(); !IsUnresolved(desc) && chars(desc) > MaxAlarmDescriptionLen {
		return fieldErr("description", "with the runbook link is %d characters; CloudWatch allows at most %d", chars(desc), MaxAlarmDescriptionLen)
	}
	return nil
}

// validateMetricStat checks the statistic, the period and the dimension
// values of the alarm's event metric, and the evaluation window.
func (d *EventAlarmProps) validateMetricStat() error {
	switch {
	case d.PeriodSeconds < 0 || (d.PeriodSeconds%60 != 0 && d.PeriodSeconds != 10 && d.PeriodSeconds != 20 && d.PeriodSeconds != 30):
		return fieldErr("period", "%ds is not a CloudWatch alarm period; expected 10s, 20s, 30s or a multiple of 60s", d.PeriodSeconds)
	case d.PeriodSeconds*d.EvaluationPeriods > 86400:
		return fieldErr("evaluationPeriods", "period × evaluationPeriods is %ds; CloudWatch allows at most one day (86400s)", d.PeriodSeconds*d.EvaluationPeriods)
	}
	if err := oneOf("statistic", d.Statistic, ValidStatistics); err != nil {
		return err
	}
	if _, err := d.Metric.CheckDimensionValues(d.DimensionValues); err != nil {
		return fieldErr("dimensions", "%v", err)
	}
	return nil
}

// AlarmDescription is the description with the runbook link appended.
func (p EventAlarmProps) AlarmDescription() string { return p.description() }

func (p EventAlarmProps) description() string {
	s := p.Description
	if p.RunbookURL != "" {
		if s != "" {
			s += " "
		}
		s += "First step: follow the runbook " + p.RunbookURL
	}
	return s
}
