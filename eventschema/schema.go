package eventschema

import "strings"

// Schema is the declared log events of one application (a service).
type Schema struct {
	// EventField is the JSON key whose value names the event. Default:
	// DefaultEventField.
	EventField string
	// Events are the declared log events, names unique.
	Events []Event
}

// Event is one declared log event.
type Event struct {
	// Name is the value of the event field that identifies the event.
	Name string
	// Description says when the application logs it.
	Description string
	// Fields are the event's fields other than the event field.
	Fields []Field
}

// Field is one top-level field of a log event.
type Field struct {
	// Name is the JSON key.
	Name string
	// Type is TypeString, TypeNumber, TypeBoolean or TypeEnum.
	Type string
	// Required fields are in every occurrence of the event.
	Required bool
	// Description says what the field holds.
	Description string
	// Unit is the CloudWatch unit of a number (Seconds, Bytes). Only with
	// TypeNumber. Default: none.
	Unit string
	// Values an enum takes. Required with TypeEnum, and only with it.
	Values []string
	// MaxValues bounds the distinct values of a string field within an
	// hour, for a metric dimension taken from it. Only with TypeString.
	// Default: 0, unbounded.
	MaxValues int
}

// Field types.
const (
	TypeString  = "string"
	TypeNumber  = "number"
	TypeBoolean = "boolean"
	TypeEnum    = "enum" // a string from Values
)

// Types lists the field types, in the order messages name them.
var Types = []string{TypeString, TypeNumber, TypeBoolean, TypeEnum}

// DefaultEventField is the event field when a Schema names none.
const DefaultEventField = "event"

// Present is the where value that asks only that a field be present.
const Present = "*"

// Limits of a declaration, named once. They keep generated code and
// patterns within what CloudWatch and readers take.
const (
	// MaxEventNameLength is the longest event name, in bytes.
	MaxEventNameLength = 128
	// MaxFieldNameLength is the longest field name (and event field), in bytes.
	MaxFieldNameLength = 64
	// MaxFieldsPerEvent is the most fields an event declares.
	MaxFieldsPerEvent = 100
	// MaxEnumValueLength is the longest enum value, in bytes.
	MaxEnumValueLength = 256
	// MaxEnumValues is the most values an enum lists: as many as a metric
	// dimension may take within an hour.
	MaxEnumValues = MaxDimensionValues
	// MaxDimensionValues: CloudWatch Logs may disable a metric filter
	// whose dimensions make this many name/value pairs within an hour
	// (PutMetricFilter; cwsim.MaxDimensionPairsPerHour). An enum holds
	// at most this many values, and maxValues stays below it.
	MaxDimensionValues = 1000
)

// eventField returns the schema's event field or the default.
func (s *Schema) eventField() string { return orDefault(s.EventField) }

// orDefault returns eventField, or DefaultEventField when it is empty.
func orDefault(eventField string) string {
	if eventField == "" {
		return DefaultEventField
	}
	return eventField
}

// Event returns the declared event called name.
func (s *Schema) Event(name string) (Event, bool) {
	for _, ev := range s.Events {
		if ev.Name == name {
			return ev, true
		}
	}
	return Event{}, false
}

// Field returns the event's field called name.
func (ev Event) Field(name string) (Field, bool) {
	for _, f := range ev.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// a returns word with its indefinite article: "a number", "an enum".
func a(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}
