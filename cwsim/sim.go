package cwsim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
)

// Band is an anomaly detection band: a fixture, since CloudWatch's model
// of the metric's history is AWS's.
type Band struct{ Lower, Upper float64 }

// Options configure a simulation.
type Options struct {
	// Start is when the scenario begins: alarms evaluate the periods from
	// then on. Required.
	Start time.Time
	// End is when the simulation stops. Required, after Start, at most
	// MaxSimulatedDuration later.
	End time.Time
	// Bands are the anomaly detection bands by alarm name. An anomaly
	// detection alarm without one is not evaluated (Report.Unevaluated).
	Bands map[string]Band
}

// Datapoint is the value an alarm evaluated for one period.
type Datapoint struct {
	PeriodStart  time.Time
	Value        float64
	Present      bool
	IsBand       bool
	Lower, Upper float64
}

// Transition is an alarm's change of state.
type Transition struct {
	Alarm    string
	At       time.Time
	From, To alarmstate.State
	Reason   string
}

// Notification is one action run by a state change: a topic published
// to (with the subscribers that receive it), or another action.
type Notification struct {
	Alarm string
	At    time.Time
	State alarmstate.State
	// Action is the action's ARN.
	Action string
	// Topic is the SNS topic the action publishes to; nil for another
	// kind of action (Lambda, Systems Manager, EC2).
	Topic *Topic
	// Suppressed is true when a composite alarm's ActionsSuppressor held
	// the action back.
	Suppressed bool
}

// Report is what a simulation saw.
type Report struct {
	Start, End time.Time
	// Datapoints are each alarm's evaluated datapoints, by alarm name, one
	// per period, in time order.
	Datapoints map[string][]Datapoint
	// Transitions of every alarm, in time order.
	Transitions []Transition
	// Notifications of every state change whose actions are enabled.
	Notifications []Notification
	// Disabled are the metric filters CloudWatch Logs would disable.
	Disabled []FilterDisabled
	// BandsUsed names the anomaly band fixtures used, by alarm name.
	BandsUsed []string
	// Unevaluated names the anomaly detection alarms that had no band
	// fixture: they stay INSUFFICIENT_DATA.
	Unevaluated []string
	// Assumptions the simulation took (package Assumptions).
	Assumptions []string
}

// Simulate ingests events (any order) and evaluates every alarm each Tick
// from opts.Start to opts.End. It does not change the model: simulations
// of one model may run concurrently.
func (m *Model) Simulate(events []LogEvent, opts Options) (*Report, error) {
	switch {
	case opts.Start.IsZero() || !opts.End.After(opts.Start):
		return nil, fmt.Errorf("the simulation needs a start and an end after it")
	case opts.End.Sub(opts.Start) > MaxSimulatedDuration:
		return nil, fmt.Errorf("the simulation spans %s; at most %s", opts.End.Sub(opts.Start), MaxSimulatedDuration)
	case len(events) > MaxLogEvents:
		return nil, fmt.Errorf("%d log events; at most %d", len(events), MaxLogEvents)
	}
	sorted := append([]LogEvent(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time.Before(sorted[j].Time) })
	store := metricStore{}
	r := &Report{Start: opts.Start, End: opts.End, Datapoints: map[string][]Datapoint{}, Assumptions: Assumptions}
	r.Disabled = m.ingest(sorted, store)
	s := &run{m: m, opts: opts, store: store, report: r, events: sorted, states: map[string]alarmstate.State{}, bandsUsed: map[string]bool{}, logRuns: map[string][]Datapoint{}, lastEnd: map[*MetricAlarm]time.Time{}}
	for _, a := range m.Alarms {
		s.states[a.Name] = alarmstate.InsufficientData
		if _, ok := opts.Bands[a.Name]; a.NeedsBand() && !ok {
			r.Unevaluated = append(r.Unevaluated, a.Name)
		}
	}
	for _, c := range m.Composites {
		s.states[c.Name] = alarmstate.InsufficientData
	}
	for _, a := range m.LogAlarms {
		s.states[a.Name] = alarmstate.InsufficientData
	}
	for t := opts.Start.Add(Tick); !t.After(opts.End); t = t.Add(Tick) {
		for _, a := range m.Alarms {
			if err := s.evaluate(a, t); err != nil {
				return nil, fmt.Errorf("alarm %s: %w", a.Name, err)
			}
		}
		for _, a := range m.LogAlarms {
			if err := s.runLogAlarm(a, t); err != nil {
				return nil, fmt.Errorf("log alarm %s: %w", a.Name, err)
			}
		}
		for _, c := range m.Composites {
			if err := s.evaluateComposite(c, t); err != nil {
				return nil, fmt.Errorf("composite alarm %s: %w", c.Name, err)
			}
		}
	}
	s.markSuppressed()
	for name := range s.bandsUsed {
		r.BandsUsed = append(r.BandsUsed, name)
	}
	sort.Strings(r.BandsUsed)
	return r, nil
}

