package eventschema

import (
	"strconv"

	"github.com/eventwatch/eventwatch/internal/jsonscan"
)

// Class is what a log line is to a schema.
type Class uint8

// Classes of log lines, from the best to the worst fit.
const (
	Conforming    Class = iota // a declared event with its declared fields
	Nonconforming              // a declared event with field problems (Result.Problems)
	UnknownEvent               // a JSON object naming an event the schema does not declare
	NoEvent                    // a JSON object without the event field as a string
	NotJSON                    // not one JSON object
)

var classNames = [...]string{"conforming", "nonconforming", "undeclared event", "no event field", "not JSON"}

// String names the class, as "undeclared event".
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "Class(" + strconv.Itoa(int(c)) + ")"
}

// ProblemKind is what is wrong with one field of a declared event.
type ProblemKind uint8

// Field problems.
const (
	Missing   ProblemKind = iota + 1 // a required field is absent
	Extra                            // a key the event does not declare
	Mistyped                         // a value of another JSON type: 1.2 as "1.2", false as "False", null
	NotInEnum                        // an enum's value outside its values
	Duplicate                        // a key twice: a metric filter reads the first, a condition any
)

var problemNames = [...]string{"", "missing", "extra", "mistyped", "not in enum", "duplicate"}

// String names the problem, as "mistyped".
func (k ProblemKind) String() string {
	if int(k) < len(problemNames) && k > 0 {
		return problemNames[k]
	}
	return "ProblemKind(" + strconv.Itoa(int(k)) + ")"
}

// FieldProblem is one problem of a field in a log line.
type FieldProblem struct {
	Kind ProblemKind
	// Field is the declared field's name or, for Extra, the key logged.
	Field string
	// Want is the declared type (Mistyped, NotInEnum), Got the JSON type
	// logged: string, number, boolean, null, object or array.
	Want, Got string
	// Value is the string logged, for NotInEnum and a Mistyped string.
	Value string
}

// String describes the problem, as `success: expected a boolean, got the string "False"`.
func (p FieldProblem) String() string {
	switch p.Kind {
	case Missing:
		return p.Field + ": required, missing"
	case Extra:
		return p.Field + ": not declared"
	case Duplicate:
		return p.Field + ": logged twice"
	case NotInEnum:
		return p.Field + ": " + strconv.Quote(p.Value) + " is not one of its values"
	}
	got := a(p.Got)
	if p.Got == "null" {
		got = "null"
	} else if p.Got == "string" {
		got = "the string " + strconv.Quote(p.Value)
	}
	return p.Field + ": expected " + a(p.Want) + ", got " + got
}

// Result is the verdict on one log line.
type Result struct {
	Class Class
	// Event is the index of the declared event in Schema.Events, or -1.
	Event int
	// Name is the event name logged, set for UnknownEvent.
	Name string
	// Detail says why a line is NotJSON or NoEvent.
	Detail string
	// Problems of a Nonconforming line, valid until the Checker's next
	// Check.
	Problems []FieldProblem
}

// CheckLine classifies one log line. It compiles the schema for each
// call: to check many lines, use NewChecker once.
func (s *Schema) CheckLine(line []byte) Result {
	r := NewChecker(s).Check(line)
	r.Problems = append([]FieldProblem(nil), r.Problems...)
	return r
}

// jsonTypes names the JSON kinds of jsonscan, as FieldProblem.Got does.
var jsonTypes = [...]string{jsonscan.String: "string", jsonscan.Number: "number", jsonscan.True: "boolean",
	jsonscan.False: "boolean", jsonscan.Null: "null", jsonscan.Object: "object", jsonscan.Array: "array"}

func itoa(i int) string { return strconv.Itoa(i) }
