package cwsim

import (
	"fmt"
	"time"

	"github.com/eventwatch/eventwatch/cwsim/metricmath"
)

// maxFillLookback bounds how many periods FILL(m, REPEAT) looks back for
// the last value.
const maxFillLookback = 1440

// datapoint is the value alarm a evaluates for the period starting at from:
// the statistic of its metric, or its metric math.
func (s *run) datapoint(a *MetricAlarm, from time.Time, period time.Duration) (Datapoint, error) {
	dp := Datapoint{PeriodStart: from}
	env := &periodEnv{run: s, alarm: a, from: from, period: period}
	for _, q := range a.Queries {
		if !q.ReturnData {
			continue
		}
		res, err := env.eval(q)
		if err != nil {
			return dp, fmt.Errorf("%s: %w", q.ID, err)
		}
		switch {
		case q.ID == a.ThresholdMetricID || res.IsBand:
			dp.IsBand, dp.Lower, dp.Upper = true, res.Lower, res.Upper
		default:
			dp.Value, dp.Present = res.Value, res.Present
		}
	}
	return dp, nil
}

// periodEnv evaluates an alarm's queries for one period.
type periodEnv struct {
	run    *run
	alarm  *MetricAlarm
	from   time.Time
	period time.Duration
	depth  int
}

func (e *periodEnv) query(id string) (MetricQuery, bool) {
	for _, q := range e.alarm.Queries {
		if q.ID == id {
			return q, true
		}
	}
	return MetricQuery{}, false
}

func (e *periodEnv) eval(q MetricQuery) (metricmath.Result, error) {
	if q.Expression == nil {
		v, ok := q.Stat.Compute(e.run.store.values(*q.Metric, e.from, e.from.Add(e.period)))
		return metricmath.Result{Value: v, Present: ok}, nil
	}
	if e.depth > len(e.alarm.Queries) {
		return metricmath.Result{}, fmt.Errorf("the expressions refer to each other in a cycle")
	}
	e.depth++
	defer func() { e.depth-- }()
	return q.Expression.Eval(e)
}

// Value is metricmath.Env's value of another query in the same period.
func (e *periodEnv) Value(id string) (float64, bool) {
	q, ok := e.query(id)
	if !ok {
		return 0, false
	}
	r, err := e.eval(q)
	if err != nil || r.IsBand {
		return 0, false
	}
	return r.Value, r.Present
}

// Previous is the last present value of id before this period, within
// maxFillLookback periods and not before the scenario's start.
func (e *periodEnv) Previous(id string) (float64, bool) {
	for k := 1; k <= maxFillLookback; k++ {
		from := e.from.Add(-time.Duration(k) * e.period)
		if from.Before(e.run.opts.Start) {
			break
		}
		earlier := &periodEnv{run: e.run, alarm: e.alarm, from: from, period: e.period, depth: e.depth}
		if v, ok := earlier.Value(id); ok {
			return v, true
		}
	}
	return 0, false
}

// Band is the scenario's fixture for the alarm's anomaly detection band.
func (e *periodEnv) Band(string, float64) (float64, float64, bool) {
	b, ok := e.run.opts.Bands[e.alarm.Name]
	if !ok {
		return 0, 0, false
	}
	e.run.bandsUsed[e.alarm.Name] = true
	return b.Lower, b.Upper, true
}

// Time is metricmath.Clock's time of the period: its start, as
// CloudWatch timestamps a datapoint.
func (e *periodEnv) Time() time.Time { return e.from }

// Period is metricmath.Periods' period of a metric query.
func (e *periodEnv) Period(id string) (time.Duration, bool) {
	q, ok := e.query(id)
	if !ok || q.Expression != nil {
		return 0, false
	}
	return e.period, true
}
