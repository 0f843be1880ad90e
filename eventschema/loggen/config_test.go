package loggen_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/config"
	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/appconfig"
	"github.com/eventwatch/eventwatch/queries"
)

// configs are the configs whose declared log events are round-tripped:
// the tests' own, and the shipped one (once it declares log events).
var configs = map[string]func() (*appconfig.Config, error){
	"internal/lintcli/testdata/config": func() (*appconfig.Config, error) {
		dir := "../../internal/lintcli/testdata/config"
		return appconfig.Load(os.DirFS(dir), dir, queries.FS)
	},
	"config": func() (*appconfig.Config, error) { return appconfig.Load(config.FS, "config", queries.FS) },
}

// For every config event that counts a declared log event, the generated
// Go and Python loggers, called with values that satisfy its where, write
// a line that the event's own filter pattern matches, with the metric
// value and dimensions of the values passed (the offline engine,
// filterpattern, as logq test runs examples), and that CheckLine accepts.
func TestGeneratedLoggersFeedTheConfigsMetrics(t *testing.T) {
	var loggers []logger
	var cases [][]metricCase
	for _, name := range slices.Sorted(maps.Keys(configs)) {
		cfg, err := configs[name]()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, svc := range cfg.Services.Services {
			s := svc.LogSchema(cfg.Services.EventFieldName())
			var mcs []metricCase
			var calls []call
			for _, ev := range svc.Events {
				if ev.LogEvent != "" {
					mc := metricCaseOf(t, s, ev)
					mcs, calls = append(mcs, mc), append(calls, mc.call)
				}
			}
			if len(mcs) > 0 {
				t.Logf("%s: %s: %d events", name, svc.Name, len(mcs))
				loggers = append(loggers, logger{name: fmt.Sprintf("logger%d", len(loggers)), s: s, calls: calls})
				cases = append(cases, mcs)
			}
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(generators)) {
		t.Run(lang, func(t *testing.T) {
			for i := range loggers {
				o := opts
				o.Package = loggers[i].name
				src, err := generators[lang](loggers[i].s, o)
				if err != nil {
					t.Fatal(err)
				}
				loggers[i].src = src
			}
			for i, lines := range runIn(t, lang, loggers...) {
				checkLines(t, loggers[i].s, loggers[i].calls, lines)
				for j, c := range cases[i] {
					c.check(t, lines[j])
				}
			}
		})
	}
}

// metricCase is a call for one config event, and what its metric filter
// must make of the line.
type metricCase struct {
	event     string
	call      call
	extractor *filterpattern.Extractor
	value     float64
	dims      map[string]string
}

// metricCaseOf builds the call of config event ev: its where values, the
// values of its first example line (which a hand-written pattern
// matches), and sample values of the other required fields and of the
// fields its metric reads (an alarm's dimension values where it names
// them).
func metricCaseOf(t *testing.T, s *eventschema.Schema, ev appconfig.Event) metricCase {
	t.Helper()
	decl, ok := s.Event(ev.LogEvent)
	if !ok {
		t.Fatalf("%s: logEvent %s is not declared", ev.Name, ev.LogEvent)
	}
	pattern := ev.Pattern
	derived, err := eventschema.DerivePattern(s.EventField, decl, ev.Where)
	if err != nil {
		t.Fatalf("%s: %v", ev.Name, err)
	}
	if pattern == "" {
		pattern = derived
	} else if errs := eventschema.CheckPattern(s.EventField, decl, pattern); len(errs) > 0 {
		t.Errorf("%s: the pattern fails its check against %s: %v", ev.Name, decl.Name, errs)
	}
	p, err := filterpattern.Parse(pattern)
	if err != nil {
		t.Fatal(err)
	}
	value := ev.Metric.Value
	if value == "" {
		value = "1"
	}
	x, err := p.NewExtractor(value, ev.Metric.Dimensions)
	if err != nil {
		t.Fatal(err)
	}
	mc := metricCase{event: ev.Name, call: call{Event: decl.Name, Fields: map[string]any{}}, extractor: x, dims: map[string]string{}}
	seed := exampleValues(decl, ev)
	reads := map[string]string{} // field -> the dimension that reads it
	for dim, sel := range ev.Metric.Dimensions {
		reads[strings.TrimPrefix(sel, "$.")] = dim
	}
	for i, f := range decl.Fields {
		w, inWhere := ev.Where[f.Name]
		dim, isDim := reads[f.Name]
		isValue := value == "$."+f.Name
		v, seeded := seed[f.Name]
		if !inWhere && !isDim && !isValue && !f.Required && !seeded {
			continue
		}
		if !seeded {
			v = sampleValue(f, i)
		}
		if ev.Alarm != nil && isDim && ev.Alarm.Dimensions[dim] != "" {
			v = ev.Alarm.Dimensions[dim]
		}
		if inWhere && w != eventschema.Present {
			v = typed(f, w)
		}
		mc.call.Fields[f.Name] = v
		if isDim {
			mc.dims[dim] = text(v)
		}
		if isValue {
			mc.value = v.(float64)
		}
	}
	if !strings.HasPrefix(value, "$") {
		mc.value, _ = strconv.ParseFloat(value, 64)
	}
	return mc
}

// check holds the line against the event's metric filter.
func (c metricCase) check(t *testing.T, line string) {
	t.Helper()
	res, ok := c.extractor.Extract(line)
	switch {
	case !ok:
		t.Errorf("%s: its pattern does not match %s", c.event, line)
	case !res.HasValue || math.Abs(res.Value-c.value) > 1e-9:
		t.Errorf("%s: %s: metric value %v (%v), want %v", c.event, line, res.Value, res.HasValue, c.value)
	case len(res.Dimensions) != len(c.dims):
		t.Errorf("%s: %s: dimensions %v, want %v", c.event, line, res.Dimensions, c.dims)
	}
	for k, v := range c.dims {
		if res.Dimensions[k] != v {
			t.Errorf("%s: %s: dimension %s=%q, want %q", c.event, line, k, res.Dimensions[k], v)
		}
	}
}

// exampleValues are the declared fields of the event's first example
// line, typed: what a hand-written pattern asks for.
func exampleValues(decl eventschema.Event, ev appconfig.Event) map[string]any {
	out := map[string]any{}
	if len(ev.Examples.Match) == 0 {
		return out
	}
	var line map[string]any
	if json.Unmarshal([]byte(ev.Examples.Match[0].Line), &line) != nil {
		return out
	}
	for _, f := range decl.Fields {
		v, ok := line[f.Name]
		switch v.(type) {
		case string:
			ok = ok && (f.Type == eventschema.TypeString || f.Type == eventschema.TypeEnum)
		case float64:
			ok = ok && f.Type == eventschema.TypeNumber
		case bool:
			ok = ok && f.Type == eventschema.TypeBoolean
		default:
			ok = false
		}
		if ok {
			out[f.Name] = v
		}
	}
	return out
}

// sampleValue is a value of field f.
func sampleValue(f eventschema.Field, i int) any {
	switch f.Type {
	case eventschema.TypeNumber:
		return 2.5 + float64(i)
	case eventschema.TypeBoolean:
		return true
	case eventschema.TypeEnum:
		return f.Values[0]
	}
	return "sample-" + f.Name
}

// typed reads a where value as field f's type.
func typed(f eventschema.Field, w string) any {
	switch f.Type {
	case eventschema.TypeNumber:
		n, _ := strconv.ParseFloat(w, 64)
		return n
	case eventschema.TypeBoolean:
		return w == "true"
	}
	return w
}

// text is a value as a dimension holds it.
func text(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return v.(string)
}
