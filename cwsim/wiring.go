package cwsim

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/eventwatch/eventwatch/cwsim/alarmstate"
)

// requiredDimensions are the dimensions an alarm on an AWS namespace must
// name to watch one resource: without them the metric is the account's
// (AWS/Logs IncomingLogEvents without LogGroupName counts every log group
// of the account and region).
var requiredDimensions = map[string][]string{
	"AWS/Logs": {"LogGroupName"},
	"AWS/SQS":  {"QueueName"},
	"AWS/SNS":  {"TopicName"},
}

// WiringProblem is an alarm that cannot work as deployed.
type WiringProblem struct {
	Source Source
	Alarm  string
	Msg    string
	// Warning is true for what deploys and runs but pages nobody.
	Warning bool
}

func (p WiringProblem) String() string {
	return fmt.Sprintf("%s: alarm %s: %s", p.Source, p.Alarm, p.Msg)
}

// CheckWiring checks, for every alarm of the model (stacks of one account
// and region), that its metric is published: by a metric filter of the
// model with the same namespace, name and dimension names, or by AWS with
// the dimensions that name one resource; that an extended statistic reads
// a metric whose values vary; and, as warnings, that each topic it
// notifies has a subscriber.
func (m *Model) CheckWiring() []WiringProblem {
	var out []WiringProblem
	for _, a := range m.Alarms {
		for _, q := range a.Queries {
			if q.Metric == nil {
				continue
			}
			if msg := m.checkPublished(*q.Metric, q); msg != "" {
				out = append(out, WiringProblem{Source: a.Source, Alarm: a.Name, Msg: msg})
			}
		}
		if a.ActionsEnabled {
			out = append(out, m.checkSubscribed(a.Source, a.Name, a.Actions[alarmstate.Alarm])...)
		}
	}
	for _, c := range m.Composites {
		if c.ActionsEnabled {
			out = append(out, m.checkSubscribed(c.Source, c.Name, c.Actions[alarmstate.Alarm])...)
		}
	}
	return out
}

func (m *Model) checkPublished(id MetricID, q MetricQuery) string {
	names := dimensionNames(id.Dims)
	if strings.HasPrefix(id.Namespace, "AWS/") {
		for _, need := range requiredDimensions[id.Namespace] {
			if !slices.Contains(names, need) {
				return fmt.Sprintf("%s has no %s dimension, so it is the metric of the whole account and region, not of one resource; add the dimension %s", id, need, need)
			}
		}
		return ""
	}
	var published []string
	for _, f := range m.Filters {
		if f.Metric.Namespace != id.Namespace || f.Metric.Name != id.Name {
			continue
		}
		fnames := make([]string, 0, len(f.Dimensions))
		for k := range f.Dimensions {
			fnames = append(fnames, k)
		}
		sort.Strings(fnames)
		if strings.Join(fnames, ",") != strings.Join(names, ",") {
			published = append(published, fmt.Sprintf("%s with dimensions [%s]", f.Source, strings.Join(fnames, ", ")))
			continue
		}
		if q.Stat.NeedsValueDistribution() && isNumber(f.Value) {
			return fmt.Sprintf("%s of %s, whose metric filter %s publishes the constant %s for every event, is always %s; an extended statistic needs a value from the event", q.Stat, id, f.Source, f.Value, f.Value)
		}
		return ""
	}
	if len(published) > 0 {
		return fmt.Sprintf("%s is published only with other dimensions (%s): an alarm must name exactly the filter's dimensions, or it sees no data", id, strings.Join(published, "; "))
	}
	return fmt.Sprintf("no metric filter of this account and region publishes %s: the alarm would never see data", id)
}

func (m *Model) checkSubscribed(src Source, alarm string, actions []string) []WiringProblem {
	var out []WiringProblem
	for _, arn := range actions {
		if t, ok := m.Topics[arn]; ok && t.LogicalID != "" && len(t.Subscribers) == 0 {
			out = append(out, WiringProblem{Source: src, Alarm: alarm, Warning: true,
				Msg: fmt.Sprintf("notifies the topic %s, which has no subscriber: nobody is paged", t.Name)})
		}
	}
	return out
}

func dimensionNames(dims string) []string {
	if dims == "" {
		return nil
	}
	var out []string
	for _, pair := range strings.Split(dims, ",") {
		name, _, _ := strings.Cut(pair, "=")
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// isNumber tells a constant metric value from a "$" selector.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
