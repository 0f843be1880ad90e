package constructs

import (
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// A service's parts must refer to each other: an alarm to its event's
// metric or to a ratio of earlier metrics, a composite to the service's
// alarms; each problem is named by its field.
func TestServicePropsValidate(t *testing.T) {
	metric := &spec.EventMetricProps{FilterPattern: "ERROR", Namespace: "n", MetricName: "m"}
	alarm := func(name string) *spec.EventAlarmProps { return &spec.EventAlarmProps{AlarmName: name, Threshold: 1} }
	for _, c := range []struct {
		name  string
		props ServiceProps
		want  string // "" for valid
	}{
		{"metric and alarm", ServiceProps{Events: []ServiceEvent{{Name: "runs", Metric: metric, Alarm: alarm("a")}}}, ""},
		{"ratio", ServiceProps{Events: []ServiceEvent{{Name: "fail", Metric: metric}, {Name: "runs", Metric: metric}, {Name: "rate", Alarm: alarm("r"), Ratio: &ServiceRatio{"fail", "runs"}}}}, ""},
		{"unnamed", ServiceProps{Events: []ServiceEvent{{Metric: metric}}}, "events[0].name: is required"},
		{"twice", ServiceProps{Events: []ServiceEvent{{Name: "runs", Metric: metric}, {Name: "runs", Metric: metric}}}, `events[1].name: "runs" names another event`},
		{"alarm without metric", ServiceProps{Events: []ServiceEvent{{Name: "runs", Alarm: alarm("a")}}}, "events[0].alarm: needs the event's metric"},
		{"ratio of nothing", ServiceProps{Events: []ServiceEvent{{Name: "rate", Alarm: alarm("r"), Ratio: &ServiceRatio{"fail", "runs"}}}}, `events[0].ratio: "fail" is not an earlier event`},
		{"composite of a stranger", ServiceProps{Events: []ServiceEvent{{Name: "runs", Metric: metric, Alarm: alarm("a")}}, Composite: &ServiceComposite{Props: spec.CompositeAlarmProps{Members: []string{"a", "b"}}}}, `composite.members[1]: "b" is not an alarm of the service`},
	} {
		err := c.props.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}
