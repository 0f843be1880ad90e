package appconfig

import (
	"encoding/json"
	"fmt"
)

// LogEventsMetadataKey is the key of a stack template's Metadata under
// which the stack records the log events its services declare (a
// SchemaSnapshot): the baseline of `make diff` is a template, golden or
// deployed, so the schema it was built from travels with it.
// CloudFormation keeps template Metadata and does nothing with it.
const LogEventsMetadataKey = "eventwatch:logEvents"

// SchemaSnapshot is what one stack records of its services' declared log
// events: what the applications that log them must write, and the events
// that count them with their patterns and match examples. Maps keep the
// JSON small and its key order fixed.
type SchemaSnapshot struct {
	// Environment is the stack's environment: a service moving to another
	// stack of it keeps its schema.
	Environment string `json:"environment"`
	// Services are the stack's services that declare log events, by name.
	Services map[string]ServiceSchema `json:"services"`
}

// ServiceSchema is one service's declared log events.
type ServiceSchema struct {
	// EventField is the JSON key whose value names the log event.
	EventField string `json:"eventField"`
	// LogEvents are the declared log events, by name.
	LogEvents map[string]LogEventSchema `json:"logEvents"`
	// Events are the service's events tied to a log event (logEvent), by
	// name. Default: none.
	Events map[string]EventSchema `json:"events,omitempty"`
}

// LogEventSchema is one declared log event.
type LogEventSchema struct {
	// Fields are its fields other than the event field, by name.
	Fields map[string]FieldSchema `json:"fields"`
}

// FieldSchema is what a field requires of a log line; descriptions and
// maxValues, which no line can break, are left out.
type FieldSchema struct {
	Type string `json:"type"`
	// Required: in every occurrence. Default: false.
	Required bool `json:"required,omitempty"`
	// Unit of a number. Default: none.
	Unit string `json:"unit,omitempty"`
	// Values of an enum. Default: none.
	Values []string `json:"values,omitempty"`
}

// EventSchema is one event tied to a log event.
type EventSchema struct {
	LogEvent string `json:"logEvent"`
	// Pattern is the filter pattern, derived or hand-written.
	Pattern string `json:"pattern"`
	// Match are the lines of its examples.match. Default: none.
	Match []string `json:"match,omitempty"`
}

// SchemaSnapshot is the declared log events of plan's services, nil when
// none of them declares any.
func (c *Config) SchemaSnapshot(plan StackPlan) *SchemaSnapshot {
	inStack := map[string]bool{}
	for _, it := range plan.Items {
		if it.LogGroup != nil {
			inStack[it.Name] = true
		}
	}
	snap := &SchemaSnapshot{Environment: plan.Environment, Services: map[string]ServiceSchema{}}
	for _, svc := range c.Services.Services {
		if inStack[svc.Name] && len(svc.LogEvents) > 0 {
			snap.Services[svc.Name] = serviceSchema(svc, c.Services.EventFieldName())
		}
	}
	if len(snap.Services) == 0 {
		return nil
	}
	return snap
}

// serviceSchema is svc's log events, and its events tied to one, whose
// patterns Load has derived where the config gives none.
func serviceSchema(svc Service, eventField string) ServiceSchema {
	out := ServiceSchema{EventField: eventField, LogEvents: map[string]LogEventSchema{}}
	for _, le := range svc.LogEvents {
		fields := map[string]FieldSchema{}
		for _, f := range le.Fields {
			fields[f.Name] = FieldSchema{Type: f.Type, Required: f.Required, Unit: f.Unit, Values: f.Values}
		}
		out.LogEvents[le.Name] = LogEventSchema{Fields: fields}
	}
	for _, ev := range svc.Events {
		if ev.LogEvent == "" {
			continue
		}
		if out.Events == nil {
			out.Events = map[string]EventSchema{}
		}
		es := EventSchema{LogEvent: ev.LogEvent, Pattern: ev.Pattern}
		for _, m := range ev.Examples.Match {
			es.Match = append(es.Match, m.Line)
		}
		out.Events[ev.Name] = es
	}
	return out
}

// SchemaSnapshotOf reads the snapshot a template records under
// LogEventsMetadataKey: nil for a template without one (one built before
// stacks recorded it, or whose services declare no log events) and for
// one that is not JSON (the template diff reports that). An entry of
// another shape is an error naming the key.
func SchemaSnapshotOf(template []byte) (*SchemaSnapshot, error) {
	var t struct {
		Metadata map[string]json.RawMessage `json:"Metadata"`
	}
	if json.Unmarshal(template, &t) != nil || t.Metadata[LogEventsMetadataKey] == nil {
		return nil, nil
	}
	var snap SchemaSnapshot
	if err := json.Unmarshal(t.Metadata[LogEventsMetadataKey], &snap); err != nil {
		return nil, fmt.Errorf("Metadata.%s: not a record of log events: %w", LogEventsMetadataKey, err)
	}
	return &snap, nil
}
