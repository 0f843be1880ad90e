package alarmtest

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
	"github.com/eventwatch/eventwatch/cwsim/stat"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Limits of generated scenarios.
const (
	// maxLinesPerPeriod bounds the copies of an example line a generated
	// scenario writes per period while looking for the count that fires.
	maxLinesPerPeriod = 10_000
	// ratioLinesPerPeriod is how many lines a ratio scenario writes per
	// period, split between the numerator's and the denominator's examples.
	ratioLinesPerPeriod = 20
	// anomalyNormalLines is the lines per period of an anomaly scenario's
	// normal traffic; the band fixture is built around it.
	anomalyNormalLines = 10
)

// Generate makes, for every alarm of environment env, a scenario that
// fires it from its event's examples.match lines and one that stays quiet
// just below, with expectations derived from the config (threshold,
// statistic, comparison, M of N), not from the simulation. An alarm that
// no example can fire is returned as a problem naming the alarm.
func Generate(cfg *appconfig.Config, env string) ([]*File, []error) {
	plans, err := cfg.Plan(env)
	if err != nil {
		return nil, []error{err}
	}
	g := &generator{cfg: cfg, env: env, metrics: map[string]spec.EventMetricProps{}, lines: map[string][]string{}, composites: map[string]string{}, logExamples: map[string][]string{}}
	g.index(plans)
	var files []*File
	var problems []error
	for _, p := range plans {
		for _, it := range p.Items {
			var made []*File
			var err error
			switch {
			case it.Alarm != nil && it.Ratio != nil:
				made, err = g.ratio(it)
			case it.Alarm != nil && it.Alarm.AnomalyStdDevs != 0:
				made, err = g.anomaly(it)
			case it.Alarm != nil:
				made, err = g.threshold(it)
			case it.Silence != nil:
				made, err = g.silence(it)
			case it.LogAlarm != nil:
				made, err = g.logAlarm(it, g.logExamples[it.Name])
			}
			if err != nil {
				problems = append(problems, fmt.Errorf("environment %s: %w", env, err))
			}
			files = append(files, made...)
		}
	}
	return files, problems
}

// generator holds what the scenarios of one environment need.
type generator struct {
	cfg *appconfig.Config
	env string
	// metrics and lines are each metric item's props and its examples.match lines.
	metrics map[string]spec.EventMetricProps
	lines   map[string][]string
	// services are the environment's services in order, composites each
	// critical alarm's composite alarm.
	services   []string
	composites map[string]string
	// logExamples are each log alarm's example lines, by item name.
	logExamples map[string][]string
}

func (g *generator) index(plans []appconfig.StackPlan) {
	for _, svc := range g.cfg.Services.Services {
		g.services = append(g.services, svc.Name)
		for _, la := range svc.LogAlarms {
			g.logExamples[svc.Name+"-"+la.Name] = la.Examples
		}
		for _, ev := range svc.Events {
			for _, m := range ev.Examples.Match {
				g.lines[svc.Name+"-"+ev.Name] = append(g.lines[svc.Name+"-"+ev.Name], m.Line)
			}
		}
	}
	for _, p := range plans {
		for _, it := range p.Items {
			if it.Metric != nil {
				g.metrics[it.Name] = it.Metric.WithDefaults()
			}
			if it.Composite != nil && !it.Composite.ActionsDisabled {
				for _, m := range it.Composite.Members {
					g.composites[m] = it.Composite.AlarmName
				}
			}
		}
	}
}

// contribution is what one example line adds to a metric: its value, or
// ok false when the metric filter does not publish for it.
func contribution(m spec.EventMetricProps, dims map[string]string, line string) (float64, bool) {
	p, err := filterpattern.Parse(m.FilterPattern)
	if err != nil {
		return 0, false
	}
	x, err := p.NewExtractor(m.Value, m.Dimensions)
	if err != nil {
		return 0, false
	}
	r, ok := x.Extract(line)
	if !ok || !r.HasValue {
		return 0, false
	}
	for k, v := range dims {
		if r.Dimensions[k] != v {
			return 0, false
		}
	}
	return r.Value, true
}

