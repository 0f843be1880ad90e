package loggen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/eventschema"
)

// pyReserved are the names a generated function's parameters must not
// take: Python's keywords and the names its body uses.
var pyReserved = func() map[string]bool {
	m := map[string]bool{"_e": true, "_logger": true}
	for _, s := range strings.Fields(`False None True and as assert async await break class continue def del elif else
		except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield`) {
		m[s] = true
	}
	return m
}()

// pyTopLevel are the module's fixed names.
var pyTopLevel = []string{"EVENT_FIELD", "logger", "JSONFormatter", "_EVENT_ATTR", "_log", "_string", "_number", "_boolean", "_enum",
	"json", "logging", "math", "Any", "Dict", "Literal", "Optional", "Tuple"}

// Python returns a Python module (3.8 or newer) that logs the schema's
// events through the standard logging package: one function per event,
// named in snake case, whose fields are keyword-only parameters with type
// hints (str, float, bool, or a Literal of an enum's values), optional
// ones defaulting to None and then left out. Each call checks the values'
// types and the enum values (TypeError, ValueError) and logs one record at
// INFO on the module's logger, or on _logger; the module's JSONFormatter
// writes it as exactly the declared JSON object, the event field first,
// then the declared fields in their order. Records from other code are
// written as {"level": ..., "msg": ...}, which is no declared event.
func Python(s *eventschema.Schema, o Options) ([]byte, error) {
	if err := check(s, o); err != nil {
		return nil, err
	}
	ef := eventField(s)
	ns := namespace{}
	for _, n := range pyTopLevel {
		ns[n] = "the module's " + n
	}
	var b strings.Builder
	b.WriteString("# " + Header(o.Source) + "\n")
	fmt.Fprintf(&b, `"""Log the structured events declared in %s.

One function per event writes one JSON object per line through the
standard logging package: the event field %s, then the declared
fields in their order, and nothing else.

    import logging, sys
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JSONFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
"""
`, pyDoc(o.Source), pyDoc(strconv.Quote(ef)))
	b.WriteString(pyPrelude(ef))
	for _, ev := range s.Events {
		if err := pyEvent(&b, ns, ev); err != nil {
			return nil, err
		}
	}
	return []byte(b.String()), nil
}

// pyPrelude is the module's fixed part: imports, the formatter, the
// checks of values.
func pyPrelude(ef string) string {
	return `
import json
import logging
import math
from typing import Any, Dict, Literal, Optional, Tuple

EVENT_FIELD = ` + pyString(ef) + `
"""The JSON key whose value names each event."""

logger = logging.getLogger(__name__)
"""The logger the functions log to, unless given _logger."""

_EVENT_ATTR = "eventwatch_event"


class JSONFormatter(logging.Formatter):
    """Formats an event as its JSON object, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        event = getattr(record, _EVENT_ATTR, None)
        if event is None:
            event = {"level": record.levelname, "msg": record.getMessage()}
        return json.dumps(event, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _log(log: Optional[logging.Logger], event: Dict[str, Any]) -> None:
    log = log or logger
    if log.isEnabledFor(logging.INFO):
        log.info("%s", event[EVENT_FIELD], extra={_EVENT_ATTR: event})


def _string(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, not {value}: JSON has no NaN or infinity")
    return value


def _boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    return value


def _enum(name: str, value: Any, values: Tuple[str, ...]) -> str:
    if value not in values:
        raise ValueError(f"{name} must be one of {', '.join(values)}, not {value!r}")
    return value
`
}

// pyField is a field as the generated module names it.
type pyField struct {
	eventschema.Field
	param, hint, values string // values: the tuple constant of an enum
}