// run is the state of one simulation.
type run struct {
	m         *Model
	opts      Options
	store     metricStore
	report    *Report
	events    []LogEvent                  // in time order
	states    map[string]alarmstate.State // by alarm name
	bandsUsed map[string]bool
	logRuns   map[string][]Datapoint // each log alarm's runs, by name
	lastEnd   map[*MetricAlarm]time.Time
}

// evaluate evaluates a metric alarm at t over the periods complete by then.
func (s *run) evaluate(a *MetricAlarm, t time.Time) error {
	if _, ok := s.opts.Bands[a.Name]; a.NeedsBand() && !ok {
		return nil
	}
	period := time.Duration(a.Period) * time.Second
	end := t.Truncate(period) // epoch-aligned
	// Every event is known from the start, so the window, and the state,
	// change only when another period completes.
	if last, ok := s.lastEnd[a]; ok && last.Equal(end) {
		return nil
	}
	s.lastEnd[a] = end
	n := a.Eval.EvaluationRange()
	var window []alarmstate.Point
	var newest Datapoint
	for k := n; k >= 1; k-- {
		from := end.Add(-time.Duration(k) * period)
		if from.Before(s.opts.Start) {
			continue
		}
		dp, err := s.datapoint(a, from, period)
		if err != nil {
			return err
		}
		window = append(window, alarmstate.Point{Value: dp.Value, Present: dp.Present, Lower: dp.Lower, Upper: dp.Upper})
		newest = dp
	}
	if len(window) < a.Eval.EvaluationPeriods {
		return nil
	}
	if dps := s.report.Datapoints[a.Name]; len(dps) == 0 || dps[len(dps)-1].PeriodStart.Before(newest.PeriodStart) {
		s.report.Datapoints[a.Name] = append(dps, newest)
	}
	state, reason := alarmstate.Evaluate(a.Eval, s.states[a.Name], window)
	s.transition(a.Name, a.ActionsEnabled, a.Actions, t, state, reason)
	return nil
}

// transition records a change of state and runs its actions.
func (s *run) transition(name string, enabled bool, actions map[alarmstate.State][]string, t time.Time, state alarmstate.State, reason string) {
	prev := s.states[name]
	if state == prev {
		return
	}
	s.states[name] = state
	s.report.Transitions = append(s.report.Transitions, Transition{Alarm: name, At: t, From: prev, To: state, Reason: reason})
	if !enabled {
		return
	}
	for _, arn := range actions[state] {
		n := Notification{Alarm: name, At: t, State: state, Action: arn}
		if isTopicARN(arn) {
			n.Topic = s.m.Topics[arn]
			if n.Topic == nil { // a topic no stack of the model creates
				n.Topic = &Topic{ARN: arn, Name: arn[strings.LastIndexByte(arn, ':')+1:]}
			}
		}
		s.report.Notifications = append(s.report.Notifications, n)
	}
}

// isTopicARN tells an SNS topic's ARN from other alarm actions'.
func isTopicARN(arn string) bool {
	return strings.HasPrefix(arn, "arn:") && strings.Contains(arn, ":sns:")
}

// seconds reads a number of seconds.
func seconds(v any) time.Duration {
	return time.Duration(intOf(v)) * time.Second
}