// threshold makes the scenarios of a static-threshold alarm: c copies of
// an example line per period, c the least count whose statistic breaches,
// and c-1 (or a line that does not breach) for the quiet one.
func (g *generator) threshold(it appconfig.Item) ([]*File, error) {
	a := it.Alarm.WithDefaults()
	st, err := stat.Parse(a.Statistic)
	if err != nil {
		return nil, fmt.Errorf("alarm %s: %w", a.AlarmName, err)
	}
	cfg := evalConfig(a)
	var values []float64
	for _, line := range g.lines[it.Name] {
		v, ok := contribution(g.metrics[it.Name], a.DimensionValues, line)
		if !ok {
			continue
		}
		values = append(values, v)
		fire, quiet, found := countsThatFire(cfg, st, v)
		if !found {
			continue
		}
		return g.pair(a.AlarmName, a, func(count int) []Logs {
			return []Logs{{Service: it.Service, Line: line, Count: count}}
		}, fire, quiet, fmt.Sprintf("%d × %s", fire, line))
	}
	dims := ""
	if len(a.DimensionValues) > 0 {
		dims = fmt.Sprintf(" (with the alarm's dimensions %v)", a.DimensionValues)
	}
	return nil, fmt.Errorf("alarm %s: no example of %s can fire it: its examples.match lines give the values %v%s, and the %s of any number of them is never %s %g; add an example that breaches",
		a.AlarmName, it.Name, values, dims, a.Statistic, a.Comparison, a.Threshold)
}

// countsThatFire finds the least count of lines of value v per period
// whose statistic breaches, and a count that does not (-1: none).
func countsThatFire(cfg alarmstate.Config, st stat.Stat, v float64) (fire, quiet int, ok bool) {
	breaches := func(c int) bool {
		vals := make([]float64, c)
		for i := range vals {
			vals[i] = v
		}
		x, present := st.Compute(vals)
		return present && cfg.Breaches(alarmstate.Point{Value: x, Present: true})
	}
	for c := 1; c <= maxLinesPerPeriod; c = next(c) {
		if breaches(c) {
			lo := c / 2
			for lo+1 < c { // the least count, between the last miss and c
				mid := (lo + c) / 2
				if mid > 0 && breaches(mid) {
					c = mid
				} else {
					lo = mid
				}
			}
			quiet = c - 1
			if quiet > 0 && breaches(quiet) {
				quiet = -1
			}
			return c, quiet, true
		}
	}
	return 0, 0, false
}

func next(c int) int { return c * 2 }

// ratio makes the scenarios of a ratio alarm: per period,
// ratioLinesPerPeriod lines, x of the numerator's example and the rest of
// a denominator example that the numerator does not count.
func (g *generator) ratio(it appconfig.Item) ([]*File, error) {
	a := it.Alarm.WithDefaults()
	num, den := g.metrics[it.Ratio.Numerator], g.metrics[it.Ratio.Denominator]
	cfg := evalConfig(a)
	for _, x := range g.lines[it.Ratio.Numerator] {
		for _, y := range g.lines[it.Ratio.Denominator] {
			nx, _ := contribution(num, nil, x)
			dx, _ := contribution(den, nil, x)
			ny, _ := contribution(num, nil, y)
			dy, okY := contribution(den, nil, y)
			if !okY || ny != 0 {
				continue
			}
			ratioAt := func(k int) float64 {
				n, d := float64(k)*nx, float64(k)*dx+float64(ratioLinesPerPeriod-k)*dy
				if d <= 0 {
					return 0
				}
				return n / d
			}
			for k := 1; k <= ratioLinesPerPeriod; k++ {
				if !cfg.Breaches(alarmstate.Point{Value: ratioAt(k), Present: true}) {
					continue
				}
				logs := func(count int) []Logs {
					out := []Logs{{Service: it.Service, Line: y, Count: ratioLinesPerPeriod - count}}
					if count > 0 {
						out = append(out, Logs{Service: it.Service, Line: x, Count: count})
					}
					return out
				}
				quiet := k - 1
				if cfg.Breaches(alarmstate.Point{Value: ratioAt(quiet), Present: true}) {
					quiet = -1
				}
				return g.pair(a.AlarmName, a, logs, k, quiet, fmt.Sprintf("%d in %d", k, ratioLinesPerPeriod))
			}
		}
	}
	return nil, fmt.Errorf("alarm %s: no mix of the examples of %s and %s reaches its threshold %g", a.AlarmName, it.Ratio.Numerator, it.Ratio.Denominator, a.Threshold)
}

