package cfnrules

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// get walks a property value by keys (string) and indexes (int); nil when
// any step is missing.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k < 0 || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// get walks the resource's Properties.
func (r *resource) get(path ...any) any { return get(r.Props, path...) }

// has reports whether the resource sets the property.
func (r *resource) has(prop string) bool {
	v, ok := r.Props[prop]
	return ok && v != nil
}

// text resolves a value to the text CloudFormation will pass, and false
// when it is absent or known only at deploy time.
func (r *resource) text(v any) (string, bool) {
	switch t := v.(type) {
	case nil:
		return "", false
	case string:
		// A dynamic reference ({{resolve:secretsmanager:...}}) is resolved
		// by CloudFormation at deploy.
		return t, !strings.Contains(t, "{{resolve:")
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(t), true
	case map[string]any:
		if r.stack.env == nil || r.stack.env.scopes == nil {
			return "", false
		}
		return r.stack.env.scopes.Resolve(r.stack.Name, t)
	}
	return "", false
}

// textAt resolves the property at path.
func (r *resource) textAt(path ...any) (string, bool) { return r.text(r.get(path...)) }

// number resolves a numeric value: a JSON number, or a string holding one
// (CloudFormation takes "60" for 60); false when absent, not a number, or
// known only at deploy.
func (r *resource) number(v any) (float64, bool) {
	if f, ok := v.(float64); ok {
		return f, true
	}
	s, ok := r.text(v)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}

// numberAt resolves the number at path.
func (r *resource) numberAt(path ...any) (float64, bool) { return r.number(r.get(path...)) }

// list returns a list value, or nil.
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// isIntrinsic reports whether v is one intrinsic function ({"Ref": ...},
// {"Fn::...": ...}).
func isIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

// resolveDeep resolves every intrinsic inside v (a policy document, a
// dashboard body's parts), and false when any is known only at deploy.
func (r *resource) resolveDeep(v any) (any, bool) {
	switch t := v.(type) {
	case map[string]any:
		if isIntrinsic(t) {
			s, ok := r.text(t)
			return s, ok
		}
		out := make(map[string]any, len(t))
		for k, x := range t {
			y, ok := r.resolveDeep(x)
			if !ok {
				return nil, false
			}
			out[k] = y
		}
		return out, true
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			y, ok := r.resolveDeep(x)
			if !ok {
				return nil, false
			}
			out[i] = y
		}
		return out, true
	}
	return v, true
}

// jsonSize is the size in bytes of v as compact JSON, and its characters
// other than white space ("IAM does not count white space when
// calculating the size of a policy"; dropping it inside strings too counts
// low, never high).
func jsonSize(v any) (bytes, chars int) {
	b, err := json.Marshal(v)
	if err != nil {
		return 0, 0
	}
	for _, r := range string(b) {
		if !unicode.IsSpace(r) {
			chars++
		}
	}
	return len(b), chars
}

// chars counts characters (code points), as AWS counts names and lengths.
func chars(s string) int { return utf8.RuneCountInString(s) }

// echo quotes a value for a message, cut to spec.MaxEchoedValue characters
// with its length given.
func echo(s string) string {
	if n := utf8.RuneCountInString(s); n > spec.MaxEchoedValue {
		return fmt.Sprintf("%s (%d characters)", echoCut(s), n)
	}
	return strconv.Quote(s)
}

// echoCut quotes a value cut to spec.MaxEchoedValue characters, for a
// message that gives its length itself.
func echoCut(s string) string {
	if utf8.RuneCountInString(s) <= spec.MaxEchoedValue {
		return strconv.Quote(s)
	}
	i := 0
	for k := 0; k < spec.MaxEchoedValue; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return strconv.Quote(s[:i]) + "…"
}

// num prints a number as a template holds it: 60, 1209600, 0.5, 1e+300.
func num(f float64) string {
	if isWhole(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// isWhole reports whether f is an integer.
func isWhole(f float64) bool { return f == math.Trunc(f) && !math.IsInf(f, 0) }

// prop joins a property path: prop("Metrics", 2, "MetricStat") is
// "Metrics[2].MetricStat".
func prop(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		switch k := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k)
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		}
	}
	return b.String()
}

// checkLength reports a known text property outside min..max characters.
func checkLength(r *resource, ps *problems, name string, min, max int, service string, path ...any) (string, bool) {
	s, ok := r.textAt(path...)
	if !ok {
		return "", false
	}
	if n := chars(s); n < min || n > max {
		if min == 0 {
			ps.add(r, prop(path...), "%s %s is %d characters; %s allows at most %d", name, echoCut(s), n, service, max)
		} else {
			ps.add(r, prop(path...), "%s %s is %d characters; %s allows %d to %d", name, echoCut(s), n, service, min, max)
		}
		return s, false
	}
	return s, true
}

// checkRange reports a known number property outside min..max, or not a
// whole number when whole is set.
func checkRange(r *resource, ps *problems, name string, min, max float64, whole bool, unit, service string, path ...any) (float64, bool) {
	v, ok := r.numberAt(path...)
	if !ok {
		return 0, false
	}
	switch {
	case whole && !isWhole(v):
		ps.add(r, prop(path...), "%s %s is not a whole number; %s allows whole numbers from %s to %s%s", name, num(v), service, num(min), num(max), unit)
		return v, false
	case v < min || v > max || math.IsNaN(v):
		ps.add(r, prop(path...), "%s %s%s is out of range; %s allows %s to %s%s", name, num(v), unit, service, num(min), num(max), unit)
		return v, false
	}
	return v, true
}

// checkEnum reports a known text property that is not one of allowed.
func checkEnum(r *resource, ps *problems, name string, allowed []string, service string, path ...any) {
	s, ok := r.textAt(path...)
	if !ok {
		return
	}
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	ps.add(r, prop(path...), "%s %s is not one %s accepts; expected one of %s", name, echo(s), service, strings.Join(allowed, ", "))
}

// sketch renders v as text for the checks that do not need every part of
// it (counting the alarms of a rule, the widgets of a dashboard): what is
// known is resolved, and each reference known only at deploy is written as
// a placeholder, ${LogicalID} or ${LogicalID.Attribute} (${Fn::Name} for
// other functions), which holds no quote and so keeps a JSON string whole.
func (r *resource) sketch(v any) string {
	if s, ok := r.text(v); ok {
		return s
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return ""
	}
	for fn, arg := range m {
		switch fn {
		case "Ref":
			return "${" + fmt.Sprint(arg) + "}"
		case "Fn::GetAtt":
			if a, ok := arg.([]any); ok && len(a) == 2 {
				return "${" + fmt.Sprint(a[0]) + "." + fmt.Sprint(a[1]) + "}"
			}
			return "${" + fmt.Sprint(arg) + "}"
		case "Fn::Join":
			a, _ := arg.([]any)
			if len(a) != 2 {
				return "${Fn::Join}"
			}
			sep, _ := a[0].(string)
			parts := list(a[1])
			out := make([]string, len(parts))
			for i, p := range parts {
				out[i] = r.sketch(p)
			}
			return strings.Join(out, sep)
		case "Fn::Sub":
			if s, ok := arg.(string); ok {
				return s
			}
			if s, ok := get(arg, 0).(string); ok {
				return s
			}
		}
		return "${" + fn + "}"
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }
