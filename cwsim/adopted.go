package cwsim

import (
	"maps"
	"strings"
)

// addAdoptedLogGroups adds to LogGroups each log group that the metric
// filters, log alarms and AWS/Logs alarms of the model read by name but
// no stack creates: one adopted as it exists (eventwatch's
// logGroup.existing), which has no AWS::Logs::LogGroup in any template.
// It takes the tags of the first alarm that watches it, since eventwatch
// tags a service's alarms with the service and its owner as it tags a log
// group it creates, so that a scenario finds the log group of a service
// whichever way it came to be.
func (m *Model) addAdoptedLogGroups() {
	adopt := func(name string, src Source, tags map[string]string) {
		if name == "" {
			return
		}
		g, ok := m.LogGroups[name]
		if !ok {
			g = &LogGroup{Source: src, Name: name, Tags: map[string]string{}, Adopted: true}
			m.LogGroups[name] = g
		}
		if g.Adopted && len(g.Tags) == 0 && len(tags) > 0 {
			g.Tags = maps.Clone(tags)
		}
	}
	for _, a := range m.Alarms {
		for _, q := range a.Queries {
			switch {
			case q.Metric == nil:
			case q.Metric.Namespace == "AWS/Logs":
				adopt(dimension(*q.Metric, "LogGroupName"), a.Source, a.Tags)
			default:
				for _, f := range m.Filters {
					if f.Metric.Namespace == q.Metric.Namespace && f.Metric.Name == q.Metric.Name {
						adopt(f.LogGroup, f.Source, a.Tags)
					}
				}
			}
		}
	}
	for _, a := range m.LogAlarms {
		for _, name := range a.LogGroups {
			adopt(name, a.Source, a.Tags)
		}
	}
	for _, f := range m.Filters {
		adopt(f.LogGroup, f.Source, nil)
	}
}

// dimension is the value of the dimension name of a metric, or "".
func dimension(id MetricID, name string) string {
	for _, pair := range strings.Split(id.Dims, ",") {
		if k, v, ok := strings.Cut(pair, "="); ok && k == name {
			return v
		}
	}
	return ""
}
