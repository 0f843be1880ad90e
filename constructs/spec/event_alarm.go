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
	// PeriodSeconds is 10, 30 or a multiple of 60 (CloudWatch also takes 20,
	// which aws-cdk-lib's Metric refuses). Default: DefaultPeriodSeconds (300).
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
// DimensionValues are not checked, nor the evaluation window, but that
// EvaluationPeriods is at most MaxEvaluationPeriods.
func (p *EventAlarmProps) ValidateWithoutMetric() error {
	d := p.withDefaults()
	var ps Problems
	d.checkRules(&ps)
	d.validateAlarm(&ps)
	return ps.Err()
}

// ValidateOnExpression checks the alarm as Validate does, for an alarm on a
// metric math expression of event metrics, each read at the alarm's
// Statistic and PeriodSeconds (a ratio of two events): the statistic, the
// period and the evaluation window are checked; Metric and
// DimensionValues, which an expression does not have, are not.
func (p *EventAlarmProps) ValidateOnExpression() error {
	d := p.withDefaults()
	var ps Problems
	d.checkRules(&ps)
	d.validateAlarm(&ps)
	d.validatePeriod(&ps)
	ps.Add(CheckStatistic("statistic", d.Statistic))
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
	if !IsUnresolvedInt(d.EvaluationPeriods) && (d.EvaluationPeriods < MinEvaluationPeriods || d.EvaluationPeriods > MaxEvaluationPeriods) {
		ps.Add(fieldErr("evaluationPeriods", "%d is out of range; expected %d to %d (period × evaluationPeriods is at most one day for the shortest period, %ds)",
			d.EvaluationPeriods, MinEvaluationPeriods, MaxEvaluationPeriods, MinPeriodSeconds))
	}
	switch {
	case IsUnresolvedInt(d.DatapointsToAlarm) || ps.Has("evaluationPeriods"):
	case IsUnresolvedInt(d.EvaluationPeriods):
		if d.DatapointsToAlarm < MinEvaluationPeriods || d.DatapointsToAlarm > MaxEvaluationPeriods {
			ps.Add(fieldErr("datapointsToAlarm", "%d is out of range; expected %d to evaluationPeriods (known at deploy time, at most %d)", d.DatapointsToAlarm, MinEvaluationPeriods, MaxEvaluationPeriods))
		}
	case d.DatapointsToAlarm < MinEvaluationPeriods || d.DatapointsToAlarm > d.EvaluationPeriods:
		ps.Add(fieldErr("datapointsToAlarm", "%d is out of range; expected %d to evaluationPeriods (%d)", d.DatapointsToAlarm, MinEvaluationPeriods, d.EvaluationPeriods))
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
	d.validatePeriod(ps)
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

// RunbookPrefix introduces the runbook link at the end of an alarm's
// description; MaxRunbookLength is the longest link that fits an alarm
// description (MaxAlarmDescriptionLen characters) after it, with nothing
// else in the description.
const (
	RunbookPrefix    = "First step: follow the runbook "
	MaxRunbookLength = MaxAlarmDescriptionLen - len(RunbookPrefix)
)

// AlarmDescription is the description with the runbook link appended.
func (p EventAlarmProps) AlarmDescription() string { return p.description() }

func (p EventAlarmProps) description() string {
	s := p.Description
	if p.RunbookURL != "" {
		if s != "" {
			s += " "
		}
		s += RunbookPrefix + p.RunbookURL
	}
	return s
}

// validatePeriod checks the period and the evaluation window, period ×
// evaluationPeriods, against WindowLimit.
func (d *EventAlarmProps) validatePeriod(ps *Problems) {
	switch {
	case IsUnresolvedInt(d.PeriodSeconds) || ps.Has("period"):
	case d.PeriodSeconds == 20:
		// PutMetricAlarm takes 20, but aws-cdk-lib's Metric refuses it
		// ("'period' must be 1, 5, 10, 30, or a multiple of 60 seconds").
		ps.Add(fieldErr("period", "20s is a CloudWatch alarm period that aws-cdk-lib's metrics refuse; expected 10s, 30s or a multiple of 60s"))
	case d.PeriodSeconds < 0 || (d.PeriodSeconds%60 != 0 && d.PeriodSeconds != 10 && d.PeriodSeconds != 30):
		ps.Add(fieldErr("period", "%ds is not a CloudWatch alarm period; expected 10s, 30s or a multiple of 60s", d.PeriodSeconds))
	case IsUnresolvedInt(d.EvaluationPeriods) || ps.Has("evaluationPeriods"):
	default:
		ps.Add(CheckWindow("evaluationPeriods", d.PeriodSeconds, d.EvaluationPeriods))
	}
}

// WindowLimit is the longest evaluation window, period × evaluationPeriods,
// that CloudWatch allows an alarm of the given period:
// MaxShortPeriodWindowSeconds (one day) for periods under
// LongPeriodSeconds (an hour), MaxWindowSeconds (7 days) for longer ones.
func WindowLimit(periodSeconds int) int {
	if periodSeconds < LongPeriodSeconds {
		return MaxShortPeriodWindowSeconds
	}
	return MaxWindowSeconds
}

// CheckWindow checks an alarm's evaluation window, periodSeconds ×
// evaluationPeriods, against WindowLimit; field names the prop to blame.
// Both values are in range (a period of at most MaxPeriodSeconds, at most
// MaxEvaluationPeriods periods), so that the product cannot overflow.
func CheckWindow(field string, periodSeconds, evaluationPeriods int) error {
	window := periodSeconds * evaluationPeriods
	if window <= WindowLimit(periodSeconds) {
		return nil
	}
	if periodSeconds < LongPeriodSeconds {
		return fieldErr(field, "period × evaluationPeriods is %s (%ds); with a period under an hour, CloudWatch allows at most one day (%ds): a period of 1h or more allows up to 7 days (%ds)",
			FormatSeconds(window), window, MaxShortPeriodWindowSeconds, MaxWindowSeconds)
	}
	return fieldErr(field, "period × evaluationPeriods is %s (%ds); CloudWatch allows at most 7 days (%ds)", FormatSeconds(window), window, MaxWindowSeconds)
}

// FormatSeconds writes a duration as the config does: 169h, 24h30m, 90s.
func FormatSeconds(s int) string {
	if s <= 0 {
		return fmt.Sprintf("%ds", s)
	}
	out := ""
	for _, u := range []struct {
		unit string
		size int
	}{{"h", 3600}, {"m", 60}, {"s", 1}} {
		if n := s / u.size; n > 0 {
			out += fmt.Sprintf("%d%s", n, u.unit)
			s -= n * u.size
		}
	}
	return out
}
