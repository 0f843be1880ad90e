package alarmstate

import "testing"

// FuzzEvaluate: Evaluate never panics and always returns one of the three
// states with a reason; with every period of the range present,
// TreatMissingData makes no difference ("If no data points in the
// evaluation range are missing ... the value you set for how to treat
// missing data is not needed", AlarmThatSendsEmail.html).
func FuzzEvaluate(f *testing.F) {
	f.Add(uint8(3), uint8(2), uint8(1), uint8(0), []byte{0, 1, 2, 255, 9})
	f.Add(uint8(1), uint8(0), uint8(4), uint8(3), []byte{})
	f.Add(uint8(5), uint8(5), uint8(6), uint8(2), []byte{255, 255, 3, 255, 40, 40, 40})
	treatments := []string{"", TreatMissing, TreatIgnore, TreatBreaching, TreatNotBreaching}
	states := []State{"", OK, Alarm, InsufficientData}
	f.Fuzz(func(t *testing.T, n, m, op, prev uint8, data []byte) {
		c := Config{ComparisonOperator: operatorNames[int(op)%len(operatorNames)], Threshold: 10,
			EvaluationPeriods: int(n%12) + 1, DatapointsToAlarm: int(m % 13)}
		c.DatapointsToAlarm = min(c.DatapointsToAlarm, c.EvaluationPeriods)
		window := make([]Point, len(data))
		complete := len(data) >= c.EvaluationRange()
		for i, b := range data {
			window[i] = Point{Value: float64(b % 32), Present: b != 255, Lower: 8, Upper: 12}
			if b == 255 && i >= len(data)-c.EvaluationRange() {
				complete = false
			}
		}
		var first State
		for i, treat := range treatments {
			c.TreatMissingData = treat
			state, reason := Evaluate(c, states[int(prev)%len(states)], window)
			if !state.Valid() || reason == "" {
				t.Fatalf("Evaluate(%+v, %v) = %q, %q", c, window, state, reason)
			}
			if i == 0 {
				first = state
			} else if complete && state != first {
				t.Fatalf("complete window %v: %s gives %s, missing gives %s", window, treat, state, first)
			}
		}
	})
}
