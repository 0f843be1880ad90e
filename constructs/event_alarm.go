package constructs

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/eventwatch/eventwatch/constructs/spec"
)

// EventAlarmProps configures an EventAlarm; see spec.EventAlarmProps.
type EventAlarmProps = spec.EventAlarmProps

// AlarmActions gives the ARN notified for a severity: an AlertTopic, or
// anything else that routes alarms.
type AlarmActions = spec.AlarmActions

// EventAlarm is a CloudWatch alarm on an event metric.
type EventAlarm struct {
	constructs.Construct
	name string
}

// NewEventAlarm validates props and adds the alarm to scope; its logical ID
// comes from id. It panics on invalid props; call props.Validate() first to
// handle the error yourself.
func NewEventAlarm(scope constructs.Construct, id string, props *EventAlarmProps) *EventAlarm {
	b := spec.NewBundle()
	b.AddEventAlarm(id, *props)
	return &EventAlarm{Construct: mustInclude(scope, id, b), name: props.AlarmName}
}

// AlarmName is the alarm's name.
func (a *EventAlarm) AlarmName() string { return a.name }
