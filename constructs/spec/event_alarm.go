package spec

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/eventwatch/eventwatch/cwsim/stat"
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
	// Statistic is one of ValidStatistics or an extended statistic (p99,
	// tm99, TM(10%:90%), IQM, ...), spelled as CloudWatch documents it
	// (CheckStatistic). Default: DefaultStatistic (Sum).
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

// Validate checks the alarm against CloudWatch's rules and reports every
// problem (see Problems).
func (p *EventAlarmProps) Validate() error {
	d := p.withDefaults()
	var ps Problems
	d.checkRules(&ps)
	d.validateAlarm(&ps)
	d.validateMetricStat(&ps)
	return ps.Err()
}

// ValidateWithoutMetric checks the rules of the alarm's own fields, for an
// alarm on a metric that eventwatch knows nothing of (any
// awscloudwatch.IMetric): Metric, Statistic, PeriodSeconds and
// DimensionValues are not checked.
func (p *EventAlarmProps) ValidateWithoutMetric() error {
	d := p.withDefaults()
	var ps Problems
	d.checkRules(&ps)
	d.validateAlarm(&ps)
	return ps.Err()
}

func (d *EventAlarmProps) validateAlarm(ps *Problems) {
	switch {
	case d.AlarmName == "":
		ps.Add(fieldErr("alarmName", "is required"))
	case IsUnresolved(d.AlarmName):
	case chars(d.AlarmName) > MaxAlarmNameLength:
		ps.Add(fieldErr("alarmName", "%q is %d characters; CloudWatch allows at most %d", d.AlarmName, chars(d.AlarmName), MaxAlarmNameLength))
	}
	switch {
	case IsUnresolvedNumber(d.Threshold):
	case math.IsNaN(d.Threshold) || math.IsInf(d.Threshold, 0):
		ps.Add(fieldErr("threshold", "must be a finite number"))
	}
	if !IsUnresolvedInt(d.EvaluationPeriods) && (d.EvaluationPeriods < 1 || d.EvaluationPeriods > MaxEvaluationPeriods) {
		ps.Add(fieldErr("evaluationPeriods", "%d is out of range; expected 1 to %d", d.EvaluationPeriods, MaxEvaluationPeriods))
	}
	switch {
	case IsUnresolvedInt(d.DatapointsToAlarm) || ps.Has("evaluationPeriods"):
	case IsUnresolvedInt(d.EvaluationPeriods):
		if d.DatapointsToAlarm < 1 || d.DatapointsToAlarm > MaxEvaluationPeriods {
			ps.Add(fieldErr("datapointsToAlarm", "%d is out of range; expected 1 to evaluationPeriods (known at deploy time, at most %d)", d.DatapointsToAlarm, MaxEvaluationPeriods))
		}
	case d.DatapointsToAlarm < 1 || d.DatapointsToAlarm > d.EvaluationPeriods:
		ps.Add(fieldErr("datapointsToAlarm", "%d is out of range; expected 1 to evaluationPeriods (%d)", d.DatapointsToAlarm, d.EvaluationPeriods))
	}
	for _, k := range sortedKeys(d.Tags) {
		ps.Add(checkTag(k, d.Tags[k]))
	}
	ps.Add(d.checkAnomaly())
	ps.Add(oneOf("comparison", d.Comparison, slices.Concat(ValidComparisons, ValidAnomalyComparisons)))
	ps.Add(oneOf("missingData", d.TreatMissingData, ValidMissingData))
	ps.Add(oneOf("severity", d.Severity, Severities))
	if desc := d.description(); !IsUnresolved(desc) && chars(desc) > MaxAlarmDescriptionLen {
		ps.Add(fieldErr("description", "with the runbook link is %d characters; CloudWatch allows at most %d", chars(desc), MaxAlarmDescriptionLen))
	}
}

// validateMetricStat checks the statistic, the period and the dimension
// values of the alarm's event metric, and the evaluation window.
func (d *EventAlarmProps) validateMetricStat(ps *Problems) {
	switch {
	case IsUnresolvedInt(d.PeriodSeconds) || ps.Has("period"):
	case d.PeriodSeconds < 0 || (d.PeriodSeconds%60 != 0 && d.PeriodSeconds != 10 && d.PeriodSeconds != 20 && d.PeriodSeconds != 30):
		ps.Add(fieldErr("period", "%ds is not a CloudWatch alarm period; expected 10s, 20s, 30s or a multiple of 60s", d.PeriodSeconds))
	case IsUnresolvedInt(d.EvaluationPeriods) || ps.Has("evaluationPeriods"):
	case d.PeriodSeconds*d.EvaluationPeriods > 86400:
		ps.Add(fieldErr("evaluationPeriods", "period × evaluationPeriods is %ds; CloudWatch allows at most one day (86400s)", d.PeriodSeconds*d.EvaluationPeriods))
	}
	ps.Add(CheckStatistic("statistic", d.Statistic))
	if _, err := d.Metric.CheckDimensionValues(d.DimensionValues); err != nil {
		ps.Add(fieldErr("dimensions", "%v", err))
	}
}

// CheckStatistic checks a statistic as an alarm's Statistic or
// ExtendedStatistic takes it: one of ValidStatistics, or an extended
// statistic (percentile p99, trimmed mean tm99 or TM(10%:90%), IQM,
// winsorized mean wm99, trimmed count tc99, trimmed sum ts99, percentile
// rank PR(:300)), read by package stat as CloudWatch documents their
// spelling (lower case with one number, upper case with parentheses). The
// error's Cause is stat's *ParseError.
func CheckStatistic(field, s string) error {
	_, err := stat.Parse(s)
	if err == nil {
		return nil
	}
	var pe *stat.ParseError
	if errors.As(err, &pe) {
		return &FieldError{Field: field, Msg: fmt.Sprintf("%s: col %d: %s", echo(s), pe.Col, pe.Msg), Cause: err}
	}
	return &FieldError{Field: field, Msg: fmt.Sprintf("%s: %v", echo(s), err), Cause: err}
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
