package alarmtest

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/cwsim"
	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
)

// check reports how x failed, or nil when it held.
func (x expectSpec) check(f *File, model *cwsim.Model, r *cwsim.Report) *Failure {
	by := r.End.Sub(r.Start)
	if x.hasBy {
		by = x.by
	}
	switch {
	case x.Alarm != "":
		return x.checkAlarm(r, by)
	case x.Notified != "":
		return x.checkNotified(model, r, by)
	case x.NotNotified != "":
		return x.checkNotNotified(model, r)
	case len(x.Quiet) > 0:
		return x.checkQuiet(model, r)
	case x.FilterDisabled != "":
		for _, d := range r.Disabled {
			if ok, _ := path.Match(x.FilterDisabled, d.Filter.Metric.Name); ok {
				return nil
			}
		}
		return &Failure{Msg: fmt.Sprintf("the metric filter of %s was never disabled; its dimensions took fewer than %d name/value pairs within an hour", x.FilterDisabled, cwsim.MaxDimensionPairsPerHour)}
	}
	return nil
}

func (x expectSpec) checkAlarm(r *cwsim.Report, by time.Duration) *Failure {
	want := alarmstate.State(x.State)
	if x.hasAt {
		if got := stateAt(r, x.Alarm, r.Start.Add(x.at)); got != want {
			return &Failure{Msg: fmt.Sprintf("%s was %s at +%s; expected %s", x.Alarm, got, fmtOffset(x.at), want), Alarms: []string{x.Alarm}}
		}
		return nil
	}
	if want == alarmstate.InsufficientData {
		return nil // every alarm starts so
	}
	for _, t := range r.Transitions {
		if t.Alarm == x.Alarm && t.To == want && !t.At.After(r.Start.Add(by)) {
			return nil
		}
	}
	return &Failure{Msg: fmt.Sprintf("%s never went to %s by +%s", x.Alarm, want, fmtOffset(by)), Alarms: []string{x.Alarm}}
}

// explaining are the alarms whose timelines explain a notification
// expectation: From's, or every alarm that notifies the topic.
func (x expectSpec) explaining(model *cwsim.Model, topic string) []string {
	if x.From != "" {
		return matching(alarmNames(model), x.From)
	}
	return alarmsNotifying(model, topic, x.State)
}

func (x expectSpec) checkNotified(model *cwsim.Model, r *cwsim.Report, by time.Duration) *Failure {
	got := x.notifications(r)
	var inTime []cwsim.Notification
	for _, n := range got {
		if !n.At.After(r.Start.Add(by)) {
			inTime = append(inTime, n)
		}
	}
	switch {
	case x.Times != nil && len(inTime) != *x.Times:
		return &Failure{Msg: fmt.Sprintf("%s was notified of %s %d times by +%s; expected %d%s", x.Notified, x.State, len(inTime), fmtOffset(by), *x.Times, listNotifications(r, inTime)),
			Alarms: x.explaining(model, x.Notified)}
	case x.Times == nil && len(inTime) == 0:
		return &Failure{Msg: fmt.Sprintf("%s was not notified of %s by +%s%s", x.Notified, x.State, fmtOffset(by), x.fromText()),
			Alarms: x.explaining(model, x.Notified)}
	}
	return nil
}

func (x expectSpec) checkNotNotified(model *cwsim.Model, r *cwsim.Report) *Failure {
	x.Notified = x.NotNotified
	if got := x.notifications(r); len(got) > 0 {
		return &Failure{Msg: fmt.Sprintf("%s was notified of %s%s; expected never%s", x.NotNotified, x.State, x.fromText(), listNotifications(r, got)),
			Alarms: x.explaining(model, x.NotNotified)}
	}
	return nil
}

func (x expectSpec) checkQuiet(model *cwsim.Model, r *cwsim.Report) *Failure {
	var fired []string
	for _, name := range alarmNames(model) {
		if !matchesAny(x.Quiet, name) {
			continue
		}
		for _, t := range r.Transitions {
			if t.Alarm == name && t.To == alarmstate.Alarm {
				fired = append(fired, fmt.Sprintf("%s at +%s", name, fmtOffset(t.At.Sub(r.Start))))
				break
			}
		}
	}
	if len(fired) == 0 {
		return nil
	}
	var names []string
	for _, f := range fired {
		names = append(names, strings.Fields(f)[0])
	}
	return &Failure{Msg: "expected to stay out of ALARM, went to ALARM: " + strings.Join(fired, ", "), Alarms: names}
}

// notifications are those of x.Notified's topics, of x.State, from x.From,
// not suppressed.
func (x expectSpec) notifications(r *cwsim.Report) []cwsim.Notification {
	var out []cwsim.Notification
	for _, n := range r.Notifications {
		if n.Topic == nil || n.Suppressed || string(n.State) != x.State {
			continue
		}
		if ok, _ := path.Match(x.Notified, n.Topic.Name); !ok && n.Topic.Name != x.Notified {
			continue
		}
		if x.From != "" && !matchesAny([]string{x.From}, n.Alarm) {
			continue
		}
		out = append(out, n)
	}
	return out
}

func (x expectSpec) fromText() string {
	if x.From == "" {
		return ""
	}
	return " by " + x.From
}

// stateAt is an alarm's state at t.
func stateAt(r *cwsim.Report, alarm string, t time.Time) alarmstate.State {
	state := alarmstate.InsufficientData
	for _, tr := range r.Transitions {
		if tr.Alarm == alarm && !tr.At.After(t) {
			state = tr.To
		}
	}
	return state
}

// alarmsNotifying are the alarms whose actions for state publish to the
// topics a glob names.
func alarmsNotifying(model *cwsim.Model, topicGlob, state string) []string {
	topics := map[string]bool{}
	for arn, t := range model.Topics {
		if ok, _ := path.Match(topicGlob, t.Name); ok || t.Name == topicGlob {
			topics[arn] = true
		}
	}
	var out []string
	add := func(name string, actions map[alarmstate.State][]string) {
		for _, arn := range actions[alarmstate.State(state)] {
			if topics[arn] {
				out = append(out, name)
				return
			}
		}
	}
	for _, a := range model.Alarms {
		add(a.Name, a.Actions)
	}
	for _, c := range model.Composites {
		add(c.Name, c.Actions)
	}
	for _, a := range model.LogAlarms {
		add(a.Name, a.Actions)
	}
	sort.Strings(out)
	return out
}

func listNotifications(r *cwsim.Report, ns []cwsim.Notification) string {
	if len(ns) == 0 {
		return ""
	}
	var parts []string
	for _, n := range ns {
		parts = append(parts, fmt.Sprintf("+%s by %s", fmtOffset(n.At.Sub(r.Start)), n.Alarm))
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

func matchesAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok || g == name {
			return true
		}
	}
	return false
}

// fmtOffset prints an offset as 5m, 1h30m, 90s.
func fmtOffset(d time.Duration) string {
	s := d.String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "" {
		return "0s"
	}
	return s
}
