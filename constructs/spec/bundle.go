package spec

import (
	"fmt"

	"github.com/eventwatch/eventwatch/internal/cfn"
)

// Bundle collects the rendered resources of many eventwatch constructs, so
// that constructs.Include adds them to a scope in one call into the CDK.
// Every call across the jsii boundary costs about as much as building a
// whole L2 construct in TypeScript, so a stack built from one Bundle
// synthesizes faster than the same stack built construct by construct. The
// resources are the same either way.
//
// Each Add method validates and renders one construct under logical IDs
// derived from its name; the first error is kept and returned by Err.
type Bundle struct {
	resources cfn.Resources
	err       error
}

// NewBundle returns an empty bundle.
func NewBundle() *Bundle { return &Bundle{resources: cfn.Resources{}} }

func (b *Bundle) add(what, name string, rs cfn.Resources, err error) {
	if b.err != nil {
		return
	}
	if err == nil {
		err = b.resources.Merge(rs)
	}
	if err != nil {
		b.err = fmt.Errorf("%s %q: %w", what, name, err)
	}
}

// AddLogGroup adds a LogGroup. Refer to it from the bundle's metrics and
// queries with LogGroupRef(name).
func (b *Bundle) AddLogGroup(name string, p LogGroupProps) {
	rs, err := renderLogGroup(name, p)
	b.add("log group", name, rs, err)
}

// LogGroupRef refers to the log group added as name, so that CloudFormation
// creates it before the filters and queries that read it.
func LogGroupRef(name string) any { return cfn.Ref(cfn.LogicalID("LogGroup", name)) }

// AddAlertTopic adds an AlertTopic.
func (b *Bundle) AddAlertTopic(name string, p AlertTopicProps) {
	rs, err := renderAlertTopic(name, p)
	b.add("alert topic", name, rs, err)
}

// AddEventMetric adds an EventMetric; logGroup is a LogGroupRef or nil to
// use p.LogGroupName as it is.
func (b *Bundle) AddEventMetric(name string, p EventMetricProps, logGroup any) {
	rs, err := renderEventMetric(name, p, logGroup)
	b.add("event metric", name, rs, err)
}

// AddEventAlarm adds an EventAlarm.
func (b *Bundle) AddEventAlarm(name string, p EventAlarmProps) {
	rs, err := renderEventAlarm(name, p)
	b.add("event alarm", name, rs, err)
}

// AddSavedQuery adds a SavedQuery; logGroups are LogGroupRefs or nil to use
// p.LogGroupNames as they are.
func (b *Bundle) AddSavedQuery(name string, p SavedQueryProps, logGroups []any) {
	rs, err := renderSavedQuery(name, p, logGroups)
	b.add("saved query", name, rs, err)
}

// Err is the first error of an Add call, if any.
func (b *Bundle) Err() error { return b.err }

// Len is the number of CloudFormation resources in the bundle.
func (b *Bundle) Len() int { return len(b.resources) }

// Resources returns the rendered resources by logical ID, for tests and tools.
func (b *Bundle) Resources() cfn.Resources { return b.resources }
