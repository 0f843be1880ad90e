package appconfig

import "github.com/eventwatch/eventwatch/eventschema"

// EventFieldName is services.yaml's eventField, or
// eventschema.DefaultEventField when it sets none.
func (s *Services) EventFieldName() string {
	if s.EventField == "" {
		return eventschema.DefaultEventField
	}
	return s.EventField
}

// LogSchema is the service's declared log events (logEvents) as an
// eventschema.Schema whose event field is eventField.
func (svc *Service) LogSchema(eventField string) *eventschema.Schema {
	s := &eventschema.Schema{EventField: eventField}
	for _, le := range svc.LogEvents {
		s.Events = append(s.Events, le.SchemaEvent())
	}
	return s
}

// LogEventNamed returns the service's log event called name.
func (svc *Service) LogEventNamed(name string) (LogEvent, bool) {
	for _, le := range svc.LogEvents {
		if le.Name == name {
			return le, true
		}
	}
	return LogEvent{}, false
}

// SchemaEvent is the log event as an eventschema.Event.
func (le LogEvent) SchemaEvent() eventschema.Event {
	ev := eventschema.Event{Name: le.Name, Description: le.Description, Fields: make([]eventschema.Field, len(le.Fields))}
	for i, f := range le.Fields {
		ev.Fields[i] = eventschema.Field{Name: f.Name, Type: f.Type, Required: f.Required, Description: f.Description,
			Unit: f.Unit, Values: f.Values, MaxValues: f.MaxValues}
	}
	return ev
}

// LogGroupName is the name of a service's log group in environment env:
// the one it adopts (existing), the one it names, or the default.
func (c *Config) LogGroupName(service, env string) string { return c.logGroupName(service, env) }
