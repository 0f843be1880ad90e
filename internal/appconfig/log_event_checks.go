package appconfig

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
)

// resolveLogEvents checks each service's declared log events and ties its
// events to them: an event with logEvent and no pattern gets the derived
// one; a pattern given is checked against the log event's fields, and so
// are the lines the pattern must match; a metric whose value or
// dimensions come from declared fields takes their unit and values where
// the config sets none. It runs before the other checks, which then see
// every event with its pattern.
func (c *Config) resolveLogEvents() ErrorList {
	d, s := c.services, &c.Services
	eventField := s.EventFieldName()
	var errs ErrorList
	reportedEventField := false
	for i := range s.Services {
		svc := &s.Services[i]
		p := fmt.Sprintf("services[%d]", i)
		schema := svc.LogSchema(eventField)
		for _, de := range schema.Problems() {
			if de.Path == "eventField" {
				if !reportedEventField {
					errs = append(errs, d.at("eventField", "%s", de.Msg))
				}
				reportedEventField = true
				continue
			}
			errs = append(errs, d.at(p+"."+de.Path, "%s", de.Msg))
		}
		checker := eventschema.NewChecker(schema)
		for j := range svc.Events {
			errs = append(errs, c.resolveEvent(svc, schema, checker, fmt.Sprintf("%s.events[%d]", p, j), &svc.Events[j])...)
		}
	}
	return errs
}

// resolveEvent ties one event to its log event (see resolveLogEvents).
func (c *Config) resolveEvent(svc *Service, schema *eventschema.Schema, checker *eventschema.Checker, ep string, ev *Event) ErrorList {
	d := c.services
	eventField := schema.EventField
	if ev.LogEvent == "" {
		if len(ev.Where) > 0 {
			return ErrorList{d.at(ep+".where", "needs logEvent: where narrows a declared log event by its fields")}
		}
		return nil
	}
	k := slices.IndexFunc(schema.Events, func(e eventschema.Event) bool { return e.Name == ev.LogEvent })
	if k < 0 {
		names := make([]string, len(svc.LogEvents))
		for i, le := range svc.LogEvents {
			names[i] = le.Name
		}
		if best, ok := d.suggest.closest(ev.LogEvent, names); ok {
			return ErrorList{d.at(ep+".logEvent", "%s is not a log event of service %s; did you mean %s?", quote(ev.LogEvent), svc.Name, best)}
		}
		if len(names) == 0 {
			return ErrorList{d.at(ep+".logEvent", "%s is not a log event of service %s, which declares none; declare it under the service's logEvents", quote(ev.LogEvent), svc.Name)}
		}
		return ErrorList{d.at(ep+".logEvent", "%s is not a log event of service %s; expected one of %s", quote(ev.LogEvent), svc.Name, listNames(names))}
	}
	le := schema.Events[k]
	var errs ErrorList
	switch {
	case ev.Pattern == "":
		pattern, err := eventschema.DerivePattern(eventField, le, ev.Where)
		if err != nil {
			return append(errs, declErrors(d, ep, err)...)
		}
		ev.Pattern = pattern
	case len(ev.Where) > 0:
		return ErrorList{d.at(ep+".where", "is not used with a pattern: give where (and the pattern is derived) or the pattern, not both")}
	default:
		for _, err := range eventschema.CheckPattern(eventField, le, ev.Pattern) {
			if errors.Is(err, eventschema.ErrNotJSON) {
				break // terms and regexes name no field: nothing to check
			}
			errs = append(errs, patternError(d, ep+".pattern", err))
		}
	}
	for m, ex := range ev.Examples.Match {
		r := checker.Check([]byte(ex.Line))
		if r.Class == eventschema.Nonconforming && r.Event == k {
			problems := make([]string, len(r.Problems))
			for n, fp := range r.Problems {
				problems[n] = fp.String()
			}
			errs = append(errs, d.at(fmt.Sprintf("%s.examples.match[%d].line", ep, m), "does not log %s as declared: %s", quote(le.Name), strings.Join(problems, "; ")))
		}
	}
	fillMetricFromFields(&ev.Metric, le)
	return errs
}

// fillMetricFromFields gives a metric the unit of the number field its
// value is, and, per dimension taken from a field, the enum's values or the
// string's bound, where the config sets none.
func fillMetricFromFields(m *Metric, le eventschema.Event) {
	field := func(selector string) (eventschema.Field, bool) {
		name, ok := strings.CutPrefix(selector, "$.")
		if !ok {
			return eventschema.Field{}, false
		}
		k := slices.IndexFunc(le.Fields, func(f eventschema.Field) bool { return f.Name == name })
		if k < 0 {
			return eventschema.Field{}, false
		}
		return le.Fields[k], true
	}
	if f, ok := field(m.Value); ok && m.Unit == "" && f.Unit != "" {
		m.Unit = f.Unit
	}
	for _, dim := range slices.Sorted(maps.Keys(m.Dimensions)) {
		f, ok := field(m.Dimensions[dim])
		if !ok || m.AllowedValues[dim] != nil || m.MaxValues[dim] != 0 {
			continue
		}
		switch {
		case f.Type == eventschema.TypeEnum:
			if m.AllowedValues == nil {
				m.AllowedValues = map[string][]string{}
			}
			m.AllowedValues[dim] = slices.Clone(f.Values)
		case f.MaxValues > 0:
			if m.MaxValues == nil {
				m.MaxValues = map[string]int{}
			}
			m.MaxValues[dim] = f.MaxValues
		}
	}
}

// declErrors places eventschema's *DeclError (paths relative to the event)
// under the event's key path.
func declErrors(d *document, ep string, err error) ErrorList {
	var out ErrorList
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	for _, e := range list {
		var de *eventschema.DeclError
		if errors.As(e, &de) {
			out = append(out, d.at(ep+"."+de.Path, "%s", de.Msg))
		} else {
			out = append(out, d.at(ep, "%s", e.Error()))
		}
	}
	return out
}

// patternError is a problem of a pattern at its line and column in the file.
func patternError(d *document, field string, err error) *Error {
	e := d.at(field, "%s", err.Error())
	var pe *filterpattern.Error
	if errors.As(err, &pe) {
		e.Line, e.Col = d.placeInScalar(field, pe.Line, pe.Col)
		e.Msg = withoutPosition(pe.Error(), pe.Msg)
	}
	return e
}
