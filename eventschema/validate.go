package eventschema

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DeclError is a problem of a declaration. Path follows the keys of
// services.yaml: eventField, logEvents[0].fields[2].values.
type DeclError struct {
	Path string
	Msg  string
}

func (e *DeclError) Error() string { return e.Path + ": " + e.Msg }

var (
	// fieldNameRE is a field name or event field: a JSON key that a
	// filter pattern selects as $.name and code names as an identifier.
	fieldNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// eventNameRE is an event name: letters and digits, then also
	// _ . : / -, so that generated code can name it and a pattern quote
	// it without a '*' (which would be a glob).
	eventNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:/-]*$`)
)

// Validate checks the declaration: names valid and unique, each field's
// type known, values only on (and required by) enums, a unit only on
// numbers, maxValues only on strings, and the limits. Whether a unit is
// one of CloudWatch's is left to the caller (constructs/spec.ValidUnits). It returns nil or
// the *DeclError of every problem, joined (errors.Join), in declaration
// order; Problems lists them.
func (s *Schema) Validate() error {
	errs := make([]error, 0)
	for _, p := range s.Problems() {
		errs = append(errs, p)
	}
	return errors.Join(errs...)
}

// Problems returns every problem of the declaration, in order.
func (s *Schema) Problems() []*DeclError {
	var out []*DeclError
	add := func(path, format string, a ...any) {
		out = append(out, &DeclError{Path: path, Msg: fmt.Sprintf(format, a...)})
	}
	ef := s.eventField()
	if msg := checkFieldName(ef); msg != "" {
		add("eventField", "%s", msg)
	}
	seen := map[string]int{}
	for i, ev := range s.Events {
		p := fmt.Sprintf("logEvents[%d]", i)
		switch {
		case ev.Name == "":
			add(p+".name", "is required; expected the value of %s that names the event", ef)
		case len(ev.Name) > MaxEventNameLength:
			add(p+".name", "%q is %d bytes long; at most %d are allowed", ev.Name, len(ev.Name), MaxEventNameLength)
		case !eventNameRE.MatchString(ev.Name):
			add(p+".name", "%q: expected letters and digits, then also _ . : / - (MaxEventNameLength %d)", ev.Name, MaxEventNameLength)
		}
		if j, dup := seen[ev.Name]; dup && ev.Name != "" {
			add(p+".name", "%q is declared twice (first at logEvents[%d])", ev.Name, j)
		} else {
			seen[ev.Name] = i
		}
		out = append(out, checkFields(p, ef, ev)...)
	}
	return out
}

// checkFields checks the fields of one event, at path p.
func checkFields(p, eventField string, ev Event) []*DeclError {
	var out []*DeclError
	add := func(path, format string, a ...any) {
		out = append(out, &DeclError{Path: path, Msg: fmt.Sprintf(format, a...)})
	}
	if len(ev.Fields) > MaxFieldsPerEvent {
		add(p+".fields", "declares %d fields; at most %d are allowed (MaxFieldsPerEvent)", len(ev.Fields), MaxFieldsPerEvent)
	}
	seen := map[string]int{}
	for j, f := range ev.Fields {
		fp := fmt.Sprintf("%s.fields[%d]", p, j)
		if msg := checkFieldName(f.Name); msg != "" {
			add(fp+".name", "%s", msg)
		}
		if f.Name == eventField {
			add(fp+".name", "%q is the event field, which names the event; it is not declared as a field", f.Name)
		}
		if k, dup := seen[f.Name]; dup && f.Name != "" {
			add(fp+".name", "%q is declared twice (first at %s.fields[%d])", f.Name, p, k)
		} else {
			seen[f.Name] = j
		}
		if !slices.Contains(Types, f.Type) {
			add(fp+".type", "%q is not a field type; expected one of %s", f.Type, strings.Join(Types, ", "))
		}
		if f.Unit != "" && f.Type != TypeNumber {
			add(fp+".unit", "is only for type number; %s is %s", f.Name, a(f.Type))
		}
		if f.MaxValues != 0 && f.Type != TypeString {
			add(fp+".maxValues", "is only for type string (an enum is bounded by its values); %s is %s", f.Name, a(f.Type))
		} else if f.MaxValues < 0 || f.MaxValues >= MaxDimensionValues {
			add(fp+".maxValues", "is %d; expected 1 to %d: CloudWatch Logs may disable a metric filter at %d dimension values an hour", f.MaxValues, MaxDimensionValues-1, MaxDimensionValues)
		}
		switch {
		case f.Type == TypeEnum && len(f.Values) == 0:
			add(fp+".values", "is required for type enum; expected the values the field takes")
		case f.Type != TypeEnum && len(f.Values) > 0:
			add(fp+".values", "is only for type enum; %s is %s", f.Name, a(f.Type))
		case len(f.Values) > MaxEnumValues:
			add(fp+".values", "lists %d values; at most %d are allowed (MaxEnumValues)", len(f.Values), MaxEnumValues)
		}
		vals := map[string]int{}
		for k, v := range f.Values {
			vp := fmt.Sprintf("%s.values[%d]", fp, k)
			if msg := checkEnumValue(v); msg != "" {
				add(vp, "%s", msg)
			}
			if first, dup := vals[v]; dup {
				add(vp, "%q is listed twice (first at values[%d])", v, first)
			} else {
				vals[v] = k
			}
		}
	}
	return out
}

// checkFieldName says what is wrong with a field name, or "".
func checkFieldName(name string) string {
	switch {
	case name == "":
		return "is required; expected a JSON key such as status"
	case len(name) > MaxFieldNameLength:
		return fmt.Sprintf("%q is %d bytes long; at most %d are allowed", name, len(name), MaxFieldNameLength)
	case !fieldNameRE.MatchString(name):
		return fmt.Sprintf("%q: expected letters, digits and _, not starting with a digit", name)
	}
	return ""
}

// checkEnumValue says what is wrong with an enum value, or "".
func checkEnumValue(v string) string {
	switch {
	case v == "":
		return "is empty; expected a value the field takes"
	case len(v) > MaxEnumValueLength:
		return fmt.Sprintf("is %d bytes long; at most %d are allowed", len(v), MaxEnumValueLength)
	case !utf8.ValidString(v):
		return fmt.Sprintf("%q is not UTF-8", v)
	case strings.Contains(v, "*"):
		return fmt.Sprintf("%q holds '*', which a filter pattern reads as a glob", v)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return fmt.Sprintf("%q holds a control character", v)
	}
	return ""
}
