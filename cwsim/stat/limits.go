package stat

// Limits of the statistic syntax, from "CloudWatch statistics definitions"
// (Statistics-definitions.html) and the Percentiles section of "Amazon
// CloudWatch concepts".
const (
	// MaxDecimals: the bounds of TM, WM, TC and TS are "numbers between 0
	// and 100, up to 10 decimal places", and a percentile can be specified
	// "with up to ten decimal places (for example, p95.0123456789)". Parse
	// applies the same limit to value bounds (TM(150:1000), PR(:300)).
	MaxDecimals = 10
	// MinPercent and MaxPercent bound a percentile and a percentage bound,
	// both inclusive: "Specify a value between p0.0 and p100"
	// (ExtendedStatistic, PutMetricAlarm).
	MinPercent = 0
	MaxPercent = 100
)

// percentUnits is the fixed-point scale of a percentage: a percentage is
// held exactly as an integer number of 10^-MaxDecimals percent, so that
// the ranks a bound selects do not depend on floating-point rounding.
const percentUnits = 10_000_000_000 // 10^MaxDecimals

// hundredPercent is 100% in percentUnits.
const hundredPercent = MaxPercent * percentUnits
