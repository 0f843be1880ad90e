package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"
	eventwatch "github.com/eventwatch/eventwatch/constructs"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// NewEnvironment adds the stacks of one environment of cfg to scope: the
// main stack with the alert topics, then a stack per service group, whose
// alarms notify the main stack's topics (an export and a stack
// dependency), and last the environment's summary dashboard in the main
// stack.
func NewEnvironment(scope constructs.Construct, cfg *appconfig.Config, env string) ([]*ObservabilityStack, error) {
	plans, err := cfg.Plan(env)
	if err != nil {
		return nil, err
	}
	var out []*ObservabilityStack
	for _, plan := range plans {
		props := &ObservabilityStackProps{Plan: plan}
		if len(out) > 0 {
			props.Alerts = out[0].Alerts
		}
		s, err := NewObservabilityStack(scope, props)
		if err != nil {
			return nil, err
		}
		recordLogEvents(s.Stack, cfg.SchemaSnapshot(plan))
		out = append(out, s)
	}
	for _, it := range plans[0].Items {
		if it.Summary {
			eventwatch.NewDashboard(out[0].Stack, "Summary", summaryProps(*it.Dashboard, out))
		}
	}
	return out, nil
}
