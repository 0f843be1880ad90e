package alarmstate

import "strings"

// datum is one real datapoint of the evaluation range.
type datum struct {
	value     float64
	breaching bool
	age       int // how many periods ago: the newest period is 1
}

// evaluation is one evaluation of an alarm, with its settings defaulted.
type evaluation struct {
	c       Config
	n, m    int    // EvaluationPeriods, DatapointsToAlarm
	treat   string // TreatMissingData
	periods int    // the evaluation range
}

// Evaluate returns the alarm's state after an evaluation whose most recent
// periods are window, oldest first (the last element is the newest
// period), given the state before it, and says why in one sentence, like
// CloudWatch's StateReason: "2 out of the last 3 datapoints [45.0, 31.0]
// were greater than the threshold (30.0) (minimum 2 datapoints for ALARM)".
//
// window is the evaluation range: Evaluate looks at its newest
// EvaluationRange periods (see the package comment for the rules). A
// config that does not Validate leaves the alarm in INSUFFICIENT_DATA.
func Evaluate(c Config, prev State, window []Point) (State, string) {
	if err := c.Validate(); err != nil {
		return InsufficientData, "the alarm cannot be evaluated: " + strings.ReplaceAll(err.Error(), "\n", "; ")
	}
	if !prev.Valid() {
		prev = InsufficientData
	}
	e := evaluation{c: c, n: c.EvaluationPeriods, m: c.datapointsToAlarm(), treat: c.treatMissingData(), periods: c.EvaluationRange()}
	if len(window) > e.periods {
		window = window[len(window)-e.periods:]
	}
	var real []datum
	for i, p := range window {
		if p.Present {
			real = append(real, datum{p.Value, c.Breaches(p), len(window) - i})
		}
	}
	switch {
	case len(real) >= e.n:
		// Enough real datapoints: the N most recent decide, missing ones
		// between them notwithstanding.
		return e.count(real[len(real)-e.n:], 0)
	case e.treat == TreatBreaching || e.treat == TreatNotBreaching:
		// Too few: every real datapoint, plus as many filled in as needed.
		return e.count(real, e.n-len(real))
	default:
		return e.partial(real, prev)
	}
}

// count decides over N datapoints: the real ones given and filled ones that
// breach when missing data is treated as breaching.
func (e evaluation) count(real []datum, filled int) (State, string) {
	fillBreaches := e.treat == TreatBreaching
	breaching := countBreaching(real)
	if fillBreaches {
		breaching += filled
	}
	if breaching >= e.m {
		return Alarm, e.countReason(real, filled, true)
	}
	return OK, e.countReason(real, filled, false)
}

// partial decides over fewer than N real datapoints when missing data is
// treated as missing or ignored: nothing is filled in.
func (e evaluation) partial(real []datum, prev State) (State, string) {
	breaching := countBreaching(real)
	switch {
	case breaching >= e.m:
		return Alarm, e.partialReason(real, true)
	case breaching < len(real):
		return OK, e.partialReason(real, false)
	case e.treat == TreatIgnore:
		return prev, e.undecidedReason(real, prev)
	case len(real) > 0 && real[0].age >= e.m:
		// Premature alarm rule: the oldest breaching datapoint is at
		// least M periods old and every newer one breaches or is missing.
		return Alarm, e.prematureReason(real)
	default:
		return InsufficientData, e.undecidedReason(real, InsufficientData)
	}
}

// countBreaching counts the breaching datapoints.
func countBreaching(ds []datum) int {
	k := 0
	for _, d := range ds {
		if d.breaching {
			k++
		}
	}
	return k
}
