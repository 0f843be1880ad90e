package alarmstate

// State is the state of a metric alarm ("Alarm states", alarm-evaluation.html).
type State string

const (
	// OK: "The metric or expression is within the defined threshold."
	OK State = "OK"
	// Alarm: "The metric or expression is outside of the defined threshold."
	Alarm State = "ALARM"
	// InsufficientData: "The alarm has just started, the metric is not
	// available, or not enough data is available for the metric to
	// determine the alarm state."
	InsufficientData State = "INSUFFICIENT_DATA"
)

// Valid tells whether s is one of the three states.
func (s State) Valid() bool {
	return s == OK || s == Alarm || s == InsufficientData
}

// Point is one period's datapoint of the alarm's metric (after the
// statistic or metric math).
type Point struct {
	Value   float64
	Present bool // false: no datapoint in that period
	// Lower and Upper are the anomaly detection band for the period, which
	// the band operators compare Value with.
	Lower, Upper float64
}
