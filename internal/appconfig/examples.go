package appconfig

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/eventwatch/eventwatch/filterpattern"
)

// ExampleResult is the outcome of one example log line of one event.
type ExampleResult struct {
	Service, Event string
	// File and Line locate the example in services.yaml.
	File string
	Line int
	// Message is the example log line.
	Message string
	// MustMatch is true for examples.match, false for examples.noMatch.
	MustMatch bool
	// Problem says what differed; empty when the example passed.
	Problem string
}

// Failed reports whether the example did not behave as written.
func (r ExampleResult) Failed() bool { return r.Problem != "" }

func (r ExampleResult) String() string {
	verdict := "ok"
	if r.Failed() {
		verdict = "FAIL: " + r.Problem
	}
	return fmt.Sprintf("%s:%d: %s/%s: %s\n    line: %s", r.File, r.Line, r.Service, r.Event, verdict, r.Message)
}

// CheckExamples runs every example log line of every event against the
// event's filter pattern and metric: lines under match must match, with the
// metric value and dimensions written beside them; lines under noMatch must
// not. The events' patterns, values and dimensions are the same in every
// environment, so each example runs once.
func (c *Config) CheckExamples() []ExampleResult {
	var out []ExampleResult
	d := c.services
	for i, svc := range c.Services.Services {
		for j, ev := range svc.Events {
			base := fmt.Sprintf("services[%d].events[%d].examples", i, j)
			x, err := extractor(ev)
			if err != nil { // Load has already reported it
				continue
			}
			for k, ex := range ev.Examples.Match {
				r := ExampleResult{Service: svc.Name, Event: ev.Name, File: d.file, Line: d.line(fmt.Sprintf("%s.match[%d].line", base, k)), Message: ex.Line, MustMatch: true}
				r.Problem = checkMatch(x, ex)
				out = append(out, r)
			}
			for k, line := range ev.Examples.NoMatch {
				r := ExampleResult{Service: svc.Name, Event: ev.Name, File: d.file, Line: d.line(fmt.Sprintf("%s.noMatch[%d]", base, k)), Message: line}
				if _, matched := x.Extract(line); matched {
					r.Problem = fmt.Sprintf("the pattern %s matches this line, and it must not", ev.Pattern)
				}
				out = append(out, r)
			}
		}
	}
	return out
}

func extractor(ev Event) (*filterpattern.Extractor, error) {
	p, err := filterpattern.Parse(ev.Pattern)
	if err != nil {
		return nil, err
	}
	value := ev.Metric.Value
	if value == "" {
		value = "1"
	}
	return p.NewExtractor(value, ev.Metric.Dimensions)
}

func checkMatch(x *filterpattern.Extractor, ex MatchExample) string {
	res, matched := x.Extract(ex.Line)
	if !matched {
		return "the pattern does not match this line, and it must"
	}
	var problems []string
	if ex.Value != nil {
		switch {
		case !res.HasValue:
			problems = append(problems, fmt.Sprintf("expected metric value %g, got no value (the field is missing or not a number)", *ex.Value))
		case math.Abs(res.Value-*ex.Value) > 1e-9*math.Max(1, math.Abs(*ex.Value)):
			problems = append(problems, fmt.Sprintf("expected metric value %g, got %g", *ex.Value, res.Value))
		}
	}
	keys := make([]string, 0, len(ex.Dimensions))
	for k := range ex.Dimensions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		got, ok := res.Dimensions[k]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("expected dimension %s=%q, got none", k, ex.Dimensions[k]))
		case got != ex.Dimensions[k]:
			problems = append(problems, fmt.Sprintf("expected dimension %s=%q, got %q", k, ex.Dimensions[k], got))
		}
	}
	return strings.Join(problems, "; ")
}
