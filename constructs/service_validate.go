package constructs

import (
	"fmt"
	"slices"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// Validate checks how the service's parts refer to each other, without
// Node.js: event names present and unique, an alarm on a metric of its
// own event or on a ratio of two events with metrics, and a composite
// alarm whose members are alarms of the service. Each part's own props are
// checked by its construct. It reports every problem (errors.Join'ed
// spec.FieldErrors).
func (p *ServiceProps) Validate() error {
	var ps spec.Problems
	metrics := map[string]bool{}
	var alarms []string
	for i, ev := range p.Events {
		field := fmt.Sprintf("events[%d]", i)
		switch {
		case ev.Name == "":
			ps.Add(&spec.FieldError{Field: field + ".name", Msg: "is required; expected the event's name, such as queue-worker-failure"})
		case metrics[ev.Name] || slices.ContainsFunc(p.Events[:i], func(e ServiceEvent) bool { return e.Name == ev.Name }):
			ps.Add(&spec.FieldError{Field: field + ".name", Msg: fmt.Sprintf("%q names another event of the service", ev.Name)})
		}
		if ev.Metric != nil {
			metrics[ev.Name] = true
		}
		switch {
		case ev.Alarm == nil && ev.Ratio != nil:
			ps.Add(&spec.FieldError{Field: field + ".ratio", Msg: "needs an alarm: a ratio is the metric of an alarm"})
		case ev.Alarm == nil:
		case ev.Ratio != nil:
			for _, part := range []string{ev.Ratio.Numerator, ev.Ratio.Denominator} {
				if !metrics[part] {
					ps.Add(&spec.FieldError{Field: field + ".ratio", Msg: fmt.Sprintf("%q is not an earlier event of the service with a metric", part)})
				}
			}
		case ev.Metric == nil:
			ps.Add(&spec.FieldError{Field: field + ".alarm", Msg: "needs the event's metric, or a ratio"})
		}
		if ev.Alarm != nil {
			alarms = append(alarms, ev.Alarm.AlarmName)
		}
	}
	for _, la := range p.LogAlarms {
		alarms = append(alarms, la.Props.AlarmName)
	}
	if p.Silence != nil {
		alarms = append(alarms, p.Silence.Props.AlarmName)
	}
	if p.Composite != nil {
		for i, m := range p.Composite.Props.Members {
			if !slices.Contains(alarms, m) {
				ps.Add(&spec.FieldError{Field: fmt.Sprintf("composite.members[%d]", i), Msg: fmt.Sprintf("%q is not an alarm of the service; expected one of %v", m, alarms)})
			}
		}
	}
	return ps.Err()
}
