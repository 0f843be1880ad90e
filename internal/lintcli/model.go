package lintcli

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/eventschema"
	"github.com/eventwatch/eventwatch/filterpattern"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// model is what lint holds lines against, built once from the config.
type model struct {
	eventField string
	// events are the declared log events of the services linted, in
	// order; their index is an event's identity in tallies.
	events []logEvent
	// all is events as one schema (a name may repeat across services).
	all *eventschema.Schema
	// services are the schemas of each service linted, with the index of
	// their first event in events, and their log groups in the
	// environment (--env), which route CloudWatch events to them.
	services []serviceSchema
	byGroup  map[string]int // log group -> index in services
	// metrics are the config events whose metric has dimensions from
	// the line, by the log events they count.
	metrics  []metric
	byEvent  map[int][]int // event index -> metric indexes
	plain    []plainEvent  // config events with a pattern that is not JSON
	watchers [][]string    // event index -> the config events with an alarm that count it
	counters [][]string    // event index -> every config event that counts it
}

// logEvent is one declared log event and its service.
type logEvent struct {
	service string
	eventschema.Event
}

// serviceSchema is one service's declared events.
type serviceSchema struct {
	schema *eventschema.Schema
	first  int
}

// metric is a config event's metric filter with dimensions from the line.
type metric struct {
	service, event string
	p              *filterpattern.Pattern
	x              *filterpattern.Extractor
	dims           []dimension
	// direct is set when every dimension is a top-level field, read from
	// the Checker's view of the line instead of by the extractor.
	direct bool
}

// dimension is one dimension of a metric and the bound on its values.
type dimension struct {
	name  string
	key   string // the top-level field it reads, or "" for another selector
	bound int    // distinct values allowed within an hour
	why   string // where the bound comes from, for the report
	// enum is set when the field is an enum of at most bound values: a
	// conforming line cannot take it over its bound.
	enum bool
}

// plainEvent is a config event whose pattern is terms or a regex: the
// plain-text lines it matches are counted, not undeclared.
type plainEvent struct {
	name string
	p    *filterpattern.Pattern
}