// anomaly makes the scenarios of an anomaly detection alarm, with a band
// fixture around anomalyNormalLines lines per period: the quiet one stays
// at that traffic, the firing one leaves the band on the alarmed side.
func (g *generator) anomaly(it appconfig.Item) ([]*File, error) {
	a := it.Alarm.WithDefaults()
	st, err := stat.Parse(a.Statistic)
	if err != nil {
		return nil, fmt.Errorf("alarm %s: %w", a.AlarmName, err)
	}
	for _, line := range g.lines[it.Name] {
		v, ok := contribution(g.metrics[it.Name], a.DimensionValues, line)
		if !ok {
			continue
		}
		normal := statOf(st, v, anomalyNormalLines)
		band := Band{Lower: normal / 2, Upper: normal * 3 / 2}
		fire := 1
		if a.Comparison == "GreaterThanUpperThreshold" || a.Comparison == spec.DefaultAnomalyComparison {
			fire = anomalyNormalLines * 3
		}
		cfg := evalConfig(a)
		if !cfg.Breaches(alarmstate.Point{Value: statOf(st, v, fire), Present: true, Lower: band.Lower, Upper: band.Upper}) {
			continue
		}
		files, err := g.pair(a.AlarmName, a, func(count int) []Logs {
			return []Logs{{Service: it.Service, Line: line, Count: count}}
		}, fire, anomalyNormalLines, fmt.Sprintf("%d × %s against a band of %g..%g", fire, line, band.Lower, band.Upper))
		for _, f := range files {
			f.Bands = map[string]Band{a.AlarmName: band}
		}
		return files, err
	}
	return nil, fmt.Errorf("alarm %s: no example of %s leaves an anomaly band on the alarmed side", a.AlarmName, it.Name)
}

// silence makes the scenarios of a silence alarm: the service logs every
// minute, then stops while the other services go on (fires), or never
// stops (quiet).
func (g *generator) silence(it appconfig.Item) ([]*File, error) {
	s := it.Silence
	seconds, periods := spec.SilencePeriods(s.AfterSeconds)
	period := time.Duration(s.AfterSeconds) * time.Second
	// The alarm's evaluation range (N + 2 periods) still holds the last two
	// real datapoints for two periods after the silence began.
	delay := time.Duration(seconds*(periods+2)) * time.Second
	line := `{"event":"eventwatch-scenario-heartbeat"}`
	stop := 2 * period
	fires := g.newFile(s.AlarmName, "fires", fmt.Sprintf("%s stops logging at +%s while the other services go on", it.Service, fmtOffset(stop)))
	quiet := g.newFile(s.AlarmName, "quiet", fmt.Sprintf("%s logs every minute", it.Service))
	for _, svc := range g.services {
		until := 4 * period
		if svc == it.Service {
			fires.Logs = append(fires.Logs, Logs{Service: svc, Line: line, Every: "1m", Until: fmtOffset(stop)})
		} else {
			fires.Logs = append(fires.Logs, Logs{Service: svc, Line: line, Every: "1m", Until: fmtOffset(until)})
		}
		quiet.Logs = append(quiet.Logs, Logs{Service: svc, Line: line, Every: "1m", Until: fmtOffset(until)})
	}
	by := stop + delay + time.Minute
	fires.Expect = g.firing(s.AlarmName, s.ActionsDisabled, by)
	quiet.Expect = []Expectation{{Quiet: []string{s.AlarmName}}}
	fires.Duration, quiet.Duration = fmtOffset(4*period), fmtOffset(4*period)
	return compileAll(fires, quiet)
}

// pair makes the firing and the quiet scenario of an alarm from logs(count)
// written every period for EvaluationPeriods periods (the quiet one for
// twice as long); quiet < 0 makes no quiet scenario.
func (g *generator) pair(alarm string, a spec.EventAlarmProps, logs func(count int) []Logs, fire, quiet int, what string) ([]*File, error) {
	period := time.Duration(a.PeriodSeconds) * time.Second
	window := time.Duration(a.EvaluationPeriods) * period
	repeat := func(list []Logs, until time.Duration) []Logs {
		for i := range list {
			list[i].Every, list[i].Until = fmtOffset(period), fmtOffset(until)
		}
		return list
	}
	fires := g.newFile(alarm, "fires", what+" per period")
	fires.Logs = repeat(logs(fire), window)
	fires.Expect = g.firing(alarm, a.ActionsDisabled, window+time.Minute)
	out := []*File{fires}
	if quiet >= 0 {
		q := g.newFile(alarm, "quiet", fmt.Sprintf("%d per period, one less than fires", quiet))
		if quiet > 0 {
			q.Logs = repeat(logs(quiet), 2*window)
		}
		q.Expect = []Expectation{{Quiet: []string{alarm}}}
		q.Duration = fmtOffset(2*window + period)
		out = append(out, q)
	}
	return compileAll(out...)
}

