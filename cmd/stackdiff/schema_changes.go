package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// Signs of a schema change, as the template diff signs its resources.
const (
	signAdded   = "+"
	signRemoved = "-"
	signChanged = "~"
)

// schemaChange is one change of a service's declared log events between
// the baseline template's record and the synthesized one's.
type schemaChange struct {
	// stack is where the service is (synthesized, else in the baseline).
	stack    string
	service  string
	logEvent string
	sign     string
	what     string
	// breaking: lines the applications log today no longer fit.
	breaking bool
}

// String renders the change on a line, without its stack.
func (c schemaChange) String() string {
	verdict := "not breaking"
	if c.breaking {
		verdict = "breaking for the applications that log it"
	}
	return fmt.Sprintf("%s service %s, log event %s: %s: %s", c.sign, c.service, c.logEvent, c.what, verdict)
}

// serviceChanges compares one service's record in the baseline (old) with
// the synthesized one (next); a nil side has no log events. Changes come
// in a fixed order: by log event, then field, then event.
func serviceChanges(service string, old, next *appconfig.ServiceSchema) []schemaChange {
	var o, n appconfig.ServiceSchema
	if old != nil {
		o = *old
	}
	if next != nil {
		n = *next
	}
	var out []schemaChange
	add := func(logEvent, sign, what string, breaking bool) {
		out = append(out, schemaChange{service: service, logEvent: logEvent, sign: sign, what: what, breaking: breaking})
	}
	for _, name := range slices.Sorted(maps.Keys(union(o.LogEvents, n.LogEvents))) {
		oe, inOld := o.LogEvents[name]
		ne, inNext := n.LogEvents[name]
		switch {
		case !inOld:
			add(name, signAdded, "log event added", false)
		case !inNext:
			add(name, signRemoved, "log event removed", true)
		default:
			if o.EventField != n.EventField {
				add(name, signChanged, fmt.Sprintf("the event field changes from %s to %s", o.EventField, n.EventField), true)
			}
			for _, fc := range fieldChanges(oe, ne) {
				add(name, fc.sign, fc.what, fc.breaking)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(o.Events)) {
		ne, ok := n.Events[name]
		if !ok {
			continue // the metric filter's removal is in the template diff
		}
		if what, broken := unmatchedExamples(name, o.Events[name], ne); broken {
			add(o.Events[name].LogEvent, signChanged, what, true)
		}
	}
	return out
}

// fieldChange is one change of a log event's field.
type fieldChange struct {
	sign, what string
	breaking   bool
}

// fieldChanges compares the fields of one log event: a field removed,
// retyped (but an enum becoming a string), made required, losing an enum
// value or changing its unit breaks the lines logged today; a field
// added optional, made optional or gaining an enum value does not.
func fieldChanges(old, next appconfig.LogEventSchema) []fieldChange {
	var out []fieldChange
	for _, name := range slices.Sorted(maps.Keys(union(old.Fields, next.Fields))) {
		of, inOld := old.Fields[name]
		nf, inNext := next.Fields[name]
		field := "field " + name
		switch {
		case !inOld:
			out = append(out, fieldChange{signAdded, fmt.Sprintf("%s added (%s, %s)", field, nf.Type, requiredness(nf)), nf.Required})
			continue
		case !inNext:
			out = append(out, fieldChange{signRemoved, fmt.Sprintf("%s removed (%s)", field, of.Type), true})
			continue
		}
		if of.Type != nf.Type {
			widened := of.Type == eventschema.TypeEnum && nf.Type == eventschema.TypeString
			out = append(out, fieldChange{signChanged, fmt.Sprintf("%s changes type from %s to %s", field, of.Type, nf.Type), !widened})
		}
		if of.Required != nf.Required {
			out = append(out, fieldChange{signChanged, fmt.Sprintf("%s becomes %s", field, requiredness(nf)), nf.Required})
		}
		if of.Unit != nf.Unit {
			out = append(out, fieldChange{signChanged, fmt.Sprintf("%s changes unit from %s to %s", field, orNone(of.Unit), orNone(nf.Unit)), of.Unit != "" && nf.Unit != ""})
		}
		if of.Type == eventschema.TypeEnum && nf.Type == eventschema.TypeEnum {
			for _, v := range of.Values {
				if !slices.Contains(nf.Values, v) {
					out = append(out, fieldChange{signRemoved, fmt.Sprintf("%s: enum value %q removed", field, v), true})
				}
			}
			for _, v := range nf.Values {
				if !slices.Contains(of.Values, v) {
					out = append(out, fieldChange{signAdded, fmt.Sprintf("%s: enum value %q added", field, v), false})
				}
			}
		}
	}
	return out
}

// unmatchedExamples runs the baseline's match examples of event name
// through its synthesized pattern, and says which no longer match.
func unmatchedExamples(name string, old, next appconfig.EventSchema) (string, bool) {
	if old.Pattern == next.Pattern || len(old.Match) == 0 {
		return "", false
	}
	p, err := filterpattern.Parse(next.Pattern)
	if err != nil {
		return fmt.Sprintf("event %s: its pattern %s does not parse: %v", name, next.Pattern, err), true
	}
	var missed []string
	for _, line := range old.Match {
		if !p.Match(line) {
			missed = append(missed, line)
		}
	}
	if len(missed) == 0 {
		return "", false
	}
	return fmt.Sprintf("event %s: its pattern %s no longer matches %d of the baseline's %d match examples: %s",
		name, next.Pattern, len(missed), len(old.Match), strings.Join(missed, ", ")), true
}

func requiredness(f appconfig.FieldSchema) string {
	if f.Required {
		return "required"
	}
	return "optional"
}

func orNone(unit string) string {
	if unit == "" {
		return "none"
	}
	return unit
}

// union is the keys of a and b, as a set.
func union[V any](a, b map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
