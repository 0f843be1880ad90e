package alarmstate

import "fmt"

// The comparison operators, as CloudFormation and PutMetricAlarm name
// them: "The specified statistic value is used as the first operand." The
// last three "are used only for alarms based on anomaly detection models"
// and compare with the period's band instead of Threshold.
const (
	GreaterThanOrEqualToThreshold            = "GreaterThanOrEqualToThreshold"
	GreaterThanThreshold                     = "GreaterThanThreshold"
	LessThanThreshold                        = "LessThanThreshold"
	LessThanOrEqualToThreshold               = "LessThanOrEqualToThreshold"
	LessThanLowerOrGreaterThanUpperThreshold = "LessThanLowerOrGreaterThanUpperThreshold"
	GreaterThanUpperThreshold                = "GreaterThanUpperThreshold"
	LessThanLowerThreshold                   = "LessThanLowerThreshold"
)

// operator is how one comparison operator decides and words a breach.
type operator struct {
	band     bool                            // compares with the band, not Threshold
	breaches func(v, t, lo, hi float64) bool // v the value, t the threshold, [lo, hi] the band
	is, not  string                          // "greater than", "not greater than"
}

// operators holds every comparison operator. Threshold comparisons follow
// their names; band comparisons are strict: a value on a band edge is
// inside the band (see the package comment).
var operators = map[string]operator{
	GreaterThanOrEqualToThreshold: {false, func(v, t, _, _ float64) bool { return v >= t },
		"greater than or equal to", "not greater than or equal to"},
	GreaterThanThreshold: {false, func(v, t, _, _ float64) bool { return v > t },
		"greater than", "not greater than"},
	LessThanThreshold: {false, func(v, t, _, _ float64) bool { return v < t },
		"less than", "not less than"},
	LessThanOrEqualToThreshold: {false, func(v, t, _, _ float64) bool { return v <= t },
		"less than or equal to", "not less than or equal to"},
	LessThanLowerOrGreaterThanUpperThreshold: {true, func(v, _, lo, hi float64) bool { return v < lo || v > hi },
		"outside", "not outside"},
	GreaterThanUpperThreshold: {true, func(v, _, _, hi float64) bool { return v > hi },
		"above", "not above"},
	LessThanLowerThreshold: {true, func(v, _, lo, _ float64) bool { return v < lo },
		"below", "not below"},
}

// operatorNames lists the operators in the order error messages give them.
var operatorNames = []string{
	GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold,
	LessThanLowerOrGreaterThanUpperThreshold, GreaterThanUpperThreshold, LessThanLowerThreshold,
}

// Breaches tells whether one present point breaches. A point that is not
// Present never breaches: what a missing datapoint counts as is decided by
// TreatMissingData in Evaluate. An unknown operator breaches nothing.
func (c Config) Breaches(p Point) bool {
	op, ok := operators[c.ComparisonOperator]
	return ok && p.Present && op.breaches(p.Value, c.Threshold, p.Lower, p.Upper)
}

// UsesBand tells whether the alarm compares with an anomaly detection band
// (the band operators) rather than Threshold.
func (c Config) UsesBand() bool {
	return operators[c.ComparisonOperator].band
}

// condition words the comparison for a reason: "greater than the threshold
// (30.0)", or with negate "not greater than the threshold (30.0)"; for a
// band operator "outside the band".
func (c Config) condition(negate bool) string {
	op := operators[c.ComparisonOperator]
	words := op.is
	if negate {
		words = op.not
	}
	if op.band {
		return words + " the band"
	}
	return fmt.Sprintf("%s the threshold (%s)", words, formatValue(c.Threshold))
}
