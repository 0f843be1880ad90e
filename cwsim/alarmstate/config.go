package alarmstate

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// How an alarm treats missing data (TreatMissingData): "breaching",
// "notBreaching", "ignore" or "missing"; "If this parameter is omitted,
// the default behavior of missing is used" (PutMetricAlarm).
const (
	TreatBreaching    = "breaching"
	TreatNotBreaching = "notBreaching"
	TreatIgnore       = "ignore"
	TreatMissing      = "missing"
)

// Limits of an alarm's evaluation settings.
const (
	// MinEvaluationPeriods: EvaluationPeriods and DatapointsToAlarm have a
	// "Minimum value of 1" (PutMetricAlarm).
	MinEvaluationPeriods = 1
	// MaxEvaluationPeriods: "Period multiplied by EvaluationPeriods can't be
	// more than 604,800 seconds. For alarms with a period of less than one
	// hour (3,600 seconds), the total evaluation period can't be longer than
	// one day (86,400 seconds)" (PutMetricAlarm); with the shortest period,
	// 10 seconds, that is 8,640 periods. Validate does not know the period,
	// so it checks only this bound.
	MaxEvaluationPeriods = 86_400 / 10
	// EvaluationRangeExtra is how many periods beyond EvaluationPeriods
	// the evaluation range reaches back (see EvaluationRange).
	EvaluationRangeExtra = 2
)

// Config is how a metric alarm is evaluated: the properties of
// AWS::CloudWatch::Alarm that decide its state.
type Config struct {
	// ComparisonOperator is one of the operator constants (CloudFormation
	// names). Required.
	ComparisonOperator string
	// Threshold is what the datapoint is compared with; unused by the band
	// operators.
	Threshold float64
	// EvaluationPeriods is N: "the number of the most recent periods, or
	// data points, to evaluate when determining alarm state". Required.
	EvaluationPeriods int
	// DatapointsToAlarm is M: "the number of data points within the
	// Evaluation Periods that must be breaching to cause the alarm to go to
	// the ALARM state". Default: 0, meaning EvaluationPeriods.
	DatapointsToAlarm int
	// TreatMissingData is one of the Treat constants. Default: "", meaning
	// TreatMissing (CloudWatch's default).
	TreatMissingData string
}

// Validate checks the settings, reporting every problem with the value
// and the limit.
func (c Config) Validate() error {
	var errs []error
	switch _, ok := operators[c.ComparisonOperator]; {
	case c.ComparisonOperator == "":
		errs = append(errs, fmt.Errorf("ComparisonOperator: required; expected one of %s", strings.Join(operatorNames, ", ")))
	case !ok:
		errs = append(errs, fmt.Errorf("ComparisonOperator: unknown %q; expected one of %s",
			c.ComparisonOperator, strings.Join(operatorNames, ", ")))
	case !c.UsesBand() && (math.IsNaN(c.Threshold) || math.IsInf(c.Threshold, 0)):
		errs = append(errs, fmt.Errorf("Threshold: must be a finite number, got %v", c.Threshold))
	}
	if c.EvaluationPeriods < MinEvaluationPeriods || c.EvaluationPeriods > MaxEvaluationPeriods {
		errs = append(errs, fmt.Errorf("EvaluationPeriods: must be from %d to %d, got %d",
			MinEvaluationPeriods, MaxEvaluationPeriods, c.EvaluationPeriods))
	}
	switch {
	case c.DatapointsToAlarm < 0:
		errs = append(errs, fmt.Errorf("DatapointsToAlarm: must be at least %d (or 0 for EvaluationPeriods), got %d",
			MinEvaluationPeriods, c.DatapointsToAlarm))
	case c.DatapointsToAlarm > c.EvaluationPeriods && c.EvaluationPeriods >= MinEvaluationPeriods:
		errs = append(errs, fmt.Errorf("DatapointsToAlarm: must not exceed EvaluationPeriods (%d), got %d",
			c.EvaluationPeriods, c.DatapointsToAlarm))
	}
	switch c.TreatMissingData {
	case "", TreatBreaching, TreatNotBreaching, TreatIgnore, TreatMissing:
	default:
		errs = append(errs, fmt.Errorf("TreatMissingData: unknown %q; expected %s, %s, %s or %s",
			c.TreatMissingData, TreatBreaching, TreatNotBreaching, TreatIgnore, TreatMissing))
	}
	return errors.Join(errs...)
}

// EvaluationRange is how many periods Evaluate looks back over:
// "CloudWatch attempts to retrieve a higher number of data points than the
// number specified as Evaluation Periods"; its example retrieves 5 for 3
// evaluation periods. The documentation gives no formula, so this is
// EvaluationPeriods + EvaluationRangeExtra.
func (c Config) EvaluationRange() int {
	return max(c.EvaluationPeriods, MinEvaluationPeriods) + EvaluationRangeExtra
}

// datapointsToAlarm is M, defaulted.
func (c Config) datapointsToAlarm() int {
	if c.DatapointsToAlarm == 0 {
		return c.EvaluationPeriods
	}
	return c.DatapointsToAlarm
}

// treatMissingData is the treatment of missing data, defaulted.
func (c Config) treatMissingData() string {
	if c.TreatMissingData == "" {
		return TreatMissing
	}
	return c.TreatMissingData
}