// pyEvent writes the function (and enum types) of one event.
func pyEvent(b *strings.Builder, ns namespace, ev eventschema.Event) error {
	fn := PythonName(ev.Name)
	what := fmt.Sprintf("log event %q", ev.Name)
	if err := ns.claim(fn, what); err != nil {
		return err
	}
	params := map[string]string{}
	var fields []pyField
	for _, f := range ev.Fields {
		pf := pyField{Field: f, param: PythonParam(f.Name)}
		if prev, dup := params[pf.param]; dup {
			return fmt.Errorf("log event %q: fields %s and %s would both be the parameter %s; rename one", ev.Name, prev, f.Name, pf.param)
		}
		params[pf.param] = f.Name
		pf.hint = map[string]string{eventschema.TypeString: "str", eventschema.TypeNumber: "float", eventschema.TypeBoolean: "bool"}[f.Type]
		if f.Type == eventschema.TypeEnum {
			pf.hint = GoName(ev.Name) + GoFieldName(f.Name)
			pf.values = "_" + snake(ev.Name, true) + "_" + snake(f.Name, true)
			for _, n := range []string{pf.hint, pf.values} {
				if err := ns.claim(n, fmt.Sprintf("the values of %s.%s", ev.Name, f.Name)); err != nil {
					return err
				}
			}
			quoted := make([]string, len(f.Values))
			for i, v := range f.Values {
				quoted[i] = pyString(v)
			}
			fmt.Fprintf(b, "\n\n%s = Literal[%s]\n", pf.hint, strings.Join(quoted, ", "))
			fmt.Fprintf(b, "\"\"\"The values of %s in %s.\"\"\"\n", pyDoc(f.Name), pyDoc(ev.Name))
			fmt.Fprintf(b, "%s: Tuple[str, ...] = (%s,)\n", pf.values, strings.Join(quoted, ", "))
		}
		fields = append(fields, pf)
	}
	var sig []string
	for _, f := range fields {
		if f.Required {
			sig = append(sig, fmt.Sprintf("%s: %s", f.param, f.hint))
		} else {
			sig = append(sig, fmt.Sprintf("%s: Optional[%s] = None", f.param, f.hint))
		}
	}
	sig = append(sig, "_logger: Optional[logging.Logger] = None")
	fmt.Fprintf(b, "\n\ndef %s(\n    *,\n", fn)
	for _, s := range sig {
		fmt.Fprintf(b, "    %s,\n", s)
	}
	b.WriteString(") -> None:\n")
	doc := fmt.Sprintf("Log the event %s", pyString(ev.Name))
	if ev.Description != "" {
		doc += ": " + ev.Description
	} else {
		doc += "."
	}
	lines := strings.Split(pyDoc(doc), "\n")
	if len(fields) > 0 {
		lines = append(lines, "", "Args:")
		for _, f := range fields {
			req := "Optional"
			if f.Required {
				req = "Required"
			}
			arg := strings.Split(pyDoc(fmt.Sprintf("%s: %s, %s%s", f.param, req, strconv.Quote(f.Name), fieldDoc(f.Field))), "\n")
			for _, l := range arg {
				lines = append(lines, "    "+l)
			}
		}
	}
	for i, l := range lines {
		switch {
		case i == 0:
			b.WriteString(`    """` + l + "\n")
		case strings.TrimSpace(l) == "":
			b.WriteString("\n")
		default:
			b.WriteString("    " + l + "\n")
		}
	}
	b.WriteString(`    """` + "\n")
	fmt.Fprintf(b, "    _e: Dict[str, Any] = {EVENT_FIELD: %s}\n", pyString(ev.Name))
	for _, f := range fields {
		check := pyCheck(f)
		if f.Required {
			fmt.Fprintf(b, "    _e[%s] = %s\n", pyString(f.Name), check)
			continue
		}
		fmt.Fprintf(b, "    if %s is not None:\n        _e[%s] = %s\n", f.param, pyString(f.Name), check)
	}
	b.WriteString("    _log(_logger, _e)\n")
	return nil
}

// pyCheck is the expression that checks and returns a field's value.
func pyCheck(f pyField) string {
	name := pyString(f.Name)
	switch f.Type {
	case eventschema.TypeNumber:
		return fmt.Sprintf("_number(%s, %s)", name, f.param)
	case eventschema.TypeBoolean:
		return fmt.Sprintf("_boolean(%s, %s)", name, f.param)
	case eventschema.TypeEnum:
		return fmt.Sprintf("_enum(%s, %s, %s)", name, f.param, f.values)
	}
	return fmt.Sprintf("_string(%s, %s)", name, f.param)
}

// pyDoc escapes text for a docstring: backslashes, three quotes, and a
// quote at the end.
func pyDoc(text string) string {
	text = strings.TrimRight(text, " \t\n")
	text = strings.NewReplacer(`\`, `\\`, `"""`, `\"\"\"`).Replace(text)
	if strings.HasSuffix(text, `"`) {
		text = text[:len(text)-1] + `\"`
	}
	return text
}

// pyString is a Python string literal of s (JSON's escapes are Python's,
// and strconv.Quote's are too for what a validated name holds).
func pyString(s string) string { return strconv.Quote(s) }
