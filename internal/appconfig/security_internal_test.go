package appconfig

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// The topics name each alarm while the names fit the policies, and one
// pattern per service once they would not.
func TestPublishingAlarmsFitThePolicies(t *testing.T) {
	c := &Config{Services: Services{Services: []Service{{Name: "orders"}, {Name: "checkout"}}}}
	few := []StackPlan{{Items: []Item{
		{Alarm: &spec.EventAlarmProps{AlarmName: "prod-orders-critical-failed"}},
		{Silence: &spec.SilenceAlarmProps{AlarmName: "prod-orders-critical-silence"}},
		{LogGroup: &spec.LogGroupProps{}},
	}}}
	if got := c.publishingAlarms("prod", few); !slices.Equal(got, []string{"prod-orders-critical-failed", "prod-orders-critical-silence"}) {
		t.Errorf("a few alarms: %v, want their exact names", got)
	}
	var many []Item
	for i := 0; i < MaxPublishingAlarmChars/publishingAlarmArnChars; i++ { // more than fit, however short the names
		many = append(many, Item{Alarm: &spec.EventAlarmProps{AlarmName: fmt.Sprintf("prod-orders-warning-%s%03d", strings.Repeat("x", 15), i)}})
	}
	if got := c.publishingAlarms("prod", []StackPlan{{Items: many}}); !slices.Equal(got, []string{"prod-orders-*", "prod-checkout-*"}) {
		t.Errorf("%d alarms: %d names, want one pattern per service", len(many), len(got))
	}
}
