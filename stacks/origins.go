package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/eventwatch/eventwatch/internal/appconfig"
)

// origins maps the construct path of each planned item, below its stack
// ("Orders/AlarmQueueWorkerFailure"), to its config origin
// ("config/services.yaml:104: services[1].events[0]"). The stack records
// it once, as construct metadata (appconfig.OriginMetadataType) that the
// cloud assembly keeps beside the template and never sends to AWS, so that
// a rule failing on a synthesized resource names the config line.
type origins map[string]string

// add records it's origin under the path of the construct it makes.
func (o origins) add(it appconfig.Item, service string) {
	origin := it.Origin()
	if origin == "" {
		return
	}
	if p := itemPath(it, service); p != "" {
		o[p] = origin
	}
}

// itemPath is the construct path, below the stack, of the construct an
// item makes, as NewObservabilityStack names it.
func itemPath(it appconfig.Item, service string) string {
	in := func(id string) string { return serviceID(service) + "/" + id }
	switch {
	case it.Topic != nil:
		return it.Name
	case it.LogGroup != nil:
		return in(logGroupID)
	case it.Metric != nil:
		return in(metricID(it.Name, it.Service))
	case it.Alarm != nil:
		return in(alarmID(it.Name, service))
	case it.LogAlarm != nil:
		return in(logAlarmID(it.Name, service))
	case it.Silence != nil:
		return in(silenceAlarmID)
	case it.Composite != nil:
		return in(serviceAlarmID)
	case it.Dashboard != nil && !it.Summary:
		return in(dashboardID)
	case it.Query != nil:
		return queryID(it.Name)
	}
	return ""
}

// record adds the origins to the stack's metadata, one jsii call.
func (o origins) record(stack awscdk.Stack) {
	if len(o) == 0 {
		return
	}
	data := make(map[string]any, len(o))
	for k, v := range o {
		data[k] = v
	}
	stack.Node().AddMetadata(jsii.String(appconfig.OriginMetadataType), data, nil)
}
