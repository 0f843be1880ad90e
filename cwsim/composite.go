package cwsim

import (
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
	"github.com/eventwatch/eventwatch/cwsim/compositerule"
)

// evaluateComposite evaluates a composite alarm's rule over the states of
// the alarms it names (by name or ARN) at t: ALARM when the rule is true,
// OK otherwise.
func (s *run) evaluateComposite(c *CompositeAlarm, t time.Time) error {
	ok, err := c.Rule.Eval(s.stateOf)
	if err != nil {
		return err
	}
	state, reason := alarmstate.OK, "the alarm rule is false"
	if ok {
		state, reason = alarmstate.Alarm, "the alarm rule is true"
	}
	s.transition(c.Name, c.ActionsEnabled, c.Actions, t, state, reason)
	return nil
}

// markSuppressed marks the notifications of composite alarms that their
// ActionsSuppressor held back, once the simulation is over: whether the
// suppressor goes to ALARM within WaitPeriod after a state change is known
// only later. Held actions that AWS performs when the suppressor recovers
// are not modelled.
func (s *run) markSuppressed() {
	byName := map[string]*CompositeAlarm{}
	for _, c := range s.m.Composites {
		if c.Suppressor != "" {
			byName[c.Name] = c
		}
	}
	for i, n := range s.report.Notifications {
		if c, ok := byName[n.Alarm]; ok {
			s.report.Notifications[i].Suppressed = c.Suppress.Suppressed(s.history(c.Suppressor), n.At)
		}
	}
}

// stateOf is the state of an alarm named by name or ARN.
func (s *run) stateOf(ref string) (string, bool) {
	name := alarmName(ref)
	st, ok := s.states[name]
	return string(st), ok
}

// history is an alarm's transitions, as the suppressor model reads them.
func (s *run) history(ref string) []compositerule.Transition {
	name := alarmName(ref)
	var out []compositerule.Transition
	for _, tr := range s.report.Transitions {
		if tr.Alarm == name {
			out = append(out, compositerule.Transition{At: tr.At, State: string(tr.To)})
		}
	}
	return out
}

// alarmName is the name in an alarm ARN (arn:…:cloudwatch:…:alarm:NAME),
// or ref itself.
func alarmName(ref string) string {
	if _, name, ok := strings.Cut(ref, ":alarm:"); ok {
		return name
	}
	return ref
}
