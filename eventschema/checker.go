package eventschema

import (
	"github.com/eventwatch/eventwatch/internal/jsonscan"
)

// Checker classifies log lines against a schema, fast: one validating
// pass over the line's top-level members, no allocation for a conforming
// line. It is not safe for concurrent use; make one per goroutine.
//
// A schema that declares an event name twice (the events of several
// services merged) is accepted: a line is checked against each such
// declaration and takes the one with the fewest problems.
type Checker struct {
	eventField string
	byName     map[string][]int
	events     []compiledEvent

	members  []member
	seen     []int // per field of the event checked: the member's index+1
	scratch  []byte
	problems []FieldProblem
	best     []FieldProblem
}

// compiledEvent is an event prepared for checking.
type compiledEvent struct {
	fields []Field
	index  map[string]int              // field name -> position
	enums  map[int]map[string]struct{} // field position -> values
}

// member is one top-level member of the line.
type member struct {
	key              []byte // unescaped when it had escapes
	kind             jsonscan.Kind
	valStart, valEnd int  // the value's text; a string's without its quotes
	escaped          bool // the string value holds escapes
}

// NewChecker compiles the schema. The schema should be valid (Validate).
func NewChecker(s *Schema) *Checker {
	c := &Checker{eventField: s.eventField(), byName: map[string][]int{}}
	maxFields := 0
	for i, ev := range s.Events {
		ce := compiledEvent{fields: ev.Fields, index: map[string]int{}, enums: map[int]map[string]struct{}{}}
		for j, f := range ev.Fields {
			ce.index[f.Name] = j
			if f.Type == TypeEnum {
				set := map[string]struct{}{}
				for _, v := range f.Values {
					set[v] = struct{}{}
				}
				ce.enums[j] = set
			}
		}
		maxFields = max(maxFields, len(ev.Fields))
		c.events = append(c.events, ce)
		c.byName[ev.Name] = append(c.byName[ev.Name], i)
	}
	c.seen = make([]int, maxFields)
	return c
}

// Check classifies one log line (without its line end). The result's
// Problems are valid until the next call.
func (c *Checker) Check(line []byte) Result {
	if detail := c.split(line); detail != "" {
		c.members = c.members[:0]
		return Result{Class: NotJSON, Event: -1, Detail: detail}
	}
	ev := -1
	for i, m := range c.members {
		if string(m.key) == c.eventField {
			ev = i
			break
		}
	}
	if ev < 0 {
		return Result{Class: NoEvent, Event: -1, Detail: "no " + c.eventField + " field"}
	}
	m := c.members[ev]
	if m.kind != jsonscan.String {
		return Result{Class: NoEvent, Event: -1, Detail: c.eventField + " is " + a(jsonTypes[m.kind]) + ", not a string"}
	}
	name := c.text(line, m)
	candidates := c.byName[string(name)]
	if len(candidates) == 0 {
		return Result{Class: UnknownEvent, Event: -1, Name: string(name)}
	}
	best := -1
	for _, i := range candidates {
		c.checkFields(line, i)
		if best < 0 || len(c.problems) < len(c.best) {
			best = i
			c.best = append(c.best[:0], c.problems...)
		}
		if len(c.problems) == 0 {
			break
		}
	}
	if len(c.best) == 0 {
		return Result{Class: Conforming, Event: best}
	}
	return Result{Class: Nonconforming, Event: best, Problems: c.best}
}

// split reads the line as one JSON object into c.members; it returns why
// the line is not one, or "".
func (c *Checker) split(s []byte) string {
	c.members = c.members[:0]
	i := jsonscan.SkipSpace(s, 0)
	if i >= len(s) || s[i] != '{' {
		if k, end := jsonscan.SkipValue(s, i, jsonscan.MaxDepth); k != jsonscan.Invalid && jsonscan.SkipSpace(s, end) == len(s) {
			return "a JSON " + jsonTypes[k] + ", not an object"
		}
		return "not a JSON object"
	}
	i, empty := jsonscan.Open(s, i)
	for !empty {
		var ok, more bool
		if i >= len(s) || s[i] != '"' {
			return invalidAt(i)
		}
		var m member
		var keyEscaped bool
		kStart := i + 1
		if i, keyEscaped, ok = jsonscan.SkipString(s, i); !ok {
			return invalidAt(i)
		}
		m.key = s[kStart : i-1]
		if keyEscaped {
			m.key = jsonscan.AppendUnescaped(nil, m.key) // rare: a key with escapes
		}
		if i, ok = jsonscan.Colon(s, i); !ok {
			return invalidAt(i)
		}
		start := i
		if i < len(s) && s[i] == '"' {
			if i, m.escaped, ok = jsonscan.SkipString(s, i); !ok {
				return invalidAt(i)
			}
			m.kind, m.valStart, m.valEnd = jsonscan.String, start+1, i-1
		} else {
			if m.kind, i = jsonscan.SkipValue(s, i, jsonscan.MaxDepth-1); m.kind == jsonscan.Invalid {
				return invalidAt(i)
			}
			m.valStart, m.valEnd = start, i
		}
		c.members = append(c.members, m)
		if i, more, ok = jsonscan.Next(s, i, '}'); !ok {
			return invalidAt(i)
		}
		if !more {
			break
		}
		i = jsonscan.SkipSpace(s, i)
	}
	if jsonscan.SkipSpace(s, i) != len(s) {
		return "text after the JSON object, at byte " + itoa(i+1)
	}
	return ""
}