// newModel builds the model of the services named (all when none).
func newModel(cfg *appconfig.Config, env string, only []string) (*model, error) {
	m := &model{eventField: cfg.Services.EventFieldName(), all: &eventschema.Schema{EventField: cfg.Services.EventFieldName()},
		byGroup: map[string]int{}, byEvent: map[int][]int{}}
	for _, name := range only {
		if !slices.ContainsFunc(cfg.Services.Services, func(s appconfig.Service) bool { return s.Name == name }) {
			return nil, fmt.Errorf("--service %s: no such service; expected one of %s", name, strings.Join(serviceNames(cfg), ", "))
		}
	}
	for i := range cfg.Services.Services {
		svc := &cfg.Services.Services[i]
		if len(only) > 0 && !slices.Contains(only, svc.Name) {
			continue
		}
		s := svc.LogSchema(m.eventField)
		first := len(m.events)
		for _, ev := range s.Events {
			m.events = append(m.events, logEvent{service: svc.Name, Event: ev})
			m.all.Events = append(m.all.Events, ev)
			m.watchers = append(m.watchers, nil)
			m.counters = append(m.counters, nil)
		}
		m.services = append(m.services, serviceSchema{schema: s, first: first})
		if env != "" {
			m.byGroup[cfg.LogGroupName(svc.Name, env)] = len(m.services) - 1
		}
		if err := m.addEvents(svc, s, first); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// addEvents records what the service's config events count: which log
// events, with or without an alarm, their dimensions and plain patterns.
func (m *model) addEvents(svc *appconfig.Service, s *eventschema.Schema, first int) error {
	ratioed := map[string]bool{}
	for _, r := range svc.Ratios {
		ratioed[r.Numerator], ratioed[r.Denominator] = true, true
	}
	for _, ev := range svc.Events {
		counted := countedEvents(m.eventField, ev)
		var idx []int
		for j, le := range s.Events {
			if slices.Contains(counted, le.Name) {
				idx = append(idx, first+j)
				m.counters[first+j] = append(m.counters[first+j], ev.Name)
				if ev.Alarm != nil || ratioed[ev.Name] {
					m.watchers[first+j] = append(m.watchers[first+j], ev.Name)
				}
			}
		}
		p, err := pattern(m.eventField, svc, ev)
		if err != nil {
			continue // Load has reported it
		}
		if k := p.Kind(); k == filterpattern.KindTerms || k == filterpattern.KindRegex {
			m.plain = append(m.plain, plainEvent{name: svc.Name + "/" + ev.Name, p: p})
		}
		if len(ev.Metric.Dimensions) == 0 || len(idx) == 0 {
			continue
		}
		mt, err := newMetric(svc, ev, p, m.events[idx[0]].Event)
		if err != nil {
			return err
		}
		for _, i := range idx {
			m.byEvent[i] = append(m.byEvent[i], len(m.metrics))
		}
		m.metrics = append(m.metrics, mt)
	}
	return nil
}

// pattern is the config event's filter pattern: the one written, or the
// one its logEvent and where derive.
func pattern(eventField string, svc *appconfig.Service, ev appconfig.Event) (*filterpattern.Pattern, error) {
	src := ev.Pattern
	if src == "" && ev.LogEvent != "" {
		le, ok := svc.LogEventNamed(ev.LogEvent)
		if !ok {
			return nil, fmt.Errorf("no log event %s", ev.LogEvent)
		}
		var err error
		if src, err = eventschema.DerivePattern(eventField, le.SchemaEvent(), ev.Where); err != nil {
			return nil, err
		}
	}
	return filterpattern.Parse(src)
}

// countedEvents are the log events a config event counts: its logEvent,
// or the names its pattern compares the event field with.
func countedEvents(eventField string, ev appconfig.Event) []string {
	if ev.LogEvent != "" {
		return []string{ev.LogEvent}
	}
	return eventschema.PatternEvents(eventField, ev.Pattern)
}

// newMetric compiles the metric filter of config event ev and the bound
// of each dimension: its allowedValues, its maxValues, or the field's
// (enum values, maxValues).
func newMetric(svc *appconfig.Service, ev appconfig.Event, p *filterpattern.Pattern, decl eventschema.Event) (metric, error) {
	value := ev.Metric.Value
	if value == "" {
		value = "1"
	}
	x, err := p.NewExtractor(value, ev.Metric.Dimensions)
	if err != nil {
		return metric{}, fmt.Errorf("%s/%s: %v", svc.Name, ev.Name, err)
	}
	mt := metric{service: svc.Name, event: ev.Name, p: p, x: x, direct: true}
	for _, name := range slices.Sorted(maps.Keys(ev.Metric.Dimensions)) {
		d := dimension{name: name, bound: eventschema.MaxDimensionValues - 1, why: "CloudWatch's limit"}
		field := strings.TrimPrefix(ev.Metric.Dimensions[name], "$.")
		if topLevel.MatchString(ev.Metric.Dimensions[name]) {
			d.key = field
		} else {
			mt.direct = false
		}
		if vs, ok := ev.Metric.AllowedValues[name]; ok {
			d.bound, d.why = len(vs), "allowedValues"
		} else if n, ok := ev.Metric.MaxValues[name]; ok {
			d.bound, d.why = n, "maxValues"
		} else if f, ok := decl.Field(field); ok && f.Type == eventschema.TypeEnum {
			d.bound, d.why = len(f.Values), "the enum's values"
		} else if ok && f.MaxValues > 0 {
			d.bound, d.why = f.MaxValues, "the field's maxValues"
		}
		if f, ok := decl.Field(field); ok && f.Type == eventschema.TypeEnum && d.key == field {
			d.enum = d.bound >= len(f.Values)
		}
		mt.dims = append(mt.dims, d)
	}
	return mt, nil
}

// enumsOnly reports whether every dimension of the metric is an enum
// field that a conforming line cannot take over its bound.
func (mt *metric) enumsOnly() bool {
	for _, d := range mt.dims {
		if !d.enum {
			return false
		}
	}
	return true
}

// topLevel is a selector of a top-level field.
var topLevel = regexp.MustCompile(`^\$\.[A-Za-z_][A-Za-z0-9_]*$`)

func serviceNames(cfg *appconfig.Config) []string {
	var out []string
	for _, s := range cfg.Services.Services {
		out = append(out, s.Name)
	}
	return out
}
