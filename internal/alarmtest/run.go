package alarmtest

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eventwatch/eventwatch/cwsim"
)

// Result is the outcome of one scenario.
type Result struct {
	File     *File
	Report   *cwsim.Report
	Failures []Failure
	// Passed counts the expectations that held.
	Passed int
}

// Failure is an expectation that did not hold.
type Failure struct {
	// Where is file:line of the expectation.
	Where string
	Msg   string
	// Alarms are the alarms whose timeline explains the failure.
	Alarms []string
}

// Run simulates the scenario on model and checks its expectations. An
// error is a scenario that cannot run (an unknown service or alarm, an
// anomaly alarm without a band), with file:line.
func Run(f *File, model *cwsim.Model) (*Result, error) {
	events, err := f.events(model)
	if err != nil {
		return nil, err
	}
	if err := f.checkNames(model); err != nil {
		return nil, err
	}
	bands := map[string]cwsim.Band{}
	for name, b := range f.Bands {
		bands[name] = cwsim.Band{Lower: b.Lower, Upper: b.Upper}
	}
	report, err := model.Simulate(events, cwsim.Options{Start: f.start, End: f.start.Add(f.simulatedDuration()), Bands: bands})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.where("bands"), err)
	}
	r := &Result{File: f, Report: report}
	for _, x := range f.expect {
		if fail := x.check(f, model, report); fail != nil {
			fail.Where = f.where(x.path)
			r.Failures = append(r.Failures, *fail)
		} else {
			r.Passed++
		}
	}
	return r, nil
}

// events expands the scenario's logs into log events.
func (f *File) events(model *cwsim.Model) ([]cwsim.LogEvent, error) {
	var events []cwsim.LogEvent
	for _, l := range f.logs {
		group, err := f.logGroup(model, l)
		if err != nil {
			return nil, err
		}
		count := max(l.Count, 1)
		numbered := strings.Contains(l.message, OccurrenceMarker)
		for i := 0; i < l.occurrences(); i++ {
			at := f.start.Add(l.at + time.Duration(i)*l.every)
			msg := l.message
			if numbered {
				msg = strings.ReplaceAll(msg, OccurrenceMarker, strconv.Itoa(i))
			}
			for range count {
				events = append(events, cwsim.LogEvent{LogGroup: group, Time: at, Message: msg})
			}
		}
		if len(events) > cwsim.MaxLogEvents {
			return nil, f.errAt(l.path, "the scenario writes over %d log lines", cwsim.MaxLogEvents)
		}
	}
	return events, nil
}

// logGroup is the log group an entry writes to.
func (f *File) logGroup(model *cwsim.Model, l logSpec) (string, error) {
	var names, services []string
	for name, g := range model.LogGroups {
		names = append(names, name)
		if s := g.Tags["service"]; s != "" {
			services = append(services, s)
			if l.Service == s {
				return name, nil
			}
		}
	}
	if l.LogGroup != "" {
		if _, ok := model.LogGroups[l.LogGroup]; ok {
			return l.LogGroup, nil
		}
		sort.Strings(names)
		return "", f.errAt(l.path+".logGroup", "%q is no log group of environment %s; expected one of %s", l.LogGroup, f.Environment, strings.Join(names, ", "))
	}
	sort.Strings(services)
	return "", f.errAt(l.path+".service", "%q is no service of environment %s; expected one of %s", l.Service, f.Environment, strings.Join(services, ", "))
}

// checkNames refuses alarms, topics and filters the model does not have,
// so that a typo is not a test that cannot fail.
func (f *File) checkNames(model *cwsim.Model) error {
	alarms := alarmNames(model)
	for _, x := range f.expect {
		var refs []string
		field := ""
		switch {
		case x.Alarm != "":
			refs, field = []string{x.Alarm}, ".alarm"
		case len(x.Quiet) > 0:
			refs, field = x.Quiet, ".quiet"
		}
		if x.From != "" {
			refs, field = append(refs, x.From), ".from"
		}
		for _, ref := range refs {
			if len(matching(alarms, ref)) == 0 {
				return f.errAt(x.path+field, "%q names no alarm of environment %s; expected one of %s", ref, f.Environment, strings.Join(alarms, ", "))
			}
		}
		for _, topic := range []string{x.Notified, x.NotNotified} {
			if topic != "" && len(matching(topicNames(model), topic)) == 0 {
				return f.errAt(x.path, "%q names no topic of environment %s; expected one of %s", topic, f.Environment, strings.Join(topicNames(model), ", "))
			}
		}
		if x.FilterDisabled != "" && len(matching(filterNames(model), x.FilterDisabled)) == 0 {
			return f.errAt(x.path+".filterDisabled", "%q names no metric filter's metric of environment %s; expected one of %s", x.FilterDisabled, f.Environment, strings.Join(filterNames(model), ", "))
		}
	}
	for _, x := range f.expect {
		for _, name := range append([]string{x.Alarm, x.From}, x.Quiet...) {
			for _, a := range model.Alarms {
				if _, ok := f.Bands[a.Name]; a.NeedsBand() && !ok && name != "" && a.Name == name {
					return f.errAt(x.path, "%s is an anomaly detection alarm: give its band, bands: {%s: {lower: …, upper: …}}; CloudWatch's model of the metric is AWS's", a.Name, a.Name)
				}
			}
		}
	}
	for name := range f.Bands {
		if len(matching(alarms, name)) == 0 {
			return f.errAt("bands."+name, "%q names no alarm of environment %s", name, f.Environment)
		}
	}
	return nil
}

// simulatedDuration is the scenario's duration, or else the last offset it
// names (a log line's or an expectation's), at least DefaultDuration.
func (f *File) simulatedDuration() time.Duration {
	if f.duration > 0 {
		return f.duration
	}
	last := time.Duration(0)
	for _, l := range f.logs {
		last = max(last, l.at, l.until)
	}
	for _, x := range f.expect {
		last = max(last, x.at, x.by)
	}
	return max(DefaultDuration, last)
}

func alarmNames(model *cwsim.Model) []string {
	var out []string
	for _, a := range model.Alarms {
		out = append(out, a.Name)
	}
	for _, c := range model.Composites {
		out = append(out, c.Name)
	}
	for _, a := range model.LogAlarms {
		out = append(out, a.Name)
	}
	sort.Strings(out)
	return out
}

func topicNames(model *cwsim.Model) []string {
	var out []string
	for _, t := range model.Topics {
		if t.LogicalID != "" {
			out = append(out, t.Name)
		}
	}
	sort.Strings(out)
	return out
}

func filterNames(model *cwsim.Model) []string {
	var out []string
	for _, fl := range model.Filters {
		out = append(out, fl.Metric.Name)
	}
	sort.Strings(out)
	return out
}

// matching are the names a glob (or a plain name) matches.
func matching(names []string, glob string) []string {
	var out []string
	for _, n := range names {
		if ok, _ := path.Match(glob, n); ok || n == glob {
			out = append(out, n)
		}
	}
	return out
}