// text returns a string member's value, unescaped.
func (c *Checker) text(line []byte, m member) []byte {
	raw := line[m.valStart:m.valEnd]
	if !m.escaped {
		return raw
	}
	c.scratch = jsonscan.AppendUnescaped(c.scratch[:0], raw)
	return c.scratch
}

// checkFields fills c.problems for the line as an occurrence of event ev.
func (c *Checker) checkFields(line []byte, ev int) {
	ce := &c.events[ev]
	c.problems = c.problems[:0]
	seen := c.seen[:len(ce.fields)]
	clear(seen)
	eventSeen := false
	for mi, m := range c.members {
		if string(m.key) == c.eventField {
			if eventSeen {
				c.problems = append(c.problems, FieldProblem{Kind: Duplicate, Field: c.eventField})
			}
			eventSeen = true
			continue
		}
		j, ok := ce.index[string(m.key)]
		if !ok {
			c.problems = append(c.problems, FieldProblem{Kind: Extra, Field: string(m.key)})
			continue
		}
		f := &ce.fields[j]
		if seen[j] != 0 {
			c.problems = append(c.problems, FieldProblem{Kind: Duplicate, Field: f.Name})
			continue
		}
		seen[j] = mi + 1
		c.checkValue(line, ce, j, m)
	}
	for j := range ce.fields {
		if seen[j] == 0 && ce.fields[j].Required {
			c.problems = append(c.problems, FieldProblem{Kind: Missing, Field: ce.fields[j].Name})
		}
	}
}

// checkValue checks the value of declared field j.
func (c *Checker) checkValue(line []byte, ce *compiledEvent, j int, m member) {
	f := &ce.fields[j]
	var want jsonscan.Kind
	switch f.Type {
	case TypeString, TypeEnum:
		want = jsonscan.String
	case TypeNumber:
		want = jsonscan.Number
	case TypeBoolean:
		if m.kind == jsonscan.True || m.kind == jsonscan.False {
			return
		}
		want = jsonscan.True
	}
	if m.kind != want {
		p := FieldProblem{Kind: Mistyped, Field: f.Name, Want: f.Type, Got: jsonTypes[m.kind]}
		if m.kind == jsonscan.String {
			p.Value = string(c.text(line, m))
		}
		c.problems = append(c.problems, p)
		return
	}
	if set, ok := ce.enums[j]; ok {
		v := c.text(line, m)
		if _, ok := set[string(v)]; !ok {
			c.problems = append(c.problems, FieldProblem{Kind: NotInEnum, Field: f.Name, Want: f.Type, Got: "string", Value: string(v)})
		}
	}
}

// invalidAt says the line is not valid JSON at offset i.
func invalidAt(i int) string { return "invalid JSON at byte " + itoa(i+1) }

// Text returns the value of the top-level key name in line, the line the
// Checker checked last, as a metric filter's dimension reads it: a string
// unescaped, a number or a boolean as written. ok is false when the key
// is absent, null, an object or an array, or the line was not JSON. The
// first of duplicate keys counts. The bytes are valid until the next call.
func (c *Checker) Text(line []byte, name string) (value []byte, ok bool) {
	for _, m := range c.members {
		if string(m.key) != name {
			continue
		}
		switch m.kind {
		case jsonscan.String:
			return c.text(line, m), true
		case jsonscan.Number, jsonscan.True, jsonscan.False:
			return line[m.valStart:m.valEnd], true
		}
		return nil, false
	}
	return nil, false
}
