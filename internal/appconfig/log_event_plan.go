package appconfig

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
	"github.com/eventwatch/eventwatch/eventschema"
)

// logEventQueryBin is the time bin of a log event's saved query.
const logEventQueryBin = "5m"

// logEventPercentiles are the percentiles of each number field that a log
// event's saved query reports.
var logEventPercentiles = []int{50, 90, 99}

// fieldIndexes are the fields a service's log group indexes: when it
// declares log events, the event field and every field an event narrows
// its log event by (where), so that queries on them read only the events
// they select. None for a log group the stack adopts (it is not the
// stack's to change) or of a class without field indexes.
func (c *Config) fieldIndexes(svc Service) []string {
	if len(svc.LogEvents) == 0 || !indexesFields(svc.LogGroup) {
		return nil
	}
	fields := map[string]bool{}
	for _, ev := range svc.Events {
		for f := range ev.Where {
			fields[f] = true
		}
	}
	delete(fields, c.Services.EventFieldName())
	return append([]string{c.Services.EventFieldName()}, slices.Sorted(maps.Keys(fields))...)
}

// indexesFields reports whether the stack indexes fields of the log group:
// one it creates, of the STANDARD class.
func indexesFields(lg LogGroup) bool {
	return lg.Existing == "" && (lg.Class == "" || lg.Class == spec.ClassStandard)
}

// LogEventQueryName is the console name of a declared log event's saved
// query: "<service>/events/<log event>".
func LogEventQueryName(service, logEvent string) string {
	return service + "/events/" + logEvent
}

// logEventQuery is the Logs Insights query of one declared log event: its
// occurrences per bin and the percentiles of each number field, so that
// a team sees the event's trend and its values without writing a query.
// It selects the event with filterIndex where the log group indexes the
// event field, and with filter otherwise.
func (c *Config) logEventQuery(svc Service, le eventschema.Event) string {
	eventField := c.Services.EventFieldName()
	selector := "filter"
	if c.fieldIndexes(svc) != nil {
		selector = "filterIndex"
	}
	stats := []string{"count(*) as occurrences"}
	for _, f := range le.Fields {
		if f.Type != eventschema.TypeNumber {
			continue
		}
		for _, p := range logEventPercentiles {
			stats = append(stats, fmt.Sprintf("pct(%s, %d) as %s_p%d", f.Name, p, f.Name, p))
		}
	}
	return fmt.Sprintf("%s %s = %q\n| stats %s by bin(%s)", selector, eventField, le.Name, strings.Join(stats, ", "), logEventQueryBin)
}

// logEventQueries are the saved queries of a service's declared log
// events, on its log group in environment env.
func (c *Config) logEventQueries(i int, env string) []Item {
	svc := c.Services.Services[i]
	var out []Item
	for j, le := range svc.LogEvents {
		q := &spec.SavedQueryProps{
			Name:          LogEventQueryName(svc.Name, le.Name),
			QueryString:   c.logEventQuery(svc, le.SchemaEvent()),
			QueryLanguage: spec.QueryLanguageInsights,
			LogGroupNames: []string{c.logGroupName(svc.Name, env)},
		}
		out = append(out, Item{Name: q.Name, Query: q, QueryServices: []string{svc.Name},
			src: source{doc: c.services, base: fmt.Sprintf("services[%d].logEvents[%d]", i, j), fields: map[string]string{"name": "name", "queryString": "fields"}}})
	}
	return out
}
