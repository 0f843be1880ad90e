package cwsim

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
	"github.com/eventwatch/eventwatch/insights"
)

// LogAlarm is an AWS::CloudWatch::LogAlarm: a Logs Insights query run on
// a schedule, whose results an aggregation turns into the value compared
// with the threshold, M (QueryResultsToAlarm) out of the last N
// (QueryResultsToEvaluate) runs.
type LogAlarm struct {
	Source
	Name, ARN string
	// Query is the scheduled query followed by "| stats <aggregation>".
	Query       *insights.Query
	Aggregation string
	LogGroups   []string
	// Schedule is the time between runs; Start and End the offsets of the
	// queried window before each run (StartTimeOffset, EndTimeOffset).
	Schedule, Start, End time.Duration
	Eval                 alarmstate.Config
	ActionsEnabled       bool
	Actions              map[alarmstate.State][]string
	// Tags of the alarm: eventwatch's name its service and owner.
	Tags map[string]string
}

// rateExpression is the schedule expression form the simulation runs:
// rate(<n> minute[s] | hour[s] | day[s]).
var rateExpression = regexp.MustCompile(`^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$`)

func (m *Model) addLogAlarm(sc *stackScope, src Source, p map[string]any) error {
	cfg, _ := p["ScheduledQueryConfiguration"].(map[string]any)
	sched, _ := cfg["ScheduleConfiguration"].(map[string]any)
	a := &LogAlarm{Source: src, Name: sc.str(p["AlarmName"]), ActionsEnabled: p["ActionsEnabled"] != false, Actions: actionsOf(sc, p), Tags: sc.tags(p["Tags"]),
		Aggregation: sc.str(cfg["AggregationExpression"]), Start: seconds(sched["StartTimeOffset"]), End: seconds(sched["EndTimeOffset"])}
	if a.Name == "" {
		a.Name = sc.physicalName(src.LogicalID, "AlarmName")
	}
	a.ARN = sc.arn("cloudwatch", "alarm:"+a.Name)
	expr := sc.str(sched["ScheduleExpression"])
	match := rateExpression.FindStringSubmatch(expr)
	if match == nil {
		return fmt.Errorf("ScheduleExpression: %q is not simulated; expected rate(<n> minutes|hours|days)", expr)
	}
	n, _ := strconv.Atoi(match[1])
	unit := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}[strings.TrimSuffix(match[2], "s")]
	a.Schedule = time.Duration(n) * unit
	for _, id := range sc.strs(cfg["LogGroupIdentifiers"]) {
		a.LogGroups = append(a.LogGroups, logGroupOfIdentifier(id))
	}
	q, err := insights.Parse(sc.str(cfg["QueryString"]) + "\n| stats " + a.Aggregation)
	if err != nil {
		return fmt.Errorf("QueryString with AggregationExpression: %w", err)
	}
	a.Query = q
	a.Eval = alarmstate.Config{ComparisonOperator: sc.str(p["ComparisonOperator"]), EvaluationPeriods: intOf(p["QueryResultsToEvaluate"]),
		DatapointsToAlarm: intOf(p["QueryResultsToAlarm"]), TreatMissingData: sc.str(p["TreatMissingData"])}
	if th, ok := p["Threshold"].(float64); ok {
		a.Eval.Threshold = th
	}
	if err := a.Eval.Validate(); err != nil {
		return err
	}
	m.LogAlarms = append(m.LogAlarms, a)
	return nil
}

// logGroupOfIdentifier is the log group name of a name or an ARN
// (arn:…:logs:…:log-group:NAME[:*]).
func logGroupOfIdentifier(id string) string {
	if _, name, ok := strings.Cut(id, ":log-group:"); ok {
		return strings.TrimSuffix(name, ":*")
	}
	return id
}

// runLogAlarm runs a log alarm's query when t is one of its scheduled
// runs, and evaluates the alarm over its last runs' values.
func (s *run) runLogAlarm(a *LogAlarm, t time.Time) error {
	if t.UnixNano()%int64(a.Schedule) != 0 {
		return nil
	}
	from, to := t.Add(-a.Start), t.Add(-a.End)
	if from.Before(s.opts.Start) {
		return nil // the window reaches before the scenario: unknown, not empty
	}
	var events []insights.Event
	first := sort.Search(len(s.events), func(i int) bool { return !s.events[i].Time.Before(from) })
	for _, e := range s.events[first:] {
		if !e.Time.Before(to) {
			break
		}
		if slices.Contains(a.LogGroups, e.LogGroup) {
			events = append(events, insights.Event{Timestamp: e.Time.UnixMilli(), Message: e.Message, LogGroup: e.LogGroup})
		}
	}
	res, err := a.Query.Run(context.Background(), sliceSeq(events), insights.Options{Start: from, End: to, Now: t, Parallelism: 1})
	if err != nil {
		return err
	}
	dp := Datapoint{PeriodStart: from}
	dp.Value, dp.Present = worstContributor(a, res)
	runs := append(s.logRuns[a.Name], dp)
	s.logRuns[a.Name] = runs
	s.report.Datapoints[a.Name] = runs
	n := a.Eval.EvaluationRange()
	var window []alarmstate.Point
	for _, r := range runs[max(0, len(runs)-n):] {
		window = append(window, alarmstate.Point{Value: r.Value, Present: r.Present})
	}
	if len(window) < a.Eval.EvaluationPeriods {
		return nil
	}
	state, reason := alarmstate.Evaluate(a.Eval, s.states[a.Name], window)
	s.transition(a.Name, a.ActionsEnabled, a.Actions, t, state, reason)
	return nil
}

// worstContributor is the aggregated value of a run: the one value of an
// aggregation without "by", or, with "by", the value of the contributor
// that breaches most (the alarm's state follows its worst contributor, a
// reading the simulation takes). No row is no datapoint.
func worstContributor(a *LogAlarm, res *insights.Result) (float64, bool) {
	column := ""
	for _, f := range res.Fields {
		if strings.Contains(strings.ReplaceAll(a.Aggregation, " ", ""), strings.ReplaceAll(f, " ", "")) {
			column = f
		}
	}
	if column == "" && len(res.Fields) > 0 {
		column = res.Fields[len(res.Fields)-1]
	}
	var values []float64
	for _, row := range res.Rows {
		if v, ok := row.Get(column); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				values = append(values, f)
			}
		}
	}
	if len(values) == 0 {
		return 0, false
	}
	sort.Float64s(values)
	for _, v := range slices.Backward(values) {
		if a.Eval.Breaches(alarmstate.Point{Value: v, Present: true}) {
			return v, true
		}
	}
	return values[len(values)-1], true
}

// sliceSeq streams events to a query.
func sliceSeq(events []insights.Event) func(func(insights.Event, error) bool) {
	return func(yield func(insights.Event, error) bool) {
		for _, e := range events {
			if !yield(e, nil) {
				return
			}
		}
	}
}