// firing expects the alarm in ALARM by by, paging its topic (or, with
// actions disabled, nobody), and its composite alarm with it.
func (g *generator) firing(alarm string, disabled bool, by time.Duration) []Expectation {
	x := []Expectation{{Alarm: alarm, State: "ALARM", By: fmtOffset(by)}}
	if disabled {
		return append(x, Expectation{NotNotified: "*", From: alarm})
	}
	x = append(x, Expectation{Notified: "*", From: alarm, By: fmtOffset(by)})
	if c, ok := g.composites[alarm]; ok {
		x = append(x, Expectation{Alarm: c, State: "ALARM", By: fmtOffset(by)}, Expectation{Notified: "*", From: c, By: fmtOffset(by)})
	}
	return x
}

func (g *generator) newFile(alarm, kind, what string) *File {
	return &File{Path: "generated:" + g.env + "/" + alarm + "/" + kind,
		Scenario: Scenario{Name: alarm + " " + kind + ": " + what, Environment: g.env}}
}

func compileAll(files ...*File) ([]*File, error) {
	for _, f := range files {
		if errs := f.compile(); len(errs) > 0 {
			return nil, fmt.Errorf("%s: %w", f.Path, errs.Err())
		}
	}
	return files, nil
}

// evalConfig is the alarm's evaluation as the config sets it.
func evalConfig(a spec.EventAlarmProps) alarmstate.Config {
	return alarmstate.Config{ComparisonOperator: a.Comparison, Threshold: a.Threshold, EvaluationPeriods: a.EvaluationPeriods,
		DatapointsToAlarm: a.DatapointsToAlarm, TreatMissingData: a.TreatMissingData}
}

// statOf is the statistic of count samples of v.
func statOf(st stat.Stat, v float64, count int) float64 {
	vals := make([]float64, count)
	for i := range vals {
		vals[i] = v
	}
	x, ok := st.Compute(vals)
	if !ok {
		return math.NaN()
	}
	return x
}

// logAlarm makes the scenarios of a log alarm from its examples: c copies
// of an example per run, c the least count whose aggregation breaches (for
// count(*): the threshold), and c-1 for the quiet one. Only count(*)
// aggregations are generated; others need a scenario file.
func (g *generator) logAlarm(it appconfig.Item, examples []string) ([]*File, error) {
	a := it.LogAlarm.WithDefaults()
	if len(examples) == 0 {
		return nil, fmt.Errorf("log alarm %s: has no examples; list log lines its query selects under examples, so that a test can fire it", a.AlarmName)
	}
	if strings.ReplaceAll(a.AggregationExpression, " ", "") != "count(*)" {
		return nil, nil
	}
	cfg := alarmstate.Config{ComparisonOperator: a.Comparison, Threshold: a.Threshold, EvaluationPeriods: int(*a.QueryResultsToEvaluate),
		DatapointsToAlarm: int(*a.QueryResultsToAlarm), TreatMissingData: a.TreatMissingData}
	fire, quiet, ok := countsThatFire(cfg, countStat, 1)
	if !ok {
		return nil, fmt.Errorf("log alarm %s: no count of its examples per run reaches %s %g", a.AlarmName, a.Comparison, a.Threshold)
	}
	every := time.Duration(*a.ScheduleSeconds) * time.Second
	props := spec.EventAlarmProps{AlarmName: a.AlarmName, PeriodSeconds: int(*a.ScheduleSeconds), EvaluationPeriods: cfg.EvaluationPeriods, ActionsDisabled: a.ActionsDisabled}
	files, err := g.pair(a.AlarmName, props, func(count int) []Logs {
		return []Logs{{Service: it.Service, Line: examples[0], Count: count}}
	}, fire, quiet, fmt.Sprintf("%d × %s", fire, examples[0]))
	for _, f := range files {
		if f.Duration == "" {
			f.Duration = fmtOffset(time.Duration(cfg.EvaluationPeriods+1)*every + time.Minute)
		}
	}
	return files, err
}

// countStat counts samples, for count(*) of a log alarm.
var countStat, _ = stat.Parse("SampleCount")
